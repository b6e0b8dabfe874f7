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
export const test = base.extend<{
  consoleApp: LaunchedConsole;
  consolePage: Page;
  launcher: LauncherName;
  /** Size of the built-in demo organization the console starts on. */
  demoWorkers: number;
  deel: RunningSimulator;
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
  launcher: async ({}, use) => {
    await use(chooseLauncher().name);
  },
  consolePage: async ({ consoleApp }, use) => {
    await use(consoleApp.page);
  },
  consoleApp: async ({ demoWorkers }, use, testInfo) => {
    const choice = chooseLauncher();
    testInfo.annotations.push({
      type: 'launcher',
      description: `${choice.name} (${choice.reason})`,
    });
    const userDataDir = mkdtempSync(join(tmpdir(), 'deel-console-e2e-'));
    const launched =
      choice.name === 'electron'
        ? await launchInElectron(choice.executablePath, userDataDir, demoWorkers)
        : await launchInChromium(choice.executablePath, userDataDir, { demoWorkers });
    try {
      await use(launched);
    } finally {
      await launched.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
