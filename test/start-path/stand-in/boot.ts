import { readFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createElectronStub, hashOf } from './electron-stub';
import { createReport } from './report';
import { runPage } from './renderer';

/**
 * TEST-ONLY: the entry of the stand-in "Electron binary" (a shell script in the zip runs it
 * under Node). Like `electron <app dir>`, it reads the app's package.json, loads its `main`
 * (the built out/main bundle) with the stand-in `electron` module in place of the real one,
 * emits `ready` once the main script has run, and lets the simulated page drive the app.
 * Everything it sees goes to the report file named by STAND_IN_REPORT.
 */

const report = createReport(process.env.STAND_IN_REPORT);
const appDir = resolve(process.argv[2] ?? '.');
const pkg = JSON.parse(readFileSync(resolve(appDir, 'package.json'), 'utf8')) as {
  name: string;
  productName?: string;
  version: string;
  main?: string;
};
const entry = resolve(appDir, pkg.main ?? 'index.js');
report.event('start', {
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  node: process.version,
  entry,
});

const stub = createElectronStub({
  report,
  appName: pkg.productName ?? pkg.name,
  appVersion: pkg.version,
});

// `electron` for require() (CommonJS dependencies such as electron-updater)...
const KEY = Symbol.for('deel-console.stand-in.electron');
(globalThis as Record<symbol, unknown>)[KEY] = stub.main;
const moduleInternals = Module as unknown as {
  _load: (request: string, parent: unknown, isMain: boolean) => unknown;
};
const originalLoad = moduleInternals._load;
moduleInternals._load = function load(request, parent, isMain) {
  if (request === 'electron') return stub.main;
  return originalLoad.call(this, request, parent, isMain);
};
// ...and for import (the app's ESM main bundle, electron-store).
const names = Object.keys(stub.main);
const esm = `const e = globalThis[Symbol.for('deel-console.stand-in.electron')];
export default e;
${names.map((name) => `export const ${name} = e.${name};`).join('\n')}`;
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(esm)}`)}, shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
(process as unknown as { type: string }).type = 'browser';

stub.onWindowLoaded = async (window, html) => {
  try {
    await runPage(stub, window, window.webContents.mainFrame.url, html, report);
  } catch (error) {
    report.event('page-failed', {
      message: error instanceof Error ? error.message : String(error),
    });
    process.exitCode = 3;
    stub.main.app.exit(3);
  }
};

process.on('exit', (code) => {
  const clipboard = stub.clipboardText();
  report.event('process-exit', {
    code,
    clipboardEmpty: clipboard === '',
    ...(clipboard && { clipboardHash: hashOf(clipboard) }),
  });
});
process.on('uncaughtException', (error) => {
  report.event('uncaught', { message: error.message, stack: error.stack?.split('\n', 4) });
  process.exit(70);
});
process.on('unhandledRejection', (reason) => {
  report.event('unhandled-rejection', { message: String(reason) });
});

try {
  await import(pathToFileURL(entry).href);
} catch (error) {
  report.event('main-failed', { message: error instanceof Error ? error.message : String(error) });
  process.exit(71);
}
// Electron emits `ready` after the main script has run to its end.
setImmediate(() => stub.markReady());
