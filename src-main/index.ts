import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  Notification,
  protocol,
  safeStorage,
} from 'electron';
import { join } from 'node:path';
import { startConsoleCore, type ConsoleCore } from './app/core';
import { startAutoUpdates } from './app/updater';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createEmitter } from './ipc/events';
import { APP_ID } from './shell/app-identity';
import { privilegedAppScheme, registerAppProtocol, rendererEntryUrl } from './shell/app-protocol';
import { electronClipboard } from './shell/clipboard';
import { PRODUCTION_CSP } from './shell/csp';
import { consoleWindowOnly, registerIpc } from './shell/ipc';
import { menuTemplate } from './shell/menu';
import { guardQuit } from './shell/quit-guard';
import { createSafeStorageCipher } from './shell/safe-storage-cipher';
import { showInFolder } from './shell/show-in-folder';
import { openSettingsStore } from './shell/settings-store';
import { resolveUserDataOverride, userDataErrorMessage } from './shell/user-data';
import { createMainWindow } from './shell/window';

// The thin Electron shell: lifecycle, one window, IPC registration, and the Electron adapters
// (safeStorage, electron-store, clipboard, save dialog, net.fetch) handed to the plain-Node core.

const START_FAILED = 'Deel Worker Token Console could not start';

// Before `ready`: the user-data folder (the single-instance lock lives there), the app://
// scheme's privileges, and the Windows AppUserModelID that ties notifications to the install.
const userData = resolveUserDataOverride(process.env.DEEL_CONSOLE_USER_DATA);
if (userData.kind === 'ok') app.setPath('userData', userData.path);
protocol.registerSchemesAsPrivileged([privilegedAppScheme]);
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
/** Size of the demo organization, e.g. to try the console on a 50,000-worker company. */
const demoWorkers = Number(process.env.DEEL_CONSOLE_DEMO_WORKERS);

if (userData.kind === 'error') {
  dialog.showErrorBox(START_FAILED, userDataErrorMessage(userData));
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let core: ConsoleCore | undefined;
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const openWindow = () => {
    window = createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      rendererUrl: devServerUrl ?? rendererEntryUrl,
      devTools: !app.isPackaged,
    });
    window.on('closed', () => (window = undefined));
    return window;
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());

  // The core starts after the window is open (the keyring may prompt or be slow over D-Bus),
  // but every channel is registered before the window loads: calls wait for the core.
  let coreStarted: (dispatch: Dispatch) => void = () => undefined;
  let coreFailed: (error: unknown) => void = () => undefined;
  const coreDispatch = new Promise<Dispatch>((resolve, reject) => {
    coreStarted = resolve;
    coreFailed = reject;
  });
  coreDispatch.catch(() => undefined); // a failed start is reported below, once
  const ipc = registerIpc(
    ipcMain,
    async (channel, input) => (await coreDispatch)(channel, input),
    consoleWindowOnly(() => window?.webContents),
  );
  guardQuit({
    app,
    async close() {
      await ipc.settled();
      await core?.close();
    },
    onProblem: (problem) => console.warn(`quit: ${problem}`),
  });

  void app
    .whenReady()
    .then(async () => {
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate({ packaged: app.isPackaged, platform: process.platform }),
        ),
      );
      registerAppProtocol(protocol, join(import.meta.dirname, '../renderer'), PRODUCTION_CSP);
      openWindow();

      const userDataDir = app.getPath('userData');
      core = await startConsoleCore({
        userDataDir,
        // safeStorage is only meaningful after `ready` (see createSafeStorageCipher).
        cipher: createSafeStorageCipher({ app, safeStorage, platform: process.platform }),
        settings: openSettingsStore({ cwd: userDataDir }),
        // Installed builds send the org token only to public https hosts (see HostPolicy).
        packaged: app.isPackaged,
        clipboard: electronClipboard,
        // Chromium's network stack: the OS proxy settings and certificate store apply.
        fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
        ...(Number.isInteger(demoWorkers) &&
          demoWorkers >= 1 &&
          demoWorkers <= 100_000 && { demoWorkers }),
        notify: (title, body) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
        emit: createEmitter((channel, payload) => {
          for (const open of BrowserWindow.getAllWindows()) open.webContents.send(channel, payload);
        }),
        async chooseSavePath(suggestedName) {
          const options = {
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [{ name: 'CSV', extensions: ['csv'] }],
          };
          const result = window
            ? await dialog.showSaveDialog(window, options)
            : await dialog.showSaveDialog(options);
          return result.canceled ? undefined : result.filePath;
        },
        showInFolder,
      });
      coreStarted(createDispatch(core.handlers));
      startAutoUpdates({ app, isDemo: () => core?.environment() === 'demo' });
      app.on('activate', () => {
        if (!window) openWindow();
      });
    })
    .catch((error: unknown) => {
      // Nothing the console needs could start (e.g. no loopback port for the demo simulator):
      // say so instead of leaving a process without a window. The message names no secret.
      coreFailed(error);
      dialog.showErrorBox(START_FAILED, error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
