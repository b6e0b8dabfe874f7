import { mkdirSync } from 'node:fs';
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
  // Answer the native save dialog as the bridge host does: <user data>/exports/<suggested name>.
  const exportDir = join(userDataDir, 'exports');
  mkdirSync(exportDir, { recursive: true });
  await app.evaluate(({ dialog }, dir) => {
    const answer = async (...args: unknown[]) => {
      const options = args.at(-1) as { defaultPath?: string };
      const name = (options.defaultPath ?? 'export.csv').split(/[\\/]/).pop();
      return { canceled: false, filePath: `${dir}/${name}` };
    };
    Object.assign(dialog, { showSaveDialog: answer });
  }, exportDir);
  return {
    launcher: 'electron',
    page,
    simulatorUrl: null,
    exportDir,
    readClipboard: () => app.evaluate(({ clipboard }) => clipboard.readText()),
    close: () => app.close(),
    crash: async () => {
      const main = app.process();
      const exited = new Promise<void>((resolve) => main.once('exit', () => resolve()));
      main.kill('SIGKILL');
      await exited;
    },
  };
}
