import {
  eventChannels,
  invokeChannels,
  type EventChannel,
  type EventName,
  type InvokeChannel,
  type InvokeMethod,
} from '../src-shared/channels';
import type { DeelConsoleApi } from '../src-shared/contract';

/**
 * How the API reaches main: `ipcRenderer` in Electron, the test-only loopback bridge in the
 * Chromium launcher. Both launchers expose the very same API object built below.
 */
export interface Transport {
  /** Sends one request to main and resolves with its `IpcResult` envelope. */
  invoke(channel: InvokeChannel, input: unknown): Promise<unknown>;
  /** Delivers each payload main pushes on `channel`; returns the unsubscribe function. */
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}

/**
 * Builds the object exposed as `window.deelConsole`: one method per contract operation, each a
 * single `invoke` on its channel, plus `on` for the contract's events. Only arguments and
 * payloads cross; the page never gets a handle on the transport or on IPC event objects.
 */
export function createDeelConsoleApi(transport: Transport): DeelConsoleApi {
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(invokeChannels) as InvokeMethod[]) {
    const channel = invokeChannels[method];
    api[method] = (input?: unknown) => transport.invoke(channel, input);
  }
  api.on = (event: unknown, listener: unknown) => {
    if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    return transport.subscribe(eventChannels[event], (payload) =>
      (listener as (p: unknown) => void)(payload),
    );
  };
  return Object.freeze(api) as unknown as DeelConsoleApi;
}
