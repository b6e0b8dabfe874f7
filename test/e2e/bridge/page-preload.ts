import { PRELOAD_API_KEY } from '../../../src-shared/channels';
import { createDeelConsoleApi } from '../../../src-preload/api';

/**
 * TEST-ONLY browser bundle, injected before any page script in the Chromium launcher. It builds
 * window.deelConsole with the preload's own `createDeelConsoleApi`. Calls go out through a
 * Playwright binding (outside the page, like ipcRenderer) to the loopback bridge; events come
 * back through `__deelBridgeEmit`, which the launcher calls for each event main pushes.
 */
type BridgeInvoke = (channel: string, input: unknown) => Promise<unknown>;
const INVOKE_BINDING = '__deelBridgeInvoke';
const EMIT_HOOK = '__deelBridgeEmit';

const scope = globalThis as unknown as Record<string, unknown>;
const invoke = scope[INVOKE_BINDING] as BridgeInvoke | undefined;
if (typeof invoke !== 'function') throw new Error('the e2e bridge binding is missing');

const listeners = new Map<string, Set<(payload: unknown) => void>>();
Object.defineProperty(globalThis, EMIT_HOOK, {
  value: (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  },
  enumerable: false,
});

Object.defineProperty(globalThis, PRELOAD_API_KEY, {
  value: createDeelConsoleApi({
    invoke: (channel, input) => invoke(channel, input),
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  }),
  writable: false,
  configurable: false,
  enumerable: true,
});
