import { _electron as electron } from 'playwright-core';
import type { LaunchedConsole } from './types';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** The real app: built main, sandboxed preload and renderer, in the Electron binary. */
export async function launchInElectron(
  executablePath: string,
  userDataDir: string,
  demoWorkers: number,
): Promise<LaunchedConsole> {
  const app = await electron.launch({
    executablePath,
    args: [`${ROOT}out/main/index.js`],
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
