import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { launchInChromium, VIEWPORT } from '../../test/e2e/launcher/chromium';

/**
 * The benchmark's browser: the e2e Chromium launcher itself (test/e2e/launcher/chromium.ts) —
 * the built renderer in Debian Chromium, the real console core in a separate Node process behind
 * the test-only loopback bridge — plus a CDP session for the renderer metrics.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { VIEWPORT };

export function rendererBuilt(): boolean {
  return existsSync(`${ROOT}out/renderer/index.html`);
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface BenchBrowser {
  page: Page;
  cdp: CDPSession;
  /** The host's demo simulator (base URL with /rest/v2). */
  simulatorUrl: string | null;
  /** Calls main's dispatch directly through the bridge (set-up only, never measured). */
  invoke(channel: string, input?: unknown): Promise<unknown>;
  /** Chromium's reported product version. */
  version: string;
  close(): Promise<void>;
}

/**
 * Starts host + Chromium and opens the console. `initScript` runs in the page before any page
 * script (after the bridge preload), e.g. to record when the first rows render.
 */
export async function openConsole(options: {
  userDataDir: string;
  demoWorkers: number;
  initScript?: string;
}): Promise<BenchBrowser> {
  const launched = await launchInChromium(CHROMIUM_PATH, options.userDataDir, {
    demoWorkers: options.demoWorkers,
    ...(options.initScript && { initScript: options.initScript }),
  });
  try {
    const { page } = launched;
    const cdp = await page.context().newCDPSession(page);
    return {
      page,
      cdp,
      simulatorUrl: launched.simulatorUrl,
      invoke: launched.invoke,
      version: page.context().browser()?.version() ?? 'unknown',
      close: () => launched.close(),
    };
  } catch (error) {
    await launched.close();
    throw error;
  }
}

/** Renderer metrics from CDP `Performance.getMetrics`, by name. */
export async function performanceMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
