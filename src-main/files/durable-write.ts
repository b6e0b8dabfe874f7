import { chmodSync } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Replaces a file so that a crash leaves either the old content or the new, never a mix: a
 * temp file in the same folder, fsync'd, renamed over the file, and the folder fsync'd so the
 * rename itself survives a crash. Rejects when any step fails (a full disk, a read-only
 * folder); the temp file is removed then, and the old file is untouched.
 */
export async function replaceFileDurably(
  path: string,
  content: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await open(temp, 'w', options.mode ?? 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** fsync of the folder: makes a rename durable on POSIX; Windows cannot open a folder for it. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes an existing file readable and writable by its owner only (0600): a file created by an
 * earlier build or by hand with 0644 would otherwise stay readable by other users. A missing
 * file is fine; POSIX only (Windows has no such modes).
 */
export async function restrictToOwner(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    await chmod(path, 0o600);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
}

/** `restrictToOwner` for the synchronous start-up path (the settings file). */
export function restrictToOwnerSync(path: string): void {
  if (process.platform === 'win32') return;
  try {
    chmodSync(path, 0o600);
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
}

/** Whether a file-system error says the path does not exist. */
export function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
