import { fileURLToPath } from 'node:url';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Electronegativity (Doyensec's Electron security linter) over the main process, the preload and
 * the built renderer page. Every finding above informational must be justified below; a new
 * finding, or one whose justification no longer matches, fails the test.
 */
const JUSTIFIED: { id: string; file: string; why: string }[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    why:
      "csp-evaluator rates `script-src 'self'` as weak because a host could serve JSONP or uploads. " +
      "Our 'self' is app://bundle, served by the app's own handler from out/renderer only (or the packaged " +
      "asar): nothing else is served there, and everything else is 'none'.",
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'src-main/shell/app-protocol.ts',
    why:
      'The same policy, sent as the Content-Security-Policy header of the HTML the app:// handler serves ' +
      "(PRODUCTION_CSP from csp.ts); its 'self' is that handler's bundle, path-checked in " +
      'test/unit/shell/app-protocol.test.ts.',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'src-main/shell/window.ts',
    why:
      'The preload is the one intended bridge: sandboxed, context-isolated, it exposes one frozen object ' +
      'with exactly the contract operations (see test/unit/preload) and never ipcRenderer.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src-main/shell/window.ts',
    why:
      'openExternal is reached only from the window-open handler and only for https URLs on the ' +
      'documentation allow-list (isAllowedExternalLink, unit-tested in test/unit/shell/window.test.ts).',
  },
];

interface Issue {
  id: string;
  file: string;
  severity: { name: string; value: number };
  confidence: { name: string };
  location: { line: number; column: number };
}
interface RunResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Issue[];
}

const require = createRequire(import.meta.url);
// fileURLToPath, not .pathname: on Windows the latter is `/D:/...`.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The linter fetches translations and Electron's release list from the internet at start-up.
 * This machine has no such network, and a test must not depend on it: answer both from here.
 */
function keepLinterOffline(): void {
  const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [packageDir] });
  const offline = () =>
    Promise.reject(new Error('offline: electronegativity runs without network in tests'));
  const stub = Object.assign(offline, { head: offline, get: offline });
  const cached = new Module(gotPath);
  cached.exports = stub;
  cached.loaded = true;
  (require.cache as Record<string, unknown>)[gotPath] = cached;
}

const staging = mkdtempSync(join(tmpdir(), 'electronegativity-'));
afterAll(() => rmSync(staging, { recursive: true, force: true }));

describe('electronegativity', () => {
  it('reports nothing above informational that is not justified', async () => {
    const page = join(ROOT, 'out/renderer/index.html');
    expect(existsSync(page), 'run `npm run build` first: the built page carries the CSP').toBe(
      true,
    );
    cpSync(join(ROOT, 'src-main'), join(staging, 'src-main'), { recursive: true });
    cpSync(join(ROOT, 'src-preload'), join(staging, 'src-preload'), { recursive: true });
    cpSync(page, join(staging, 'renderer/index.html'));
    cpSync(join(ROOT, 'package.json'), join(staging, 'package.json'));

    keepLinterOffline();
    const run = require('@doyensec/electronegativity') as (options: object) => Promise<RunResult>;
    const log = console.log;
    console.log = () => undefined; // the linter chats about its (stubbed) network
    let result: RunResult;
    try {
      result = await run({ input: staging, electronVersionOverride: '45.5.0', isRelative: true });
    } finally {
      console.log = log;
    }

    expect(
      result.errors.filter((e) => !e.tolerable),
      'every file must parse, or its checks are skipped',
    ).toEqual([]);
    const relevant = result.issues.filter((issue) => issue.severity.name !== 'INFORMATIONAL');
    const unjustified = relevant.filter(
      (issue) =>
        !JUSTIFIED.some(
          (j) => j.id === issue.id && issue.file.replaceAll('\\', '/').endsWith(j.file),
        ),
    );
    console.log(
      `[electronegativity] ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ` +
        `${relevant.length} above informational (${relevant.length - unjustified.length} justified, ${unjustified.length} not)`,
    );
    expect(
      unjustified.map((i) => `${i.id} ${i.severity.name} ${i.file}:${i.location.line}`),
    ).toEqual([]);
  }, 120_000);
});
