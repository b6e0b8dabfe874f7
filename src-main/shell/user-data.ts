import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export type UserDataOverride =
  { kind: 'none' } | { kind: 'ok'; path: string } | { kind: 'error'; path: string; code: string };

/**
 * `DEEL_CONSOLE_USER_DATA` as Electron's `app.setPath` needs it: absolute (Electron throws on a
 * relative path) and existing. A relative value is taken relative to the working directory.
 */
export function resolveUserDataOverride(
  value: string | undefined,
  cwd: string = process.cwd(),
): UserDataOverride {
  if (value === undefined || value.trim() === '') return { kind: 'none' };
  const path = resolve(cwd, value);
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    return { kind: 'ok', path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    return { kind: 'error', path, code };
  }
}

export function userDataErrorMessage(
  override: Extract<UserDataOverride, { kind: 'error' }>,
): string {
  return `DEEL_CONSOLE_USER_DATA points to ${override.path}, which cannot be used as the console's data folder (${override.code}). Set it to a folder you can write to, or unset it.`;
}
