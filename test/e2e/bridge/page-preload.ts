import { PRELOAD_API_KEY } from '../../../src-shared/channels';
import { createDeelConsoleApi } from '../../../src-preload/api';

/**
 * TEST-ONLY browser bundle, injected before any page script in the Chromium launcher. It builds
 * window.deelConsole with the preload's own `createDeelConsoleApi`; the transport is a Playwright
 * binding (outside the page, like ipcRenderer) that forwards to the loopback bridge.
 */
type BridgeInvoke = (channel: string, input: unknown) => Promise<unknown>;
const BINDING = '__deelBridgeInvoke';

const scope = globalThis as unknown as Record<string, unknown>;
const invoke = scope[BINDING] as BridgeInvoke | undefined;
if (typeof invoke !== 'function') throw new Error('the e2e bridge binding is missing');

Object.defineProperty(globalThis, PRELOAD_API_KEY, {
  value: createDeelConsoleApi((channel, input) => invoke(channel, input)),
  writable: false,
  configurable: false,
  enumerable: true,
});
