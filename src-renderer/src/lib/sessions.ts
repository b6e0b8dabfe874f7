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
