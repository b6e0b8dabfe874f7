import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_API_KEY } from '../src-shared/channels';
import { createDeelConsoleApi } from './api';

// The preload runs sandboxed with context isolation: it exposes one frozen object and never
// `ipcRenderer` itself, so the page can only call the contract's operations.
contextBridge.exposeInMainWorld(
  PRELOAD_API_KEY,
  createDeelConsoleApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
