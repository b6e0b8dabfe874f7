import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../../src-shared/channels';

// The app entry with a mocked `electron` and a stub core: asserts the lifecycle wiring only.
const mocks = vi.hoisted(() => {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: { webPreferences: Record<string, unknown> } }[] = [];
  let resolveReady: () => void = () => undefined;
  const app = {
    isPackaged: true,
    isReady: vi.fn(() => true),
    lock: true,
    requestSingleInstanceLock: vi.fn(() => app.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    setPath: vi.fn(),
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
      session: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    };
    once = vi.fn();
    loadURL = vi.fn(() => Promise.resolve());
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
    }
  }
  const ipcMain = { handle: vi.fn() };
  const dialog = { showSaveDialog: vi.fn(), showErrorBox: vi.fn() };
  const Menu = {
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
    setApplicationMenu: vi.fn(),
  };
  const startConsoleCore = vi.fn(async () => ({
    handlers: {},
    environment: 'demo',
    close: vi.fn(async () => undefined),
  }));
  return {
    app,
    BrowserWindow,
    ipcMain,
    Menu,
    dialog,
    listeners,
    windows,
    startConsoleCore,
    ready: () => resolveReady(),
  };
});

vi.mock('electron', () => ({
  app: mocks.app,
  BrowserWindow: mocks.BrowserWindow,
  ipcMain: mocks.ipcMain,
  Menu: mocks.Menu,
  shell: { openExternal: vi.fn() },
  dialog: mocks.dialog,
  Notification: Object.assign(vi.fn(), { isSupported: vi.fn(() => false) }),
  clipboard: { writeText: vi.fn(), readText: vi.fn(), clear: vi.fn() },
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    encryptString: vi.fn(),
    decryptString: vi.fn(),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  },
}));
vi.mock('../../../src-main/app/core', () => ({ startConsoleCore: mocks.startConsoleCore }));
vi.mock('../../../src-main/shell/settings-store', () => ({
  openSettingsStore: vi.fn(() => ({ store: new Map(), recovery: { recovered: false } })),
}));

async function boot() {
  vi.resetModules();
  await import('../../../src-main/index');
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the app entry', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocks.windows.length = 0;
    mocks.listeners.clear();
    mocks.app.lock = true;
    delete process.env.DEEL_CONSOLE_USER_DATA;
  });
  afterEach(() => {
    delete process.env.DEEL_CONSOLE_USER_DATA;
  });

  it('quits at once when another instance holds the lock', async () => {
    mocks.app.lock = false;
    await boot();
    expect(mocks.app.quit).toHaveBeenCalled();
    expect(mocks.app.whenReady).not.toHaveBeenCalled();
  });

  it('starts the core after ready, registers every channel, then opens one sandboxed window', async () => {
    await boot();
    expect(mocks.startConsoleCore).not.toHaveBeenCalled();
    mocks.ready();
    await flush();
    expect(mocks.startConsoleCore).toHaveBeenCalledWith(
      expect.objectContaining({ userDataDir: '/home/ops/.config/deel-console' }),
    );
    const ports = (mocks.startConsoleCore.mock.calls[0] as unknown[])[0] as {
      cipher: { backend(): string };
    };
    expect(ports.cipher.backend()).toBe('gnome_libsecret');
    const channels = mocks.ipcMain.handle.mock.calls.map((call) => call[0] as string);
    expect(channels.sort()).toEqual(Object.values(invokeChannels).sort());
    expect(mocks.windows).toHaveLength(1);
    const prefs = mocks.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(mocks.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const menu = JSON.stringify(mocks.Menu.buildFromTemplate.mock.calls[0]![0]);
    expect(menu).not.toContain('reload');
  });

  it('says why and exits when the core cannot start, instead of hanging without a window', async () => {
    mocks.startConsoleCore.mockRejectedValueOnce(new Error('listen EADDRNOTAVAIL 127.0.0.1'));
    await boot();
    mocks.ready();
    await flush();
    expect(mocks.dialog.showErrorBox).toHaveBeenCalledWith(
      'Deel Worker Token Console could not start',
      'listen EADDRNOTAVAIL 127.0.0.1',
    );
    expect(mocks.app.exit).toHaveBeenCalledWith(1);
    expect(mocks.windows).toHaveLength(0);
  });

  it('honours a user-data override for isolated runs', async () => {
    process.env.DEEL_CONSOLE_USER_DATA = '/tmp/e2e-profile';
    await boot();
    expect(mocks.app.setPath).toHaveBeenCalledWith('userData', '/tmp/e2e-profile');
  });

  it('quits when the last window closes', async () => {
    await boot();
    mocks.listeners.get('window-all-closed')?.();
    expect(mocks.app.quit).toHaveBeenCalled();
  });
});
