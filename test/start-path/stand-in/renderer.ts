import { existsSync, readFileSync } from 'node:fs';
import events from 'node:events';
import { isAbsolute } from 'node:path';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';
import type { ElectronStub } from './electron-stub';
import type { Report } from './report';

/**
 * TEST-ONLY: what the console window's renderer does in the stand-in. It checks what a real
 * sandboxed renderer would need (the preload exists, is absolute and is CommonJS that requires
 * nothing a sandboxed preload cannot; the page's scripts load through the app's protocol), runs
 * the preload as Electron does for `sandbox: true`, and then plays the operator's part through
 * the API the preload exposed: the very object the React page would call.
 */

type Api = Record<
  string,
  (input?: unknown) => Promise<{ ok: boolean; data?: unknown; error?: unknown }>
> & {
  on(event: string, listener: (payload: unknown) => void): () => void;
};

/** The modules Electron's sandboxed preload `require` offers (besides a few Electron-internal ones). */
const SANDBOX_MODULES: Record<string, unknown> = { events, timers, url };

function runPreload(stub: ElectronStub, path: string, report: Report): void {
  const code = readFileSync(path, 'utf8');
  let fn: (...args: unknown[]) => void;
  try {
    fn = vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], {
      filename: path,
    }) as typeof fn;
  } catch (error) {
    report.event('preload', { ok: false, problem: 'not-commonjs', detail: String(error) });
    throw new Error(`Unable to load preload script: ${path}`, { cause: error });
  }
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return stub.renderer;
    if (Object.hasOwn(SANDBOX_MODULES, name)) return SANDBOX_MODULES[name];
    report.event('preload', { ok: false, problem: 'require', module: name });
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  fn(module.exports, sandboxRequire, module, path, '.');
  report.event('preload', { ok: true, path });
}

function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
}

export async function runPage(
  stub: ElectronStub,
  window: { options: { webPreferences?: Record<string, unknown> }; close(): void },
  pageUrl: string,
  html: string,
  report: Report,
): Promise<void> {
  const prefs = window.options.webPreferences ?? {};
  const preload = String(prefs.preload ?? '');
  report.event('preload-path', {
    path: preload,
    absolute: isAbsolute(preload),
    exists: preload !== '' && existsSync(preload),
    sandbox: prefs.sandbox === true,
    contextIsolation: prefs.contextIsolation === true,
    nodeIntegration: prefs.nodeIntegration === true,
  });
  for (const ref of scriptsOf(html)) {
    const resolved = new URL(ref, pageUrl).href;
    const loaded = await stub.load(resolved);
    report.event('page-asset', { url: resolved, status: loaded.status, contentType: loaded.type });
  }
  if (!isAbsolute(preload) || !existsSync(preload)) {
    throw new Error(`Unable to load preload script: ${preload}`);
  }
  runPreload(stub, preload, report);
  const api = stub.exposed.get('deelConsole') as Api | undefined;
  if (!api) throw new Error('the preload exposed no deelConsole API');
  await operator(api, window, report);
}

/** Outcome of one API call, without any data that could hold a secret. */
function outcome(result: { ok: boolean; error?: unknown }) {
  return result.ok
    ? { ok: true }
    : { ok: false, error: (result.error as { kind?: string } | undefined)?.kind ?? 'unknown' };
}

/**
 * The operator: opens the console (overview), connects to the test's Deel simulator, lists EOR
 * workers, mints a token and copies it, starts a second mint and closes the window while that
 * mint is still in flight.
 */
async function operator(api: Api, window: { close(): void }, report: Report): Promise<void> {
  const call = async (method: string, input?: unknown) => {
    const result = await api[method]!(input);
    report.event('call', { method, ...outcome(result) });
    return result;
  };
  const overview = await call('getOverview');
  if (process.env.STAND_IN_QUIT_AFTER_OVERVIEW) {
    // A restart: what the console knows again without any call that changes Deel.
    const sessions = await call('listSessions');
    report.event('overview', {
      environment: (overview.data as { environment?: string } | undefined)?.environment,
      sessions: Array.isArray(sessions.data) ? sessions.data.length : null,
      live: Array.isArray(sessions.data)
        ? (sessions.data as { state: string }[]).filter((s) => s.state === 'live').length
        : null,
    });
    window.close();
    return;
  }
  const deelUrl = process.env.STAND_IN_DEEL_URL;
  const deelToken = process.env.STAND_IN_DEEL_TOKEN;
  if (!deelUrl || !deelToken) return;

  const connected = await call('connect', {
    environment: 'custom',
    customUrl: deelUrl,
    token: deelToken,
  });
  if (!connected.ok) return;

  const rows = await new Promise<{ id: string; name: string }[]>((resolve, reject) => {
    const seen: { id: string; name: string }[] = [];
    const off = api.on('workersPage', (payload) => {
      const page = payload as { rows: { id: string; name: string }[]; done: boolean };
      seen.push(...page.rows);
      if (seen.length >= 2 || page.done) {
        off();
        resolve(seen);
      }
    });
    void call('queryWorkers', { hiringTypes: ['eor'], hiringStatuses: ['active'] }).then(
      (result) => !result.ok && reject(new Error('queryWorkers failed')),
    );
  });
  report.event('workers', { count: rows.length });
  const [first, second] = rows;
  if (!first || !second) throw new Error('the simulator listed fewer than two EOR workers');

  const minted = await call('mintToken', {
    workerId: first.id,
    workerName: first.name,
    consentConfirmed: true,
  });
  const sessionId = (minted.data as { id?: string } | undefined)?.id;
  report.event('minted', { workerId: first.id, sessionId });
  await call('copyToken', { sessionId });

  // The operator closes the window while a second mint is still on its way to Deel.
  void call('mintToken', { workerId: second.id, workerName: second.name, consentConfirmed: true });
  report.event('in-flight', { workerId: second.id });
  window.close();
}
