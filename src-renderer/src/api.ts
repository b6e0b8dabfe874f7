import { PRELOAD_API_KEY } from '../../src-shared/channels';
import type { DeelConsoleApi } from '../../src-shared/contract';

/**
 * The only door to main: the object the preload exposes as `window.deelConsole`. Stores call
 * it; components never do. Read through `globalThis` so the stores also run in plain Node
 * (their unit tests install a fake there).
 */
export function consoleApi(): DeelConsoleApi {
  const api = (globalThis as { [PRELOAD_API_KEY]?: DeelConsoleApi })[PRELOAD_API_KEY];
  if (!api) throw new Error('The console API is missing: the preload script did not run.');
  return api;
}
