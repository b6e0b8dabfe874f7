import { app, BrowserWindow, ipcMain, Menu } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startConsoleCore, type ConsoleCore } from './app/core';
import { createDispatch } from './ipc/dispatch';
import { appFrameOnly, registerIpc } from './shell/ipc';
import { menuTemplate } from './shell/menu';
import { createMainWindow } from './shell/window';

// The thin Electron shell: lifecycle, one window, IPC registration. Everything it wires up is
// plain Node in ./app, ./deel, ./ipc and is tested without Electron.

const userDataOverride = process.env.DEEL_CONSOLE_USER_DATA;
if (userDataOverride) app.setPath('userData', userDataOverride);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: ConsoleCore | undefined;
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const rendererUrl =
    devServerUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
  const openWindow = () =>
    createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      rendererUrl,
      devTools: !app.isPackaged,
    });

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void core?.close());

  void app.whenReady().then(async () => {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({ packaged: app.isPackaged, platform: process.platform }),
      ),
    );
    core = await startConsoleCore({ userDataDir: app.getPath('userData') });
    registerIpc(ipcMain, createDispatch(core.handlers), appFrameOnly(rendererUrl));
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });
}
