import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import type { LaunchedConsole } from './types';

// fileURLToPath, not .pathname: on Windows the latter is `/D:/...`.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The real app: built main, sandboxed preload and renderer, in the Electron binary. */
export async function launchInElectron(
  executablePath: string,
  userDataDir: string,
  demoWorkers: number,
): Promise<LaunchedConsole> {
  const app = await electron.launch({
    executablePath,
    args: [join(ROOT, 'out/main/index.js')],
    cwd: ROOT,
    env: {
      ...process.env,
      DEEL_CONSOLE_USER_DATA: userDataDir,
      DEEL_CONSOLE_DEMO_WORKERS: String(demoWorkers),
    } as Record<string, string>,
  });
  const page = await app.firstWindow();
  return {
    launcher: 'electron',
    page,
    simulatorUrl: null,
    readClipboard: () => app.evaluate(({ clipboard }) => clipboard.readText()),
    close: () => app.close(),
  };
}
