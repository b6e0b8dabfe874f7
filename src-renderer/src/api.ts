import { PRELOAD_API_KEY } from '../../src-shared/channels';
import type { DeelConsoleApi } from '../../src-shared/contract';

declare global {
  interface Window {
    readonly [PRELOAD_API_KEY]: DeelConsoleApi;
  }
}

/** The only door to main: the object the preload exposes. Stores call it; components never do. */
export function consoleApi(): DeelConsoleApi {
  const api = window[PRELOAD_API_KEY];
  if (!api) throw new Error('The console API is missing: the preload script did not run.');
  return api;
}
