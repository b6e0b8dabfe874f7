import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startConsoleCore, type ConsoleCore } from './app/core';
import { startAutoUpdates } from './app/updater';
import { createDispatch } from './ipc/dispatch';
import { createEmitter } from './ipc/events';
import { electronClipboard } from './shell/clipboard';
import { appFrameOnly, registerIpc } from './shell/ipc';
import { menuTemplate } from './shell/menu';
import { createSafeStorageCipher } from './shell/safe-storage-cipher';
import { openSettingsStore } from './shell/settings-store';
import { createMainWindow } from './shell/window';

// The thin Electron shell: lifecycle, one window, IPC registration, and the Electron adapters
// (safeStorage, electron-store, clipboard, save dialog) handed to the plain-Node core.

const userDataOverride = process.env.DEEL_CONSOLE_USER_DATA;
if (userDataOverride) app.setPath('userData', userDataOverride);
/** Size of the demo organization, e.g. to try the console on a 50,000-worker company. */
const demoWorkers = Number(process.env.DEEL_CONSOLE_DEMO_WORKERS);

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

  void app
    .whenReady()
    .then(async () => {
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate({ packaged: app.isPackaged, platform: process.platform }),
        ),
      );
      const userDataDir = app.getPath('userData');
      core = await startConsoleCore({
        userDataDir,
        // safeStorage is only meaningful after `ready` (see createSafeStorageCipher).
        cipher: createSafeStorageCipher({ app, safeStorage, platform: process.platform }),
        settings: openSettingsStore({ cwd: userDataDir }),
        clipboard: electronClipboard,
        ...(Number.isInteger(demoWorkers) &&
          demoWorkers >= 1 &&
          demoWorkers <= 100_000 && { demoWorkers }),
        notify: (title, body) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
        emit: createEmitter((channel, payload) => {
          for (const window of BrowserWindow.getAllWindows())
            window.webContents.send(channel, payload);
        }),
        async chooseSavePath(suggestedName) {
          const [window] = BrowserWindow.getAllWindows();
          const options = {
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [{ name: 'CSV', extensions: ['csv'] }],
          };
          const result = window
            ? await dialog.showSaveDialog(window, options)
            : await dialog.showSaveDialog(options);
          return result.canceled ? undefined : result.filePath;
        },
      });
      registerIpc(ipcMain, createDispatch(core.handlers), appFrameOnly(rendererUrl));
      openWindow();
      startAutoUpdates({ app, isDemo: () => core?.environment() === 'demo' });
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((error: unknown) => {
      // Nothing the console needs could start (e.g. no loopback port for the demo simulator):
      // say so instead of leaving a process without a window. The message names no secret.
      dialog.showErrorBox(
        'Deel Worker Token Console could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}
