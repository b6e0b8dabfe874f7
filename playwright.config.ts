import { defineConfig } from '@playwright/test';

// One set of specs, two launchers: see test/e2e/launcher/detect.ts. No browser is downloaded:
// the Chromium launcher drives Debian's /usr/bin/chromium through playwright-core.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  globalTeardown: './test/e2e/global-teardown.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
});
