import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { chooseLauncher, type LauncherName } from './launcher/detect';
import { launchInChromium } from './launcher/chromium';
import { launchInElectron } from './launcher/electron';
import type { LaunchedConsole } from './launcher/types';
import { startSimulator, type RunningSimulator } from '../../src-main/simulator';

/**
 * The one fixture every e2e spec uses. It starts the console with Electron when a binary is
 * present and with the Chromium launcher otherwise; specs only see `consolePage`.
 *
 * `deel` is a separate simulator standing in for a real Deel account: specs connect the console
 * to it through the Connect screen (Custom URL, loopback http is allowed) and drive its faults
 * directly, which works the same under both launchers.
 */
/** One console user data folder, and the console currently running on it. */
interface ConsoleRun {
  userDataDir: string;
  current: LaunchedConsole;
  crashAndRelaunch(between?: (userDataDir: string) => Promise<void>): Promise<LaunchedConsole>;
}

export const test = base.extend<{
  consoleApp: LaunchedConsole;
  consolePage: Page;
  launcher: LauncherName;
  /** Size of the built-in demo organization the console starts on. */
  demoWorkers: number;
  deel: RunningSimulator;
  /** A second simulated Deel account, another organization on another host (rotation specs). */
  otherDeel: RunningSimulator;
  /**
   * Kills the console's main process (SIGKILL: nothing cleans up), runs `between` on its user
   * data folder (to damage a file, say), and starts the console again on the same folder.
   * Returns the new console; `consoleApp` and `consolePage` still name the first one.
   */
  relaunch: (between?: (userDataDir: string) => Promise<void>) => Promise<LaunchedConsole>;
  consoleRun: ConsoleRun;
}>({
  demoWorkers: [250, { option: true }],
  deel: async ({}, use) => {
    const simulator = await startSimulator({
      workers: 120,
      seed: 3,
      orgName: 'Acme Live Co. (simulated)',
    });
    try {
      await use(simulator);
    } finally {
      await simulator.close();
    }
  },
  otherDeel: async ({}, use) => {
    const simulator = await startSimulator({
      workers: 40,
      seed: 7,
      orgName: 'Globex Sandbox (simulated)',
    });
    try {
      await use(simulator);
    } finally {
      await simulator.close();
    }
  },
  launcher: async ({}, use) => {
    await use(chooseLauncher().name);
  },
  consolePage: async ({ consoleApp }, use) => {
    await use(consoleApp.page);
  },
  consoleRun: async ({ demoWorkers }, use, testInfo) => {
    const choice = chooseLauncher();
    testInfo.annotations.push({
      type: 'launcher',
      description: `${choice.name} (${choice.reason})`,
    });
    const userDataDir = mkdtempSync(join(tmpdir(), 'deel-console-e2e-'));
    const launch = () =>
      choice.name === 'electron'
        ? launchInElectron(choice.executablePath, userDataDir, demoWorkers)
        : launchInChromium(choice.executablePath, userDataDir, { demoWorkers });
    const run: ConsoleRun = {
      userDataDir,
      current: await launch(),
      async crashAndRelaunch(between) {
        await run.current.crash();
        await between?.(userDataDir);
        run.current = await launch();
        return run.current;
      },
    };
    try {
      await use(run);
    } finally {
      await run.current.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
  consoleApp: async ({ consoleRun }, use) => {
    await use(consoleRun.current);
  },
  relaunch: async ({ consoleRun }, use) => {
    await use((between) => consoleRun.crashAndRelaunch(between));
  },
});

export { expect };
