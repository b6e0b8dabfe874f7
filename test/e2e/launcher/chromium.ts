import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLIPBOARD_PATH, EVENTS_PATH, INVOKE_PATH } from '../bridge/server';
import type { LaunchedConsole } from './types';

// fileURLToPath, not .pathname: on Windows the latter is `/D:/...`.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Flags for Debian Chromium on a machine whose network is closed (see README). */
/** The console window's size in the Chromium launcher (the app window's default). */
export const VIEWPORT = { width: 1280, height: 820 };

export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let pagePreload: Promise<string> | undefined;

/** The bridge's page-side preload, bundled once per worker with esbuild. */
function pagePreloadSource(): Promise<string> {
  pagePreload ??= build({
    entryPoints: [join(ROOT, 'test/e2e/bridge/page-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  }).then((result) => result.outputFiles[0]!.text);
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
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<HostInfo>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('bridge host did not start within 30 s')),
      30_000,
    );
    child.once('exit', (code) => reject(new Error(`bridge host exited early with code ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as HostInfo);
    });
  });
  return { child, info };
}

export interface ChromiumLaunchOptions {
  demoWorkers: number;
  /** Runs in the page before any page script, after the bridge's preload (benchmarks' marks). */
  initScript?: string;
}

/** The console in Chromium, plus a direct line to main's dispatch for test set-up. */
export type ChromiumConsole = LaunchedConsole & {
  invoke(channel: string, input?: unknown): Promise<unknown>;
};

export async function launchInChromium(
  executablePath: string,
  userDataDir: string,
  options: ChromiumLaunchOptions,
): Promise<ChromiumConsole> {
  const [{ child, info }, preload] = await Promise.all([
    startHost(userDataDir, options.demoWorkers),
    pagePreloadSource(),
  ]);
  let browser: Browser | undefined;
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
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page: Page = await context.newPage();
    // The transport lives outside the page, as ipcRenderer does: the page's own CSP
    // (connect-src 'none') stays in force and still forbids it any network access.
    await page.exposeFunction('__deelBridgeInvoke', invoke);
    await page.addInitScript({ content: preload });
    if (options.initScript) await page.addInitScript({ content: options.initScript });
    const events = new AbortController();
    void pumpEvents(info, page, events.signal);
    await page.goto(`${info.url}/`);
    return {
      launcher: 'chromium',
      page,
      simulatorUrl: info.simulatorUrl,
      // The bridge host answers the save dialog with <user data>/exports/<suggested name>.
      exportDir: join(info.userDataDir, 'exports'),
      invoke,
      async readClipboard() {
        const response = await fetch(`${info.url}${CLIPBOARD_PATH}`, {
          headers: { authorization: `Bearer ${info.secret}` },
        });
        return ((await response.json()) as { text: string }).text;
      },
      close: async () => {
        events.abort();
        await browser?.close();
        await stopChild(child);
      },
      crash: async () => {
        events.abort();
        await stopChild(child, 'SIGKILL');
        await browser?.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await stopChild(child);
    throw error;
  }
}

/** Ends the bridge host and waits for it, so its simulator's port is free again. */
function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
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
    child.kill(signal);
  });
}

/**
 * Reads the bridge's event stream and hands each event to the page, in order, as
 * `webContents.send` does in Electron. Events for a page that is gone are dropped.
 */
async function pumpEvents(info: HostInfo, page: Page, signal: AbortSignal): Promise<void> {
  try {
    const response = await fetch(`${info.url}${EVENTS_PATH}`, {
      headers: { authorization: `Bearer ${info.secret}` },
      signal,
    });
    if (!response.ok || !response.body)
      throw new Error(`bridge events answered ${response.status}`);
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
    if (!signal.aborted) console.error('[e2e] bridge event stream failed:', error);
  }
}
