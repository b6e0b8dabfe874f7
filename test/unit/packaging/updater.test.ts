import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// electron-updater is mocked: the real one needs Electron's `app`. Mocked the way Node's ESM
// sees the CommonJS package, with `autoUpdater` on `default`.
const updater = vi.hoisted(() => ({
  autoDownload: false,
  autoInstallOnAppQuit: false,
  setFeedURL: vi.fn(),
  checkForUpdatesAndNotify: vi.fn(async (): Promise<unknown> => null),
  on: vi.fn(),
}));
const loaded = vi.hoisted(() => ({ count: 0 }));
vi.mock('electron-updater', () => {
  loaded.count++;
  return { default: { autoUpdater: updater } };
});

import {
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  startAutoUpdates,
  updaterState,
  UPDATE_URL_ENV,
} from '../../../src-main/app/updater';

const URL_ENV = { [UPDATE_URL_ENV]: 'https://updates.example.com/deel-console' };
const packaged = { isPackaged: true };

function fakeTimers() {
  const timeouts: { callback: () => void; ms: number }[] = [];
  const intervals: { callback: () => void; ms: number }[] = [];
  return {
    timeouts,
    intervals,
    setTimeout: (callback: () => void, ms: number) => (timeouts.push({ callback, ms }), {}),
    setInterval: (callback: () => void, ms: number) => (intervals.push({ callback, ms }), {}),
  };
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let resources: string;
beforeEach(() => {
  vi.clearAllMocks();
  updater.checkForUpdatesAndNotify.mockImplementation(async () => null);
  resources = mkdtempSync(join(tmpdir(), 'deel-console-updater-'));
});
afterEach(() => rmSync(resources, { recursive: true, force: true }));

describe('auto-update', () => {
  it('is off in development, whatever is configured', () => {
    const timers = fakeTimers();
    const state = startAutoUpdates({
      app: { isPackaged: false },
      isDemo: () => false,
      env: URL_ENV,
      resourcesPath: resources,
      timers,
    });
    expect(state).toEqual({ enabled: false, reason: 'development' });
    expect(timers.timeouts).toHaveLength(0);
  });

  it('is off when no publish URL is configured (no env, no app-update.yml)', () => {
    const timers = fakeTimers();
    const isDemo = vi.fn(() => false);
    const state = startAutoUpdates({
      app: packaged,
      isDemo,
      env: {},
      resourcesPath: resources,
      timers,
    });
    expect(state).toEqual({ enabled: false, reason: 'no-update-url' });
    expect(timers.timeouts).toHaveLength(0);
    expect(isDemo).not.toHaveBeenCalled();
  });

  it('is off on demo data', () => {
    const timers = fakeTimers();
    const state = startAutoUpdates({
      app: packaged,
      isDemo: () => true,
      env: URL_ENV,
      resourcesPath: resources,
      timers,
    });
    expect(state).toEqual({ enabled: false, reason: 'demo' });
    expect(timers.timeouts).toHaveLength(0);
  });

  it('refuses a non-https update URL, with a warning', () => {
    const warn = vi.fn();
    const state = startAutoUpdates({
      app: packaged,
      isDemo: () => false,
      env: { [UPDATE_URL_ENV]: 'http://updates.example.com' },
      resourcesPath: resources,
      timers: fakeTimers(),
      warn,
    });
    expect(state).toEqual({ enabled: false, reason: 'invalid-update-url' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('https'));
  });

  it('never blocks start-up: returns at once and checks later on unref-able timers', async () => {
    const timers = fakeTimers();
    const before = loaded.count;
    const state = startAutoUpdates({
      app: packaged,
      isDemo: () => false,
      env: URL_ENV,
      resourcesPath: resources,
      timers,
    });
    expect(state).toEqual({ enabled: true, feed: 'env' });
    expect(timers.timeouts.map((t) => t.ms)).toEqual([FIRST_CHECK_DELAY_MS]);
    expect(timers.intervals.map((t) => t.ms)).toEqual([CHECK_INTERVAL_MS]);
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(loaded.count).toBe(before);

    timers.timeouts[0]!.callback();
    await flush();
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: URL_ENV[UPDATE_URL_ENV],
    });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);

    timers.intervals[0]!.callback();
    await flush();
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
    expect(updater.setFeedURL).toHaveBeenCalledTimes(1);
  });

  it('uses the app-update.yml electron-builder packaged when there is no env URL', async () => {
    writeFileSync(join(resources, 'app-update.yml'), 'provider: generic\nurl: https://x.example\n');
    const timers = fakeTimers();
    const state = startAutoUpdates({
      app: packaged,
      isDemo: () => false,
      env: {},
      resourcesPath: resources,
      timers,
    });
    expect(state).toEqual({ enabled: true, feed: 'app-update.yml' });
    timers.timeouts[0]!.callback();
    await flush();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
  });

  it('a failing check ends as a warning, never as an exception', async () => {
    updater.checkForUpdatesAndNotify.mockRejectedValue(new Error('feed unreachable'));
    const warn = vi.fn();
    const timers = fakeTimers();
    startAutoUpdates({
      app: packaged,
      isDemo: () => false,
      env: URL_ENV,
      resourcesPath: resources,
      timers,
      warn,
    });
    timers.timeouts[0]!.callback();
    await flush();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('feed unreachable'));
    // electron-updater's own error events are logged too.
    const [, onError] = updater.on.mock.calls.find(([event]) => event === 'error')!;
    (onError as (error: Error) => void)(new Error('signature mismatch'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('signature mismatch'));
  });

  it('a loader failure ends as a warning too', async () => {
    const warn = vi.fn();
    const timers = fakeTimers();
    startAutoUpdates({
      app: packaged,
      isDemo: () => false,
      env: URL_ENV,
      resourcesPath: resources,
      timers,
      warn,
      loadUpdater: () => Promise.reject(new Error('cannot load')),
    });
    timers.timeouts[0]!.callback();
    await flush();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('cannot load'));
  });

  it('skips a scheduled check once the console is on demo data', async () => {
    let demo = false;
    const timers = fakeTimers();
    startAutoUpdates({
      app: packaged,
      isDemo: () => demo,
      env: URL_ENV,
      resourcesPath: resources,
      timers,
    });
    demo = true;
    timers.timeouts[0]!.callback();
    await flush();
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
  });

  it('decides without side effects', () => {
    expect(updaterState({ app: packaged, isDemo: () => false, env: URL_ENV })).toEqual({
      enabled: true,
      feed: 'env',
    });
  });
});
