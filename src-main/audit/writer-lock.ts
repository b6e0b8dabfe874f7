import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { z } from 'zod';

/**
 * One process writes the audit log: two writers would fork its hash chain. The lock is a file
 * created exclusively beside the log, naming the process that holds it. A lock whose process
 * is gone (a crash, a kill -9) is taken over at once, so a restart after a crash never waits;
 * a lock held by a live process is refused with the holder's pid.
 *
 * Hand-written rather than `proper-lockfile`: that library decides staleness by mtime (10 s by
 * default, refreshed on a timer), so a console restarted right after a crash would be refused
 * until the old lock aged out. Liveness of the named pid answers at once.
 */
export class AuditLogLockedError extends Error {
  override readonly name = 'AuditLogLockedError';
  /** Like a file-system error's code, so callers that report `code` name the cause. */
  readonly code = 'ELOCKED';
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
  ) {
    super(
      `Another console process (pid ${holderPid}) is writing this audit log. Close it first; if none is running, delete ${lockPath}.`,
    );
  }
}

const lockFileSchema = z.object({ pid: z.number().int().positive(), host: z.string() });

export interface WriterLock {
  readonly path: string;
  release(): Promise<void>;
}

export async function acquireWriterLock(path: string): Promise<WriterLock> {
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  });
  // Two tries: the second after removing a lock its process left behind.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(mine, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { path, release: () => releaseIfMine(path) };
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    const holder = await readHolder(path);
    if (holder && holder.pid === process.pid && holder.host === hostname()) {
      // This process already holds it (a core restarted in the same process): one writer still.
      return { path, release: () => releaseIfMine(path) };
    }
    if (holder && (holder.host !== hostname() || isAlive(holder.pid))) {
      throw new AuditLogLockedError(path, holder.pid);
    }
    // No readable holder (torn by a crash) or a holder that is gone: the lock is stale.
    await rm(path, { force: true });
  }
  const holder = await readHolder(path);
  throw new AuditLogLockedError(path, holder?.pid ?? 0);
}

async function readHolder(path: string): Promise<z.infer<typeof lockFileSchema> | undefined> {
  try {
    const parsed = lockFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function releaseIfMine(path: string): Promise<void> {
  const holder = await readHolder(path);
  if (holder?.pid === process.pid) await rm(path, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
