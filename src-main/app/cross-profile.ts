import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  CrossProfileJob,
  CrossProfileToken,
  CrossProfileTokens,
  Environment,
  Session,
} from '../../src-shared/contract';
import type { ConnectionSessions } from '../sessions/connection-sessions';
import { sessionsFileName } from '../sessions/connection-sessions';
import { readSessionsSnapshot, type StoredSession } from '../sessions/session-file';

/** A connection the console knows: a saved profile's, or the demo profile's. */
export interface KnownConnection {
  key: string;
  profileId: string;
  profileName: string;
  environment: Environment;
  organizationName: string;
}

/** The states in which Deel may hold the token. */
const MAY_BE_HELD = new Set<Session['state']>(['live', 'outcome-unknown', 'pending']);

/**
 * Every token Deel may hold, across profiles: the open connections' sessions (the active one,
 * and those kept in the background, with their jobs), then the sessions files on disk of
 * connections no open profile names (an organization whose profile was replaced). Nothing here
 * carries a token value: sessions are metadata.
 */
export async function crossProfileTokens(options: {
  dir: string;
  sessions: ConnectionSessions;
  known: KnownConnection[];
  now: number;
}): Promise<CrossProfileTokens> {
  const { dir, sessions, known, now } = options;
  const byKey = new Map(known.map((connection) => [connection.key, connection]));
  const tokens: CrossProfileToken[] = [];
  const jobs: CrossProfileJob[] = [];
  const openFiles = new Set<string>();
  for (const open of sessions.open()) {
    openFiles.add(sessionsFileName(open.key));
    const at = byKey.get(open.key);
    const label = {
      profileId: open.profileId,
      profileName: at?.profileName ?? 'Demo',
      ...(at && { environment: at.environment, organizationName: at.organizationName }),
    };
    for (const session of open.service.list()) {
      if (MAY_BE_HELD.has(session.state)) tokens.push({ ...label, active: open.current, session });
    }
    const bulk = open.service.bulkJob();
    if (bulk && ['running', 'interrupted', 'stopped'].includes(bulk.state)) {
      jobs.push({
        ...label,
        kind: 'bulk-revoke',
        state: bulk.state === 'running' ? 'running' : 'paused',
        done: bulk.items.filter((item) => item.state !== 'queued').length,
        total: bulk.items.length,
      });
    }
    const sweep = open.service.sweep();
    if (sweep && ['running', 'interrupted', 'stopped'].includes(sweep.state)) {
      jobs.push({
        ...label,
        kind: 'sweep',
        state: sweep.state === 'running' ? 'running' : 'paused',
        done: sweep.revoked + sweep.noLiveToken + sweep.failed,
        ...(sweep.listComplete && { total: sweep.listed }),
      });
    }
  }
  const fileLabels = new Map(known.map((c) => [sessionsFileName(c.key), c]));
  const names = await readdir(dir).catch((): string[] => []);
  for (const name of names.sort()) {
    if (!/^sessions-.+\.json$/.test(name) || openFiles.has(name)) continue;
    const stored = await readSessionsSnapshot(join(dir, name));
    const at = fileLabels.get(name);
    for (const session of stored) {
      if (!mayBeHeld(session, now)) continue;
      tokens.push({
        ...(at
          ? {
              profileId: at.profileId,
              profileName: at.profileName,
              environment: at.environment,
              organizationName: at.organizationName,
            }
          : { profileName: 'No saved profile' }),
        active: false,
        session: storedView(session),
      });
    }
  }
  return { tokens, jobs };
}

/** A stored token Deel may still hold: live before its expiry, or an outcome not known. */
function mayBeHeld(session: StoredSession, now: number): boolean {
  if (session.state === 'live') {
    return session.expiresAt === null || Date.parse(session.expiresAt) > now;
  }
  return session.state === 'outcome-unknown' || session.state === 'pending';
}

/** A stored session as the page sees it; its value is not in memory (not opened this run). */
function storedView(session: StoredSession): Session {
  const { tokenDroppedBecause, ...rest } = session;
  delete rest.idempotencyKey;
  return {
    ...rest,
    // A pending call with no answer in a file nobody has open: its outcome is not known.
    state: session.state === 'pending' ? 'outcome-unknown' : session.state,
    available: false,
    ...(session.state === 'live' && { unavailableBecause: tokenDroppedBecause ?? 'restarted' }),
  };
}
