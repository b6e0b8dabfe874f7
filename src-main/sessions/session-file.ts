import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { sessionStates } from '../../src-shared/contract';

/**
 * Non-secret metadata of every minted token, so countdowns and "still live on Deel" survive a
 * restart. The token value is never part of it: the schema has no field that could hold one.
 */
export const storedSessionSchema = z
  .object({
    id: z.string(),
    workerId: z.string(),
    workerName: z.string(),
    mintedAt: z.string(),
    expiresAt: z.string().nullable(),
    state: z.enum(sessionStates),
    stateChangedAt: z.string(),
    revealed: z.boolean(),
    /** Deel's request id for the mint (absent in files written before it was kept). */
    requestId: z.string().max(200).optional(),
  })
  .strict();
export type StoredSession = z.infer<typeof storedSessionSchema>;

const fileSchema = z
  .object({ version: z.literal(1), sessions: z.array(storedSessionSchema) })
  .strict();

/** At most this many sessions are kept on disk; the oldest finished ones go first. */
export const MAX_STORED_SESSIONS = 5_000;

export interface LoadResult {
  sessions: StoredSession[];
  /** Set when the file existed but could not be read: it was moved aside to this path. */
  movedAsideTo?: string;
}

export async function loadSessions(path: string, now = Date.now()): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { sessions: [] };
  }
  try {
    return { sessions: fileSchema.parse(JSON.parse(text)).sessions };
  } catch {
    const movedAsideTo = `${path}.corrupt-${now}`;
    await rename(path, movedAsideTo);
    return { sessions: [], movedAsideTo };
  }
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export async function saveSessions(path: string, sessions: StoredSession[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const kept = sessions.slice(-MAX_STORED_SESSIONS);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ version: 1, sessions: kept })}\n`, { mode: 0o600 });
  await rename(temp, path);
}
