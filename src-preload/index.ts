import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { PRELOAD_API_KEY } from '../src-shared/channels';
import { createDeelConsoleApi } from './api';

// The preload runs sandboxed with context isolation: it exposes one frozen object and never
// `ipcRenderer` itself, so the page can only call the contract's operations.
contextBridge.exposeInMainWorld(
  PRELOAD_API_KEY,
  createDeelConsoleApi({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    subscribe(channel, listener) {
      // The IpcRendererEvent stays here: it carries `sender`, which the page must not get.
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => void ipcRenderer.removeListener(channel, forward);
    },
  }),
);
