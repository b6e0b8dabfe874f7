import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';

/**
 * The e2e Chromium launcher's set-up (test/e2e/launcher/chromium.ts), for the benchmark: the
 * built renderer (out/renderer) in Debian Chromium, the real console core in a separate Node
 * process (test/e2e/bridge/host.ts) behind the test-only loopback bridge, as main and renderer
 * are separate processes in the app. Differences from the e2e launcher: the host gets
 * `--demo-workers N`, and the bench keeps the bridge secret to call main directly for set-up.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Same flags as the e2e launcher. */
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The bridge's routes (test/e2e/bridge/server.ts; that folder is outside this tsconfig). */
const INVOKE_PATH = '/__bridge/invoke';
const EVENTS_PATH = '/__bridge/events';

export const VIEWPORT = { width: 1280, height: 820 };

export function rendererBuilt(): boolean {
  return existsSync(`${ROOT}out/renderer/index.html`);
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

let pagePreload: Promise<string> | undefined;
function pagePreloadSource(): Promise<string> {
  pagePreload ??= build({
    entryPoints: [`${ROOT}test/e2e/bridge/page-preload.ts`],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  }).then((result) => {
    const bundle = result.outputFiles[0];
    if (!bundle) throw new Error('esbuild produced no page preload');
    return bundle.text;
  });
  return pagePreload;
}

interface HostInfo {
  url: string;
  secret: string;
  simulatorUrl: string | null;
  userDataDir: string;
}

async function startHost(
  userDataDir: string,
  demoWorkers: number,
): Promise<{ child: ChildProcess; info: HostInfo }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/e2e/bridge/host.ts',
      '--renderer',
      'out/renderer',
      '--user-data',
      userDataDir,
      '--demo-workers',
      String(demoWorkers),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!child.stdout) throw new Error('no stdout from the bridge host');
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise<HostInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bridge host did not start in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`bridge host exited early with code ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as HostInfo);
    });
  });
  return { child, info };
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
  const [{ child, info }, preload] = await Promise.all([
    startHost(options.userDataDir, options.demoWorkers),
    pagePreloadSource(),
  ]);
  let browser: Browser | undefined;
  const events = new AbortController();
  const invoke = async (channel: string, input?: unknown): Promise<unknown> => {
    const response = await fetch(`${info.url}${INVOKE_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel, input }),
    });
    if (!response.ok) throw new Error(`bridge answered ${response.status}`);
    return (await response.json()) as unknown;
  };
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.exposeFunction('__deelBridgeInvoke', invoke);
    await page.addInitScript({ content: preload });
    if (options.initScript) await page.addInitScript({ content: options.initScript });
    void pumpEvents(info, page, events.signal);
    const cdp = await context.newCDPSession(page);
    await page.goto(`${info.url}/`);
    const opened = browser;
    return {
      page,
      cdp,
      simulatorUrl: info.simulatorUrl,
      invoke,
      version: opened.version(),
      close: async () => {
        events.abort();
        await opened.close();
        await stopChild(child);
      },
    };
  } catch (error) {
    events.abort();
    await browser?.close();
    await stopChild(child);
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The e2e launcher's event pump: each event main pushes is handed to the page, in order. */
async function pumpEvents(info: HostInfo, page: Page, signal: AbortSignal): Promise<void> {
  try {
    const response = await fetch(`${info.url}${EVENTS_PATH}`, {
      headers: { authorization: `Bearer ${info.secret}` },
      signal,
    });
    if (!response.ok || !response.body) throw new Error(`bridge events ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (!data) continue;
        const { channel, payload } = JSON.parse(data) as { channel: string; payload: unknown };
        await page
          .evaluate(
            ([c, p]) =>
              (
                globalThis as unknown as Record<string, (c: unknown, p: unknown) => void>
              ).__deelBridgeEmit?.(c, p),
            [channel, payload] as const,
          )
          .catch(() => undefined);
      }
    }
  } catch (error) {
    if (!signal.aborted) process.stderr.write(`[bench] bridge event stream failed: ${error}\n`);
  }
}

/** Renderer metrics from CDP `Performance.getMetrics`, by name. */
export async function performanceMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
