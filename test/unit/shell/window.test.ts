import { beforeEach, describe, expect, it, vi } from 'vitest';

// A mocked `electron`: the shell is asserted on what it asks Electron to do.
const electronMock = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeWebContents {
    listeners = new Map<string, Listener>();
    windowOpenHandler?: (details: { url: string }) => { action: string };
    session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    };
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadURL = vi.fn(() => Promise.resolve());
    once = vi.fn();
    show = vi.fn();
    constructor(
      readonly options: {
        webPreferences: Record<string, unknown>;
        width?: number;
        height?: number;
        minWidth?: number;
        minHeight?: number;
      },
    ) {
      FakeBrowserWindow.created.push(this);
    }
  }
  return {
    BrowserWindow: FakeBrowserWindow,
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
  };
});
vi.mock('electron', () => electronMock);

const { createMainWindow } = await import('../../../src-main/shell/window');
const { minWindowSize } = await import('../../../src-shared/layout');

function openWindow(devTools = false) {
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    rendererUrl: 'app://bundle/index.html',
    devTools,
  });
  return electronMock.BrowserWindow.created.at(-1)!;
}

describe('the main window', () => {
  beforeEach(() => {
    electronMock.BrowserWindow.created.length = 0;
    electronMock.shell.openExternal.mockClear();
  });

  it('isolates and sandboxes the renderer, without Node', () => {
    const prefs = openWindow().options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('opens at 1280x820 and cannot be made smaller than the 800x600 the layout supports', () => {
    const { width, height, minWidth, minHeight } = openWindow().options;
    expect({ width, height }).toEqual({ width: 1280, height: 820 });
    // 800x600 is the smallest size the e2e layout matrix checks (test/e2e/round2-matrix.spec.ts).
    expect({ minWidth, minHeight }).toEqual({ minWidth: 800, minHeight: 600 });
    expect({ minWidth, minHeight }).toEqual({
      minWidth: minWindowSize.width,
      minHeight: minWindowSize.height,
    });
  });

  it('passes the devTools switch through', () => {
    expect(openWindow(false).options.webPreferences.devTools).toBe(false);
    expect(openWindow(true).options.webPreferences.devTools).toBe(true);
  });

  it('loads only the renderer it was given', () => {
    expect(openWindow().loadURL).toHaveBeenCalledWith('app://bundle/index.html');
  });

  it('blocks navigation, redirects and webviews', () => {
    const contents = openWindow().webContents;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      const listener = contents.listeners.get(event);
      expect(listener, event).toBeDefined();
      listener!({ preventDefault }, 'https://evil.example/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
  });

  it('denies every new window and opens only allow-listed https docs externally', () => {
    const handler = openWindow().webContents.windowOpenHandler!;
    expect(handler({ url: 'https://developer.deel.com/docs' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://developer.deel.com/docs' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(electronMock.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(electronMock.shell.openExternal).toHaveBeenCalledWith('https://developer.deel.com/docs');
  });

  it('denies every permission request and check', () => {
    const { session } = openWindow().webContents;
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (
      ...args: unknown[]
    ) => boolean;
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check({}, permission)).toBe(false);
    }
  });
});
