import { BrowserWindow, shell } from 'electron';
import { guardNavigation } from './navigation-guard';
import { denyAllPermissions } from './session-policy';
import { secureWebPreferences } from './web-preferences';

export interface MainWindowOptions {
  preloadPath: string;
  /** file:// URL of the built index.html, or the dev server URL in `electron-vite dev`. */
  rendererUrl: string;
  devTools: boolean;
}

/** The console's one window, with every guard in place before any content loads. */
export function createMainWindow({
  preloadPath,
  rendererUrl,
  devTools,
}: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Deel Worker Token Console',
    webPreferences: { ...secureWebPreferences(preloadPath), devTools },
  });
  denyAllPermissions(window.webContents.session);
  guardNavigation(window.webContents, (url) => shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
