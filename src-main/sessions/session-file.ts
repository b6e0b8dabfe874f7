import { copyFile, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { isMissingFile, replaceFileDurably, restrictToOwner } from '../files/durable-write';
import { sessionStates, tokenUnavailableReasons } from '../../src-shared/contract';

/**
 * Non-secret metadata of every minted token, so countdowns and "still live on Deel" survive a
 * restart. The token value is never part of it: the schema has no field that could hold one.
 */
export const storedSessionSchema = z
  .object({
    id: z.string().min(1).max(100),
    workerId: z.string().min(1).max(200),
    workerName: z.string().max(500),
    /** The worker's email as main listed it at mint (absent in files written before it was kept). */
    workerEmail: z.string().max(500).nullable().optional(),
    mintedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    state: z.enum(sessionStates),
    stateChangedAt: z.iso.datetime(),
    revealed: z.boolean(),
    /**
     * Why this run dropped the token value while it was live (a forgotten org token, a
     * connection switch); absent: it was never dropped before a quit, so a restart lost it.
     */
    tokenDroppedBecause: z.enum(tokenUnavailableReasons).optional(),
    /** Deel's request id for the mint (absent in files written before it was kept). */
    requestId: z.string().max(200).optional(),
    /** The call written down before it was sent, until its outcome is (the write-ahead intent). */
    pendingCall: z.enum(['mint', 'revoke']).optional(),
    /**
     * The mint's `Idempotency-Key`, written with the intent: a re-mint of an "outcome unknown"
     * mint re-sends it, so Deel can replay the token that mint created (absent before keys).
     */
    idempotencyKey: z.string().min(1).max(64).optional(),
    /** Deel replayed an earlier mint with the same key: that mint's request id. */
    originalRequestId: z.string().max(200).optional(),
  })
  .strict();
export type StoredSession = z.infer<typeof storedSessionSchema>;

/** The file's frame; its entries are checked one by one so one bad entry loses nothing else. */
const frameSchema = z.object({ version: z.literal(1), sessions: z.array(z.unknown()) }).strict();

/** At most this many sessions are kept on disk; only finished ones are dropped, oldest first. */
export const MAX_STORED_SESSIONS = 5_000;

/** A token Deel may still hold: never dropped from the file, whatever its size. */
const mayBeLive = (session: StoredSession) =>
  session.state === 'live' || session.state === 'outcome-unknown' || session.state === 'pending';

export interface LoadProblem {
  /** How many entries could not be read (`all`: the file itself was not readable). */
  unreadable: number | 'all';
  /** Where the file as it was is kept for the operator (a copy; never deleted). */
  copiedTo: string;
}

export interface LoadResult {
  sessions: StoredSession[];
  /** There was no file (a first start for this connection, or a file deleted since). */
  missing?: true;
  problem?: LoadProblem;
}

/**
 * Reads the sessions file entry by entry: every valid entry is kept, the rest are counted, and
 * the file as it was is copied aside so nothing is lost. One bad value never stops start-up.
 * Temp files a crash left behind are removed.
 */
export async function loadSessions(path: string, now = Date.now()): Promise<LoadResult> {
  await removeLeftoverTempFiles(path);
  await restrictToOwner(path).catch(() => undefined);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return isMissingFile(error) ? { sessions: [], missing: true } : { sessions: [] };
  }
  let frame: z.infer<typeof frameSchema> | undefined;
  try {
    frame = frameSchema.parse(JSON.parse(text));
  } catch {
    frame = undefined;
  }
  if (!frame) {
    // Nothing in it can be read: move it aside whole (the next save starts a fresh file).
    const copiedTo = `${path}.corrupt-${now}`;
    await rename(path, copiedTo);
    return { sessions: [], problem: { unreadable: 'all', copiedTo } };
  }
  const sessions: StoredSession[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  for (const entry of frame.sessions) {
    const parsed = storedSessionSchema.safeParse(entry);
    if (parsed.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      sessions.push(parsed.data);
    } else {
      unreadable += 1;
    }
  }
  if (unreadable === 0) return { sessions };
  // Copied, not moved: the file stays in place until it is rewritten with the valid entries.
  const copiedTo = `${path}.corrupt-${now}`;
  await copyFile(path, copiedTo);
  return { sessions, problem: { unreadable, copiedTo } };
}

/**
 * Writes durably: a temp file in the same folder, fsync'd, renamed over the file, and the
 * folder fsync'd so the rename itself survives a crash. Rejects when any step fails.
 */
export async function saveSessions(path: string, sessions: StoredSession[]): Promise<void> {
  const kept = capSessions(sessions);
  await replaceFileDurably(path, `${JSON.stringify({ version: 1, sessions: kept })}\n`);
}

/** Over the cap, finished sessions go first, oldest first; a token Deel may hold always stays. */
export function capSessions(sessions: StoredSession[]): StoredSession[] {
  const excess = sessions.length - MAX_STORED_SESSIONS;
  if (excess <= 0) return sessions;
  const finishedOldestFirst = sessions
    .filter((session) => !mayBeLive(session))
    .sort((a, b) => a.stateChangedAt.localeCompare(b.stateChangedAt));
  const dropped = new Set(finishedOldestFirst.slice(0, excess).map((session) => session.id));
  return sessions.filter((session) => !dropped.has(session.id));
}

async function removeLeftoverTempFiles(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) {
      await rm(join(dirname(path), name), { force: true });
    }
  }
}

/**
 * The sessions a file holds, read only (a connection this run has not opened): no temp file
 * removed, nothing moved aside, unreadable entries skipped. Missing or unreadable: none.
 */
export async function readSessionsSnapshot(path: string): Promise<StoredSession[]> {
  let frame: z.infer<typeof frameSchema>;
  try {
    frame = frameSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return [];
  }
  return frame.sessions.flatMap((entry) => {
    const parsed = storedSessionSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
