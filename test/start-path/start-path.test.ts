import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src-main/simulator';
import { invokeChannels } from '../../src-shared/channels';
import type { ReportEvent } from './stand-in/report';
import { makeCleanCopy } from './support/clean-copy';
import { startElectronMirror, type ElectronMirror } from './support/mirror';
import { buildStandInZip } from './support/stand-in-zip';

// The real start chain, on a clean copy of the project: `npm start` runs `prestart`, which runs
// electron's own install-electron (@electron/get) against a loopback mirror; electron-vite then
// builds the app and launches the binary it installed with the app's real arguments. That binary
// is a stand-in (test/start-path/stand-in): it runs the built out/main bundle under Node with an
// `electron` module that enforces the real API's rules, loads the window's URL through the
// app's registered protocol, runs the built preload as a sandboxed preload, and drives the
// console through the API that preload exposes. What it proves and does not: README "Tests".

const ROOT = resolve(import.meta.dirname, '../..');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;

let work: string;
let copy: string;
let mirror: ElectronMirror;
let deel: RunningSimulator;

interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

/** Runs a command in the copy with a clean environment: no npm_* or Electron settings leak in. */
function run(command: string, args: string[], env: Record<string, string>, cwd = copy) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(npm_|ELECTRON_|electron_|STAND_IN_|DEEL_CONSOLE_)/i.test(name),
    ),
  ) as Record<string, string>;
  const started = Date.now();
  return new Promise<Run>((done) => {
    const child = spawn(command, args, {
      cwd,
      env: {
        ...base,
        XDG_CONFIG_HOME: join(work, 'xdg'),
        electron_config_cache: join(work, 'electron-cache'),
        electron_use_remote_checksums: '1',
        STAND_IN_NODE: process.execPath,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function readReport(file: string): ReportEvent[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ReportEvent);
}

const first = (
  events: ReportEvent[],
  type: string,
  where: (e: ReportEvent) => boolean = () => true,
) => events.find((e) => e.type === type && where(e));

beforeAll(async () => {
  if (process.platform !== 'linux') return;
  work = mkdtempSync(join(tmpdir(), 'deel-console-start-'));
  copy = join(work, 'app');
  makeCleanCopy(ROOT, copy);
  mirror = await startElectronMirror(await buildStandInZip(ELECTRON_VERSION));
  deel = await startSimulator({ workers: 40, seed: 11 });
}, 60_000);

afterAll(async () => {
  await mirror?.close();
  await deel?.close();
  if (work && !process.env.START_PATH_KEEP) rmSync(work, { recursive: true, force: true });
});

// The stand-in zip is laid out as Linux's Electron release (an `electron` executable at its
// root); on macOS and Windows this suite is reported as skipped, never as passed.
describe.runIf(process.platform === 'linux')('npm start on a clean copy', () => {
  it('fails within seconds, with one line saying what to do, when Electron cannot be downloaded', async () => {
    // A port nothing listens on: the mirror host cannot be reached.
    const closed = await startElectronMirror(await buildStandInZip(ELECTRON_VERSION));
    await closed.close();
    const result = await run('npm', ['start'], { ELECTRON_MIRROR: closed.url });
    expect(result.code).not.toBe(0);
    expect(result.seconds).toBeLessThan(30);
    const lines = result.output.split('\n').filter((line) => line.startsWith('npm start: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`the Electron ${ELECTRON_VERSION} binary is not installed`);
    expect(lines[0]).toContain('connection refused');
    expect(lines[0]).toContain('ELECTRON_MIRROR');
    // It stopped before building anything.
    expect(existsSync(join(copy, 'out'))).toBe(false);
    expect(existsSync(join(copy, 'node_modules/electron/path.txt'))).toBe(false);
  }, 60_000);

  describe('with a reachable mirror', () => {
    const report = () => readReport(join(work, 'report-start.jsonl'));
    let result: Run;

    beforeAll(async () => {
      result = await run('npm', ['start'], {
        ELECTRON_MIRROR: mirror.url,
        // Relative on purpose: Electron's setPath throws on one; the shell must resolve it.
        DEEL_CONSOLE_USER_DATA: 'profile',
        STAND_IN_REPORT: join(work, 'report-start.jsonl'),
        STAND_IN_DEEL_URL: deel.url,
        STAND_IN_DEEL_TOKEN: deel.tokens.admin,
      });
      if (result.code !== 0) console.error(result.output);
    }, 240_000);

    it('installs Electron through install-electron from the mirror, then starts it with the app', () => {
      expect(mirror.requests).toContain(`GET /v${ELECTRON_VERSION}/SHASUMS256.txt`);
      expect(mirror.requests).toContain(
        `GET /v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`,
      );
      expect(readFileSync(join(copy, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
      const start = first(report(), 'start')!;
      expect(start.argv).toEqual(['.']);
      expect(start.cwd).toBe(copy);
      expect(start.entry).toBe(join(copy, 'out/main/index.js'));
      expect(result.code).toBe(0);
    });

    it('breaks none of the rules of the real API', () => {
      const events = report();
      const broken = events.filter((e) =>
        [
          'rule-broken',
          'deprecated-api',
          'uncaught',
          'unhandled-rejection',
          'main-failed',
          'page-failed',
        ].includes(e.type),
      );
      expect(broken).toEqual([]);
      expect(first(events, 'app.setPath')).toMatchObject({
        name: 'userData',
        path: join(copy, 'profile'),
      });
      expect(first(events, 'app.requestSingleInstanceLock')).toMatchObject({
        userData: join(copy, 'profile'),
      });
    });

    it('registers every contract channel before the window loads, on the app:// protocol', () => {
      const events = report();
      const load = first(events, 'loadURL')!;
      const handled = events.filter((e) => e.type === 'ipcMain.handle');
      expect(handled.map((e) => e.channel).sort()).toEqual(Object.values(invokeChannels).sort());
      expect(Math.max(...handled.map((e) => e.seq))).toBeLessThan(load.seq);
      expect(load.url).toBe('app://bundle/index.html');
      expect(first(events, 'protocol.handle')).toMatchObject({ scheme: 'app', privileged: true });
      expect(first(events, 'loaded')).toMatchObject({
        status: 200,
        contentType: expect.stringMatching(/^text\/html/),
      });
      const assets = events.filter((e) => e.type === 'page-asset');
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) expect(asset).toMatchObject({ status: 200 });
    });

    it('gives the window a sandboxed CommonJS preload that exists', () => {
      const events = report();
      expect(first(events, 'BrowserWindow')!.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
      });
      const preload = first(events, 'preload-path')!;
      expect(preload).toMatchObject({ absolute: true, exists: true });
      expect(String(preload.path)).toBe(join(copy, 'out/preload/index.cjs'));
      expect(first(events, 'preload')).toMatchObject({ ok: true });
      expect(first(events, 'contextBridge.exposeInMainWorld')).toMatchObject({
        key: 'deelConsole',
      });
    });

    it('opens the window before the vault touches the keyring, and answers through the handlers', () => {
      const events = report();
      const window = first(events, 'BrowserWindow')!;
      const keyring = events.filter((e) => e.type.startsWith('safeStorage.'));
      expect(keyring.length).toBeGreaterThan(0); // the connect sealed the token
      for (const call of keyring) expect(call.seq).toBeGreaterThan(window.seq);
      const calls = events.filter((e) => e.type === 'call');
      expect(calls.slice(0, 4).map((e) => [e.method, e.ok])).toEqual([
        ['getOverview', true],
        ['connect', true],
        ['queryWorkers', true],
        ['mintToken', true],
      ]);
      // Deel was called through Electron's net.fetch, not Node's fetch.
      const viaNet = events.filter(
        (e) => e.type === 'net.fetch' && String(e.url).startsWith(deel.url),
      );
      expect(viaNet.length).toBeGreaterThan(0);
    });

    it('on quit, waits for the mint in flight, writes the sessions file and the audit log, and clears the clipboard', () => {
      const events = report();
      const quit = first(events, 'app.quit')!;
      const inFlight = first(events, 'in-flight')!;
      const mints = events.filter((e) => e.type === 'call' && e.method === 'mintToken');
      expect(mints.map((e) => e.ok)).toEqual([true, true]);
      expect(mints[1]!.seq).toBeGreaterThan(quit.seq);
      const cleared = first(events, 'clipboard.clear')!;
      expect(cleared.seq).toBeGreaterThan(quit.seq);
      expect(first(events, 'process-exit')).toMatchObject({ code: 0, clipboardEmpty: true });
      expect(first(events, 'exit')).toMatchObject({ code: 0, how: 'quit' });

      const profile = join(copy, 'profile');
      const sessionsFile = readdirSync(profile).find((name) => /^sessions-.*\.json$/.test(name));
      expect(sessionsFile).toBeDefined();
      const stored = JSON.parse(readFileSync(join(profile, sessionsFile!), 'utf8')) as {
        sessions: { workerId: string; state: string }[];
      };
      const minted = first(events, 'minted')!;
      expect(stored.sessions.map((s) => [s.workerId, s.state]).sort()).toEqual(
        [
          [minted.workerId, 'live'],
          [inFlight.workerId, 'live'],
        ].sort(),
      );
      const audit = readFileSync(join(profile, 'audit-log.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { action: string; outcome: string; workerId?: string });
      // Each mint was written down (intent) before it was sent, and its outcome after.
      expect(audit.filter((a) => a.action === 'mint').map((a) => [a.workerId, a.outcome])).toEqual([
        [minted.workerId, 'intent'],
        [minted.workerId, 'success'],
        [inFlight.workerId, 'intent'],
        [inFlight.workerId, 'success'],
      ]);
    });

    it('runs install-electron only once: the next prestart is a no-op', async () => {
      const before = mirror.requests.length;
      const again = await run('npm', ['run', 'prestart'], { ELECTRON_MIRROR: mirror.url });
      expect(again.code).toBe(0);
      expect(mirror.requests.length).toBe(before);
      expect(again.output).not.toContain('Installing the Electron');
    }, 60_000);

    it('after a restart, the saved token opens after the window and the minted tokens are still listed', async () => {
      const file = join(work, 'report-restart.jsonl');
      const restart = await run(join(copy, 'node_modules/electron/dist/electron'), ['.'], {
        DEEL_CONSOLE_USER_DATA: join(copy, 'profile'),
        STAND_IN_REPORT: file,
        STAND_IN_QUIT_AFTER_OVERVIEW: '1',
      });
      const events = readReport(file);
      expect(restart.code, restart.output).toBe(0);
      const window = first(events, 'BrowserWindow')!;
      const decrypt = first(events, 'safeStorage.decryptStringAsync')!;
      expect(decrypt.seq).toBeGreaterThan(window.seq);
      expect(first(events, 'overview')).toMatchObject({
        environment: 'custom',
        sessions: 2,
        live: 2,
      });
    }, 60_000);
  });
});
