import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Report } from './report';

/**
 * TEST-ONLY: the `electron` module the stand-in binary gives the app's built main bundle. It is
 * not a mock that accepts anything: it enforces the rules of Electron 45's real API that the
 * shell depends on, and throws (with Electron's own wording where it has one) when they are
 * broken:
 *
 * - ready-only calls (`new BrowserWindow`, `protocol.handle`, `net.fetch`, safeStorage) throw
 *   or reject before `ready`; `protocol.registerSchemesAsPrivileged` throws after it;
 * - `app.setPath` rejects relative paths;
 * - `ipcMain.handle` refuses a second handler for a channel; `invoke` of a channel with no
 *   handler fails as in Electron;
 * - the deprecated synchronous safeStorage calls work but are reported;
 * - `app.quit()` runs before-quit / will-quit / quit (each preventable where Electron lets it)
 *   and then exits the process without waiting for work nobody awaited, as Electron does.
 *
 * Every call that matters is written to the report, in order.
 */

export interface StubOptions {
  report: Report;
  appName: string;
  appVersion: string;
}

type Listener = (...args: unknown[]) => unknown;
type Invoker = (event: unknown, ...args: unknown[]) => unknown;

/** Stand-in keyring: AES would be overkill, the point is that plaintext never reaches disk. */
const KEY = createHash('sha256').update('stand-in keyring').digest();
const seal = (plain: string) => {
  const bytes = Buffer.from(`sealed:${plain}`, 'utf8');
  return Buffer.from(bytes.map((b, i) => b ^ KEY[i % KEY.length]!));
};
const unseal = (sealed: Buffer) => {
  const text = Buffer.from(sealed.map((b, i) => b ^ KEY[i % KEY.length]!)).toString('utf8');
  if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext');
  return text.slice('sealed:'.length);
};

export const hashOf = (text: string) =>
  createHash('sha256').update(text).digest('hex').slice(0, 16);

export function createElectronStub({ report, appName, appVersion }: StubOptions) {
  let ready = false;
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));
  const paths = new Map<string, string>();
  const configHome = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  paths.set('appData', configHome);
  paths.set('userData', join(configHome, appName));
  paths.set('documents', join(homedir(), 'Documents'));
  paths.set('temp', process.env.TMPDIR ?? '/tmp');

  const requireReady = (what: string) => {
    if (!ready) {
      report.event('rule-broken', { rule: 'ready-only', what });
      throw new Error(`${what} cannot be used before the app is ready`);
    }
  };

  // ── app ──────────────────────────────────────────────────────────────────────────────────
  const appEvents = new EventEmitter();
  let exiting = false;
  const exit = (code: number, how: string) => {
    if (exiting) return;
    exiting = true;
    report.event('exit', { code, how });
    process.exit(code);
  };
  const preventable = (name: string) => {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true), defaultPrevented: false };
    appEvents.emit(name, event);
    return prevented;
  };
  const windows = new Set<StubBrowserWindow>();
  let quitting = false;

  const app = {
    isPackaged: false,
    name: appName,
    isReady: () => ready,
    whenReady: () => readyPromise,
    getName: () => appName,
    getVersion: () => appVersion,
    on(event: string, listener: Listener) {
      appEvents.on(event, listener);
      return app;
    },
    once(event: string, listener: Listener) {
      appEvents.once(event, listener);
      return app;
    },
    getPath(name: string) {
      const value = paths.get(name);
      if (!value) throw new Error(`Failed to get '${name}' path`);
      return value;
    },
    setPath(name: string, value: string) {
      report.event('app.setPath', { name, path: value });
      if (!isAbsolute(value)) {
        report.event('rule-broken', { rule: 'absolute-path', what: `app.setPath('${name}')` });
        throw new Error(`Path must be absolute: ${value}`);
      }
      paths.set(name, value);
    },
    setAppUserModelId(id: string) {
      report.event('app.setAppUserModelId', { id });
    },
    requestSingleInstanceLock() {
      report.event('app.requestSingleInstanceLock', { userData: paths.get('userData') });
      return true;
    },
    quit() {
      report.event('app.quit');
      if (quitting) return;
      if (preventable('before-quit')) {
        report.event('before-quit prevented');
        return;
      }
      quitting = true;
      for (const window of [...windows]) window.destroy();
      if (preventable('will-quit')) {
        quitting = false;
        report.event('will-quit prevented');
        return;
      }
      appEvents.emit('quit', {}, 0);
      // Electron does not wait for promises here: whatever was started and not awaited by a
      // prevented before-quit is cut off. A microtask is as long as it gives them.
      queueMicrotask(() => exit(0, 'quit'));
    },
    exit(code = 0) {
      report.event('app.exit', { code });
      exit(code, 'app.exit');
    },
  };

  // ── ipcMain / ipcRenderer ────────────────────────────────────────────────────────────────
  const handlers = new Map<string, Invoker>();
  const ipcMainListeners = new EventEmitter();
  const ipcMain = {
    handle(channel: string, handler: Invoker) {
      if (handlers.has(channel)) {
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      }
      handlers.set(channel, handler);
      report.event('ipcMain.handle', { channel });
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    on(channel: string, listener: Listener) {
      ipcMainListeners.on(channel, listener);
      report.event('ipcMain.on', { channel });
      return ipcMain;
    },
  };

  // ── protocol ─────────────────────────────────────────────────────────────────────────────
  const schemeHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const privileged = new Map<string, unknown>();
  const protocol = {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: unknown }[]) {
      if (ready) {
        report.event('rule-broken', { rule: 'before-ready', what: 'registerSchemesAsPrivileged' });
        throw new Error(
          'protocol.registerSchemesAsPrivileged should be called before app is ready',
        );
      }
      for (const { scheme, privileges } of schemes) privileged.set(scheme, privileges ?? {});
      report.event('protocol.registerSchemesAsPrivileged', { schemes });
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
      requireReady('protocol.handle');
      if (schemeHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      schemeHandlers.set(scheme, handler);
      report.event('protocol.handle', { scheme, privileged: privileged.has(scheme) });
    },
    isProtocolHandled: (scheme: string) => schemeHandlers.has(scheme),
  };

  /** What the renderer's network stack would do for a URL: custom schemes through their handler. */
  async function load(url: string): Promise<{ status: number; type: string; body: string }> {
    const scheme = new URL(url).protocol.slice(0, -1);
    if (scheme === 'file') {
      const path = decodeURIComponent(new URL(url).pathname);
      return existsSync(path)
        ? { status: 200, type: 'file', body: '' }
        : { status: 404, type: '', body: '' };
    }
    const handler = schemeHandlers.get(scheme);
    if (handler) {
      const response = await handler(new Request(url));
      return {
        status: response.status,
        type: response.headers.get('content-type') ?? '',
        body: await response.text(),
      };
    }
    return { status: -1, type: '', body: `ERR_UNKNOWN_URL_SCHEME ${scheme}` };
  }

  // ── BrowserWindow / webContents ──────────────────────────────────────────────────────────
  let nextWindowId = 1;
  const rendererListeners = new Map<string, Set<Listener>>();

  /** on/once/emit, without exposing EventEmitter's statics in this module's types. */
  class Emitter {
    readonly events = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.events.set(event, [...(this.events.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      const once: Listener = (...args) => {
        this.events.set(
          event,
          (this.events.get(event) ?? []).filter((l) => l !== once),
        );
        return listener(...args);
      };
      return this.on(event, once);
    }
    emit(event: string, ...args: unknown[]) {
      const listeners = this.events.get(event) ?? [];
      for (const listener of listeners) listener(...args);
      return listeners.length > 0;
    }
  }

  class StubWebContents extends Emitter {
    readonly id: number;
    destroyed = false;
    readonly mainFrame: { processId: number; frameToken: string; parent: null; url: string };
    readonly session = {
      setPermissionRequestHandler: () => report.event('session.setPermissionRequestHandler'),
      setPermissionCheckHandler: () => report.event('session.setPermissionCheckHandler'),
    };
    windowOpenHandler: unknown;
    constructor(id: number) {
      super();
      this.id = id;
      this.mainFrame = { processId: 100 + id, frameToken: randomUUID(), parent: null, url: '' };
    }
    isDestroyed = () => this.destroyed;
    setWindowOpenHandler(handler: unknown) {
      this.windowOpenHandler = handler;
    }
    send(channel: string, payload: unknown) {
      if (this.destroyed) throw new Error('Object has been destroyed');
      for (const listener of rendererListeners.get(channel) ?? [])
        listener({ sender: undefined }, structuredClone(payload));
    }
  }

  class StubBrowserWindow extends Emitter {
    static getAllWindows = () => [...windows];
    readonly webContents: StubWebContents;
    readonly options: { webPreferences?: Record<string, unknown> };
    destroyed = false;
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      super();
      requireReady('new BrowserWindow()');
      this.options = options;
      this.webContents = new StubWebContents(nextWindowId++);
      windows.add(this);
      report.event('BrowserWindow', { webPreferences: options.webPreferences ?? {} });
    }
    async loadURL(url: string) {
      const seq = report.event('loadURL', { url });
      this.webContents.mainFrame.url = url;
      const result = await load(url);
      report.event('loaded', { url, status: result.status, contentType: result.type, after: seq });
      if (result.status !== 200) throw new Error(`ERR_FAILED (${result.status}) loading '${url}'`);
      this.emit('ready-to-show');
      stub.onWindowLoaded?.(this, result.body);
    }
    isMinimized = () => false;
    restore() {}
    focus() {}
    show() {
      report.event('window.show');
    }
    isDestroyed = () => this.destroyed;
    /** The operator closes the window: close (preventable), closed, then window-all-closed. */
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.destroy();
      if (windows.size === 0) {
        if (appEvents.listenerCount('window-all-closed') > 0) appEvents.emit('window-all-closed');
        else app.quit();
      }
    }
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      windows.delete(this);
      this.emit('closed');
    }
  }

  /** The renderer side of IPC, for the simulated page's sandboxed preload. */
  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]) {
      const window = [...windows][0];
      const handler = handlers.get(channel);
      if (!handler || !window) {
        throw new Error(
          `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
        );
      }
      const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
      return structuredClone(await handler(event, ...args.map((arg) => structuredClone(arg))));
    },
    on(channel: string, listener: Listener) {
      let set = rendererListeners.get(channel);
      if (!set) rendererListeners.set(channel, (set = new Set()));
      set.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      rendererListeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property`);
      exposed.set(key, api);
      report.event('contextBridge.exposeInMainWorld', { key });
    },
  };

  // ── the rest of the main-process API the shell touches ──────────────────────────────────
  let clipboardText = '';
  const clipboard = {
    writeText(text: string) {
      clipboardText = text;
      report.event('clipboard.writeText', { hash: hashOf(text) });
    },
    readText: () => clipboardText,
    clear() {
      clipboardText = '';
      report.event('clipboard.clear');
    },
  };

  const deprecated = (what: string) => report.event('deprecated-api', { what });
  const safeStorage = {
    getSelectedStorageBackend: () => (ready ? 'gnome_libsecret' : 'unknown'),
    isEncryptionAvailable() {
      deprecated('safeStorage.isEncryptionAvailable');
      return ready;
    },
    encryptString(plain: string) {
      deprecated('safeStorage.encryptString');
      requireReady('safeStorage.encryptString');
      return seal(plain);
    },
    decryptString(sealed: Buffer) {
      deprecated('safeStorage.decryptString');
      requireReady('safeStorage.decryptString');
      return unseal(sealed);
    },
    async isAsyncEncryptionAvailable() {
      requireReady('safeStorage.isAsyncEncryptionAvailable');
      report.event('safeStorage.isAsyncEncryptionAvailable');
      return true;
    },
    async encryptStringAsync(plain: string) {
      requireReady('safeStorage.encryptStringAsync');
      report.event('safeStorage.encryptStringAsync');
      return seal(plain);
    },
    async decryptStringAsync(sealed: Buffer) {
      requireReady('safeStorage.decryptStringAsync');
      report.event('safeStorage.decryptStringAsync');
      return { result: unseal(sealed), shouldReEncrypt: false };
    },
  };

  const net = {
    fetch(input: string | Request, init?: RequestInit) {
      requireReady('net.fetch');
      report.event('net.fetch', { url: typeof input === 'string' ? input : input.url });
      return fetch(input, init);
    },
  };

  const Menu = {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: () => report.event('Menu.setApplicationMenu'),
  };
  const dialog = {
    showErrorBox(title: string, content: string) {
      report.event('dialog.showErrorBox', { title, content });
      console.error(`[stand-in] ${title}: ${content}`);
    },
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  };
  class Notification {
    static isSupported = () => false;
    show() {}
  }
  const shell = {
    openExternal: async (url: string) => void report.event('shell.openExternal', { url }),
    openPath: async () => '',
  };

  function markReady() {
    ready = true;
    report.event('ready');
    appEvents.emit('ready');
    readyResolve();
  }

  const stub = {
    main: {
      app,
      BrowserWindow: StubBrowserWindow,
      ipcMain,
      protocol,
      net,
      safeStorage,
      clipboard,
      Menu,
      dialog,
      Notification,
      shell,
    },
    renderer: { contextBridge, ipcRenderer },
    exposed,
    markReady,
    clipboardText: () => clipboardText,
    hasHandler: (channel: string) => handlers.has(channel),
    windows: () => [...windows],
    /** Set by the boot script: what the page does once it has loaded. */
    onWindowLoaded: undefined as
      ((window: StubBrowserWindow, html: string) => void | Promise<void>) | undefined,
    load,
  };
  return stub;
}
export type ElectronStub = ReturnType<typeof createElectronStub>;
