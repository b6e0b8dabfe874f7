import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../../src-shared/channels';
import { APP_ID } from '../../../src-main/shell/app-identity';

// The app entry with a mocked `electron` and a stub core: asserts the lifecycle wiring only.
// The real chain (built bundle, stand-in Electron with the real API's rules) is in
// test/start-path.
const mocks = vi.hoisted(() => {
  const order: string[] = [];
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const windows: {
    options: { webPreferences: Record<string, unknown> };
    webContents: { mainFrame: object };
  }[] = [];
  let resolveReady: () => void = () => undefined;
  const app = {
    isPackaged: true,
    isReady: vi.fn(() => true),
    lock: true,
    requestSingleInstanceLock: vi.fn(() => app.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    setPath: vi.fn(),
    setAppUserModelId: vi.fn(),
    getPath: vi.fn(() => '/home/ops/.config/deel-console'),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) =>
      listeners.set(event, listener),
    ),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (resolveReady = resolve))),
  };
  class BrowserWindow {
    static getAllWindows = vi.fn(() => windows);
    webContents = {
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      isDestroyed: () => false,
      mainFrame: { parent: null, processId: 3, frameToken: 'main' },
      session: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    };
    once = vi.fn();
    on = vi.fn();
    loadURL = vi.fn((url: string) => {
      order.push(`loadURL ${url}`);
      return Promise.resolve();
    });
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      order.push('window');
      windows.push(this);
    }
  }
  const ipcMain = {
    handle: vi.fn((channel: string, _handler: unknown) => order.push(`handle ${channel}`)),
  };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => order.push('privileged scheme')),
    handle: vi.fn((scheme: string) => order.push(`protocol ${scheme}`)),
  };
  const net = { fetch: vi.fn(async () => new Response('{}')) };
  const dialog = { showSaveDialog: vi.fn(), showErrorBox: vi.fn() };
  const Menu = {
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
    setApplicationMenu: vi.fn(),
  };
  let finishStart: () => void = () => undefined;
  const close = vi.fn(async () => undefined);
  const overview = vi.fn(async () => ({
    environment: 'demo',
    organization: { id: 'demo', name: 'Demo' },
    workerCount: 3,
  }));
  const startConsoleCore = vi.fn(async () => {
    order.push('core');
    await new Promise<void>((resolve) => (finishStart = resolve));
    return { handlers: { getOverview: overview }, environment: () => 'demo', close };
  });
  return {
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    net,
    Menu,
    dialog,
    listeners,
    windows,
    order,
    startConsoleCore,
    close,
    overview,
    ready: () => resolveReady(),
    finishStart: () => finishStart(),
  };
});

vi.mock('electron', () => ({
  app: mocks.app,
  BrowserWindow: mocks.BrowserWindow,
  ipcMain: mocks.ipcMain,
  protocol: mocks.protocol,
  net: mocks.net,
  Menu: mocks.Menu,
  shell: { openExternal: vi.fn() },
  dialog: mocks.dialog,
  Notification: Object.assign(vi.fn(), { isSupported: vi.fn(() => false) }),
  clipboard: { writeText: vi.fn(), readText: vi.fn(), clear: vi.fn() },
  safeStorage: {
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    encryptStringAsync: vi.fn(),
    decryptStringAsync: vi.fn(),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  },
}));
vi.mock('../../../src-main/app/core', () => ({ startConsoleCore: mocks.startConsoleCore }));
vi.mock('../../../src-main/app/updater', () => ({ startAutoUpdates: vi.fn() }));
vi.mock('../../../src-main/shell/settings-store', () => ({
  openSettingsStore: vi.fn(() => ({ store: new Map(), recovery: { recovered: false } })),
}));

async function boot() {
  vi.resetModules();
  await import('../../../src-main/index');
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const realPlatform = process.platform;
const setPlatform = (platform: NodeJS.Platform) =>
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });

describe('the app entry', () => {
  const temp: string[] = [];
  beforeEach(() => {
    vi.clearAllMocks();
    mocks.windows.length = 0;
    mocks.order.length = 0;
    mocks.listeners.clear();
    mocks.app.lock = true;
    delete process.env.DEEL_CONSOLE_USER_DATA;
  });
  afterEach(() => {
    delete process.env.DEEL_CONSOLE_USER_DATA;
    setPlatform(realPlatform);
    for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('quits at once when another instance holds the lock', async () => {
    mocks.app.lock = false;
    await boot();
    expect(mocks.app.quit).toHaveBeenCalled();
    expect(mocks.app.whenReady).not.toHaveBeenCalled();
  });

  it('registers every channel, then opens one sandboxed window on app://, then starts the core', async () => {
    await boot();
    expect(mocks.order).toEqual([
      'privileged scheme',
      ...Object.values(invokeChannels).map((channel) => `handle ${channel}`),
    ]);
    mocks.ready();
    await flush();
    const afterHandlers = mocks.order.slice(Object.values(invokeChannels).length + 1);
    expect(afterHandlers).toEqual([
      'protocol app',
      'window',
      'loadURL app://bundle/index.html',
      'core',
    ]);
    const prefs = mocks.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    const menu = JSON.stringify(mocks.Menu.buildFromTemplate.mock.calls[0]![0]);
    expect(menu).not.toContain('reload');
  });

  it('answers a call the page makes while the core is still starting, once it has started', async () => {
    await boot();
    mocks.ready();
    await flush();
    const handler = mocks.ipcMain.handle.mock.calls.find(
      (call) => call[0] === invokeChannels.getOverview,
    )![1] as unknown as (event: object, input: unknown) => Promise<unknown>;
    const contents = mocks.windows[0]!.webContents;
    let answer: unknown;
    void handler({ sender: contents, senderFrame: contents.mainFrame }, undefined).then(
      (result) => (answer = result),
    );
    await flush();
    expect(answer).toBeUndefined();
    mocks.finishStart();
    await flush();
    await flush();
    expect(answer).toEqual({ ok: true, data: expect.objectContaining({ environment: 'demo' }) });
  });

  it('sends Deel calls through Electron net.fetch', async () => {
    await boot();
    mocks.ready();
    await flush();
    const ports = (mocks.startConsoleCore.mock.calls[0] as unknown[])[0] as {
      fetch: typeof fetch;
      cipher: { backend(): string };
    };
    await ports.fetch('https://api.letsdeel.com/rest/v2/organizations', { method: 'GET' });
    expect(mocks.net.fetch).toHaveBeenCalledWith('https://api.letsdeel.com/rest/v2/organizations', {
      method: 'GET',
    });
    expect(ports.cipher.backend()).toBe('gnome_libsecret');
  });

  it('says why and exits when the core cannot start, instead of hanging with an empty window', async () => {
    mocks.startConsoleCore.mockRejectedValueOnce(new Error('listen EADDRNOTAVAIL 127.0.0.1'));
    await boot();
    mocks.ready();
    await flush();
    expect(mocks.dialog.showErrorBox).toHaveBeenCalledWith(
      'Deel Worker Token Console could not start',
      'listen EADDRNOTAVAIL 127.0.0.1',
    );
    expect(mocks.app.exit).toHaveBeenCalledWith(1);
  });

  it('resolves a relative user-data override to an absolute folder and creates it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deel-console-cwd-'));
    temp.push(dir);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      process.env.DEEL_CONSOLE_USER_DATA = 'profiles/e2e';
      await boot();
    } finally {
      process.chdir(cwd);
    }
    expect(mocks.app.setPath).toHaveBeenCalledWith('userData', join(dir, 'profiles/e2e'));
    expect(mocks.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('shows a clear error and exits when the user-data override cannot be used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deel-console-cwd-'));
    temp.push(dir);
    writeFileSync(join(dir, 'a-file'), '');
    process.env.DEEL_CONSOLE_USER_DATA = join(dir, 'a-file', 'profile');
    await boot();
    expect(mocks.app.setPath).not.toHaveBeenCalled();
    expect(mocks.dialog.showErrorBox).toHaveBeenCalledWith(
      'Deel Worker Token Console could not start',
      expect.stringContaining(`DEEL_CONSOLE_USER_DATA points to ${join(dir, 'a-file', 'profile')}`),
    );
    expect(mocks.app.exit).toHaveBeenCalledWith(1);
    expect(mocks.app.whenReady).not.toHaveBeenCalled();
  });

  it('sets the AppUserModelID on Windows only, to the packaged app id', async () => {
    setPlatform('linux');
    await boot();
    expect(mocks.app.setAppUserModelId).not.toHaveBeenCalled();
    setPlatform('win32');
    await boot();
    expect(mocks.app.setAppUserModelId).toHaveBeenCalledWith(APP_ID);
  });

  it('holds the quit until the core has closed', async () => {
    await boot();
    mocks.ready();
    await flush();
    mocks.finishStart();
    await flush();
    let closed: () => void = () => undefined;
    mocks.close.mockImplementationOnce(
      () => new Promise<undefined>((r) => (closed = () => r(undefined))),
    );
    const event = { preventDefault: vi.fn() };
    mocks.listeners.get('before-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await flush();
    expect(mocks.close).toHaveBeenCalledTimes(1);
    expect(mocks.app.quit).not.toHaveBeenCalled();
    closed();
    await flush();
    expect(mocks.app.quit).toHaveBeenCalledTimes(1);
    const again = { preventDefault: vi.fn() };
    mocks.listeners.get('before-quit')!(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when the last window closes', async () => {
    await boot();
    mocks.listeners.get('window-all-closed')?.();
    expect(mocks.app.quit).toHaveBeenCalled();
  });
});
