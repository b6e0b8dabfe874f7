import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { chooseLauncher, type LauncherName } from './launcher/detect';
import { launchInChromium } from './launcher/chromium';
import { launchInElectron } from './launcher/electron';
import type { LaunchedConsole } from './launcher/types';

/**
 * The one fixture every e2e spec uses. It starts the console with Electron when a binary is
 * present and with the Chromium launcher otherwise; specs only see `consolePage`.
 */
export const test = base.extend<{
  consoleApp: LaunchedConsole;
  consolePage: Page;
  launcher: LauncherName;
}>({
  launcher: async ({}, use) => {
    await use(chooseLauncher().name);
  },
  consolePage: async ({ consoleApp }, use) => {
    await use(consoleApp.page);
  },
  consoleApp: async ({}, use, testInfo) => {
    const choice = chooseLauncher();
    testInfo.annotations.push({
      type: 'launcher',
      description: `${choice.name} (${choice.reason})`,
    });
    const userDataDir = mkdtempSync(join(tmpdir(), 'deel-console-e2e-'));
    const launched =
      choice.name === 'electron'
        ? await launchInElectron(choice.executablePath, userDataDir)
        : await launchInChromium(choice.executablePath, userDataDir);
    try {
      await use(launched);
    } finally {
      await launched.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
