import { invokeChannels, type InvokeChannel, type InvokeMethod } from '../src-shared/channels';
import type { DeelConsoleApi } from '../src-shared/contract';

/** Sends one request to main and resolves with its `IpcResult` envelope. */
export type InvokeTransport = (channel: InvokeChannel, input: unknown) => Promise<unknown>;

/**
 * Builds the object exposed as `window.deelConsole`: one method per contract operation, each a
 * single `invoke` on its channel. The transport is `ipcRenderer.invoke` in Electron and the
 * loopback test bridge in the Chromium launcher, so both launchers expose the very same API.
 */
export function createDeelConsoleApi(invoke: InvokeTransport): DeelConsoleApi {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(invokeChannels) as InvokeMethod[]) {
    const channel = invokeChannels[method];
    // Only the argument crosses; the page never gets a handle on the transport itself.
    api[method] = (input?: unknown) => invoke(channel, input);
  }
  return Object.freeze(api) as unknown as DeelConsoleApi;
}
