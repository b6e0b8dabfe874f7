import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type LauncherName = 'electron' | 'chromium';

export interface LauncherChoice {
  name: LauncherName;
  /** The executable that will be started. */
  executablePath: string;
  /** Why this launcher was chosen, printed at the start of every e2e run. */
  reason: string;
}

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Finds an Electron binary without `require('electron')`, which would try to download one.
 * Order: $ELECTRON_PATH, then the dist installed by the `electron` package.
 */
export function findElectronBinary(): { path: string; source: string } | undefined {
  const fromEnv = process.env.ELECTRON_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv, source: '$ELECTRON_PATH' } : undefined;
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    const binary = join(packageDir, 'dist', relative);
    return existsSync(binary) ? { path: binary, source: 'node_modules/electron/dist' } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Electron when a binary is present, Debian's Chromium with the loopback bridge otherwise.
 * `E2E_LAUNCHER=electron|chromium` forces one; forcing a launcher that is missing is an error,
 * never a silent fallback.
 */
export function chooseLauncher(): LauncherChoice {
  const forced = process.env.E2E_LAUNCHER;
  if (forced && forced !== 'electron' && forced !== 'chromium') {
    throw new Error(`E2E_LAUNCHER must be "electron" or "chromium", not "${forced}"`);
  }
  const electron = forced === 'chromium' ? undefined : findElectronBinary();
  if (electron) {
    return {
      name: 'electron',
      executablePath: electron.path,
      reason: `Electron binary from ${electron.source}`,
    };
  }
  if (forced === 'electron') {
    throw new Error(
      'E2E_LAUNCHER=electron but no Electron binary was found (set ELECTRON_PATH or install electron).',
    );
  }
  if (!existsSync(DEBIAN_CHROMIUM)) {
    throw new Error(
      `No Electron binary and no ${DEBIAN_CHROMIUM}: install Debian's chromium package (see README).`,
    );
  }
  return {
    name: 'chromium',
    executablePath: DEBIAN_CHROMIUM,
    reason:
      forced === 'chromium'
        ? 'forced by E2E_LAUNCHER=chromium'
        : 'no Electron binary on this machine: built renderer in Debian Chromium, real main-process handlers behind the loopback bridge',
  };
}
