import { BrowserWindow, shell } from 'electron';
import { minWindowSize } from '../../src-shared/layout';
import { guardNavigation } from './navigation-guard';
import { denyAllPermissions } from './session-policy';

export interface MainWindowOptions {
  preloadPath: string;
  /** app://bundle/index.html (see app-protocol.ts), or the dev server URL in `electron-vite dev`. */
  rendererUrl: string;
  devTools: boolean;
}

/** The console's one window, with every guard in place before any content loads. */
export function createMainWindow({
  preloadPath,
  rendererUrl,
  devTools,
}: MainWindowOptions): BrowserWindow {
  // Written out literally (not spread from a helper) so that static checkers such as
  // electronegativity can see each setting. The page runs sandboxed, isolated from the
  // preload, without Node, and reaches main only through the preload's contract API.
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    // The smallest size the layout is built and e2e-checked for (src-shared/layout.ts).
    minWidth: minWindowSize.width,
    minHeight: minWindowSize.height,
    show: false,
    title: 'Deel Worker Token Console',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  });
  denyAllPermissions(window.webContents.session);
  guardNavigation(window.webContents, (url) => shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
