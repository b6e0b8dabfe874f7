import type { Session } from '../../../src-shared/contract';

/** The latest session (by mint time) of every worker. */
export function latestByWorker(sessions: readonly Session[]): Map<string, Session> {
  const latest = new Map<string, Session>();
  for (const session of sessions) {
    const seen = latest.get(session.workerId);
    if (!seen || session.mintedAt > seen.mintedAt) latest.set(session.workerId, session);
  }
  return latest;
}

/** Every live session, soonest expiry first. */
export function liveSessionsByExpiry(sessions: readonly Session[]): Session[] {
  return sessions
    .filter((s) => s.state === 'live')
    .sort(
      (a, b) =>
        (a.expiresAt ?? '').localeCompare(b.expiresAt ?? '') ||
        a.mintedAt.localeCompare(b.mintedAt),
    );
}

/** Deel's worker tokens last 24 h: the latest an "outcome unknown" mint's token can expire. */
const WORKER_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** When a token Deel may hold stops working at the latest: its expiry, or 24 h after its mint. */
export function latestExpiry(session: Pick<Session, 'expiresAt' | 'mintedAt'>): string {
  return (
    session.expiresAt ??
    new Date(Date.parse(session.mintedAt) + WORKER_TOKEN_LIFETIME_MS).toISOString()
  );
}

/**
 * What the Live tokens list shows: one row per worker whose token Deel may hold (live, or
 * "outcome unknown"), the worker's latest such session, soonest (latest possible) expiry first.
 * A mint still on its way (`pending`) is not listed: its answer decides.
 */
export function revocableByWorker(sessions: readonly Session[]): Session[] {
  const latest = new Map<string, Session>();
  for (const session of sessions) {
    if (session.state !== 'live' && session.state !== 'outcome-unknown') continue;
    const seen = latest.get(session.workerId);
    if (!seen || session.mintedAt > seen.mintedAt) latest.set(session.workerId, session);
  }
  return [...latest.values()].sort(
    (a, b) =>
      latestExpiry(a).localeCompare(latestExpiry(b)) ||
      a.mintedAt.localeCompare(b.mintedAt) ||
      a.workerId.localeCompare(b.workerId),
  );
}

/** Case-, accent- and spacing-insensitive text, for matching what the operator types. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether a Live tokens row matches the search box: by name, email or worker id. */
export function matchesWorkerSearch(
  worker: { workerId: string; workerName: string; workerEmail?: string | null },
  search: string,
): boolean {
  const needle = fold(search);
  if (!needle) return true;
  return [worker.workerName, worker.workerEmail ?? '', worker.workerId].some((field) =>
    fold(field).includes(needle),
  );
}
