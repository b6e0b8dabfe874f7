import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Auto-update through electron-updater, off unless a feed is configured:
 *
 * - `DEEL_CONSOLE_UPDATE_URL` (https) at run time: a generic feed (the folder holding the
 *   `latest*.yml` files and installers electron-builder wrote), or
 * - `app-update.yml` in the app's resources, which electron-builder writes when the installers
 *   were built with `DEEL_CONSOLE_UPDATE_URL` set (see electron-builder.config.ts).
 *
 * Never in development (unpackaged) or on demo data, and never in the way of start-up: this
 * returns at once, the check runs later on a timer, electron-updater is only loaded then, and
 * every failure ends as a warning. A downloaded update installs when the app quits.
 */

export const UPDATE_URL_ENV = 'DEEL_CONSOLE_UPDATE_URL';
/** How long after start-up the first check waits: the window and core come first. */
export const FIRST_CHECK_DELAY_MS = 15_000;
/** Then every few hours while the console stays open. */
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export type UpdaterState =
  | { enabled: true; feed: 'env' | 'app-update.yml' }
  | {
      enabled: false;
      reason: 'development' | 'no-update-url' | 'invalid-update-url' | 'demo';
    };

/** The part of electron-updater's AppUpdater this uses. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdaterOptions {
  app: { isPackaged: boolean };
  /** True while the console runs on demo data; asked at start and before every check. */
  isDemo: () => boolean;
  env?: Record<string, string | undefined>;
  /** Electron's `process.resourcesPath` (where electron-builder puts app-update.yml). */
  resourcesPath?: string;
  loadUpdater?: () => Promise<AutoUpdaterLike>;
  timers?: {
    setTimeout(callback: () => void, ms: number): { unref?: () => void };
    setInterval(callback: () => void, ms: number): { unref?: () => void };
  };
  warn?: (message: string) => void;
}

async function loadElectronUpdater(): Promise<AutoUpdaterLike> {
  // electron-updater is CommonJS with a getter export: from ESM it is on `default`.
  const loaded = (await import('electron-updater')) as unknown as {
    autoUpdater?: AutoUpdaterLike;
    default?: { autoUpdater: AutoUpdaterLike };
  };
  const updater = loaded.default?.autoUpdater ?? loaded.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

/** Decides whether updates are on; no side effects. */
export function updaterState(options: UpdaterOptions): UpdaterState {
  if (!options.app.isPackaged) return { enabled: false, reason: 'development' };
  const env = options.env ?? process.env;
  const url = env[UPDATE_URL_ENV]?.trim();
  let feed: 'env' | 'app-update.yml';
  if (url) {
    if (!isHttpsUrl(url)) return { enabled: false, reason: 'invalid-update-url' };
    feed = 'env';
  } else if (options.resourcesPath && existsSync(join(options.resourcesPath, 'app-update.yml'))) {
    feed = 'app-update.yml';
  } else {
    return { enabled: false, reason: 'no-update-url' };
  }
  if (options.isDemo()) return { enabled: false, reason: 'demo' };
  return { enabled: true, feed };
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Starts background update checks when they are on. Returns synchronously with the decision;
 * nothing it does later can throw into the caller.
 */
export function startAutoUpdates(options: UpdaterOptions): UpdaterState {
  const resourcesPath =
    options.resourcesPath ?? (process as { resourcesPath?: string }).resourcesPath;
  const state = updaterState({ ...options, resourcesPath });
  const warn = options.warn ?? ((message: string) => console.warn(message));
  if (!state.enabled) {
    if (state.reason === 'invalid-update-url') {
      warn(`[updater] ${UPDATE_URL_ENV} is not an https: URL; updates are off`);
    }
    return state;
  }
  const timers = options.timers ?? { setTimeout, setInterval };
  const load = options.loadUpdater ?? loadElectronUpdater;
  const env = options.env ?? process.env;

  let updater: Promise<AutoUpdaterLike> | undefined;
  const prepare = () =>
    (updater ??= load().then((loaded) => {
      loaded.autoDownload = true;
      loaded.autoInstallOnAppQuit = true;
      loaded.on('error', (error) => warn(`[updater] ${error.message}`));
      const url = env[UPDATE_URL_ENV]?.trim();
      if (state.feed === 'env' && url) loaded.setFeedURL({ provider: 'generic', url });
      return loaded;
    }));

  let checking = false;
  const check = async () => {
    if (checking || options.isDemo()) return;
    checking = true;
    try {
      await (await prepare()).checkForUpdatesAndNotify();
    } catch (error) {
      warn(`[updater] update check failed: ${error instanceof Error ? error.message : error}`);
    } finally {
      checking = false;
    }
  };

  timers.setTimeout(() => void check(), FIRST_CHECK_DELAY_MS).unref?.();
  timers.setInterval(() => void check(), CHECK_INTERVAL_MS).unref?.();
  return state;
}
