/**
 * `npm run package:check`: builds the app payload exactly as the installers get it and fails if
 * it is wrong. Runs offline and in a few seconds, so it is part of `npm test`.
 *
 * How: electron-builder itself packs the app (its `files` rules, its production-dependency
 * collection, its asar, its fuse flipping) into a Linux `dir` target. The one thing it cannot
 * get here is Electron's zip (no download host), so it is handed a stand-in "unpacked Electron"
 * through the `electronDist` option: a small file carrying Electron's fuse wire in its stock
 * state. That also lets this check read back the fuses electron-builder flipped.
 *
 * It fails when the asar misses the main, preload or renderer entry (or an asset the renderer's
 * HTML loads), or contains sources, tests, source maps, `.env` files, native modules or any
 * package that is not in the production dependency tree; and when a fuse is not as configured
 * or not at the security baseline ({@link REQUIRED_FUSES}).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import asar from '@electron/asar';

export const PROJECT_DIR = resolve(import.meta.dirname, '..');

/** Entries the app cannot start without (paths inside app.asar). */
export const REQUIRED_ENTRIES = [
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
] as const;

/** Electron's fuse sentinel and wire layout (see @electron/fuses). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** In wire order; index = @electron/fuses FuseV1Options. */
export const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof FUSE_ORDER)[number];
/** Stock Electron's fuse states, which the packaged build must change as configured. */
const STOCK_FUSES: Record<FuseName, boolean> = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};
/**
 * The fuses every packaged build must have, whatever the config says: issue 5's list, plus
 * grantFileProtocolExtraPrivileges off now that the renderer is served from app://bundle.
 */
export const REQUIRED_FUSES: Partial<Record<FuseName, boolean>> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};
const ENABLED = 0x31;
const DISABLED = 0x30;

/**
 * Every fuse of a packaged binary that differs from the config (`electronFuses`) or from
 * {@link REQUIRED_FUSES}, one line each. The baseline holds even when the config is edited.
 */
export function fuseProblems(
  fuses: Partial<Record<FuseName, boolean>>,
  configured: Partial<Record<FuseName, boolean>>,
): string[] {
  const problems: string[] = [];
  for (const name of FUSE_ORDER) {
    const expected = configured[name];
    if (expected !== undefined && fuses[name] !== expected) {
      problems.push(`fuse ${name} is ${fuses[name]}, config wants ${expected}`);
    }
    const required = REQUIRED_FUSES[name];
    if (required !== undefined && fuses[name] !== required) {
      problems.push(`fuse ${name} is ${fuses[name]}, the security baseline requires ${required}`);
    }
  }
  return problems;
}

export function fakeElectronBinary(): Buffer {
  const wire = FUSE_ORDER.map((name) => (STOCK_FUSES[name] ? ENABLED : DISABLED));
  return Buffer.concat([
    Buffer.from('#!/bin/sh\n# stand-in for the Electron binary (package:check)\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, wire.length, ...wire]),
  ]);
}

export function readFuses(binary: Buffer): Partial<Record<FuseName, boolean>> {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('no fuse wire in the packaged Electron binary');
  const wire = at + FUSE_SENTINEL.length;
  const length = binary[wire + 1] ?? 0;
  const fuses: Partial<Record<FuseName, boolean>> = {};
  FUSE_ORDER.slice(0, length).forEach((name, index) => {
    const state = binary[wire + 2 + index];
    if (state === ENABLED) fuses[name] = true;
    else if (state === DISABLED) fuses[name] = false;
  });
  return fuses;
}

export interface PackageId {
  name: string;
  version: string;
}
const idOf = (pkg: PackageId) => `${pkg.name}@${pkg.version}`;

export interface PayloadInput {
  /** Every file in app.asar, relative, with `/` separators. */
  files: string[];
  /** name@version of every package directory shipped under node_modules. */
  packages: PackageId[];
  /** name@version of every package in the production dependency tree (`npm ls --omit=dev`). */
  production: PackageId[];
  /** The project's direct dependencies and devDependencies (package.json). */
  dependencies: string[];
  devDependencies: string[];
  /** Reads a shipped text file (for the renderer's HTML and inline source maps). */
  readText(path: string): string;
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const TYPINGS = /\.d\.(ts|mts|cts)$/;
const TEST_FILE = /(^|\/)(test|tests|__tests__|e2e|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
const ENV_FILE = /(^|\/)\.env(\.|$)/;
const inNodeModules = (path: string) => path.split('/').includes('node_modules');
/**
 * Strings only the test-only loopback bridge (test/e2e/bridge) contains: a built bundle that
 * holds one imported the bridge, which must never ship.
 */
export const TEST_BRIDGE_MARKERS = ['/__bridge/invoke', '/__bridge/events', 'bad bridge secret'];

/** Everything wrong with a payload, one line each; empty when it may ship. */
export function inspectPayload(input: PayloadInput): string[] {
  const problems: string[] = [];
  const files = new Set(input.files);
  for (const entry of REQUIRED_ENTRIES) {
    if (!files.has(entry)) problems.push(`missing entry: ${entry}`);
  }
  if (files.has('out/renderer/index.html')) {
    const html = input.readText('out/renderer/index.html');
    for (const [, ref] of html.matchAll(/(?:src|href)="\.?\/?([^":]+?)"/g)) {
      const path = `out/renderer/${ref}`;
      if (!files.has(path)) problems.push(`renderer asset missing: ${path}`);
    }
  }

  for (const path of input.files) {
    const ownFile = !inNodeModules(path);
    if (SOURCE.test(path) && (ownFile || !TYPINGS.test(path))) {
      problems.push(`source file: ${path}`);
    }
    if (path.endsWith('.map')) problems.push(`source map: ${path}`);
    if (ENV_FILE.test(path)) problems.push(`.env file: ${path}`);
    if (path.endsWith('.node')) problems.push(`native module (npmRebuild is off): ${path}`);
    if (ownFile && TEST_FILE.test(path)) problems.push(`test file: ${path}`);
    if (ownFile && /^(src-[^/]+|test|scripts|build)\//.test(path)) {
      problems.push(`project file outside out/: ${path}`);
    }
    if (ownFile && /\.(c|m)?js$/.test(path)) {
      const text = input.readText(path);
      if (/sourceMappingURL=data:/.test(text)) problems.push(`inline source map: ${path}`);
      const marker = TEST_BRIDGE_MARKERS.find((m) => text.includes(m));
      if (marker) problems.push(`test bridge code in ${path} (it contains "${marker}")`);
    }
  }

  const production = new Set(input.production.map(idOf));
  const productionNames = new Set(input.production.map((pkg) => pkg.name));
  const shippedNames = new Set(input.packages.map((pkg) => pkg.name));
  for (const pkg of input.packages) {
    if (!production.has(idOf(pkg))) {
      problems.push(`not a production dependency: ${idOf(pkg)}`);
    }
  }
  for (const name of input.devDependencies) {
    if (!productionNames.has(name) && shippedNames.has(name)) {
      problems.push(`devDependency shipped: ${name}`);
    }
  }
  for (const name of input.dependencies) {
    if (!shippedNames.has(name)) problems.push(`production dependency missing: ${name}`);
  }
  return problems;
}

/** Package directories under node_modules in a file list (`a/node_modules/@s/b/...` → that dir). */
export function packageDirs(files: string[]): string[] {
  const dirs = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (parts[i] !== 'node_modules') continue;
      const scoped = parts[i + 1]?.startsWith('@');
      const end = i + (scoped ? 3 : 2);
      if (end < parts.length) dirs.add(parts.slice(0, end).join('/'));
    }
  }
  return [...dirs];
}

/** name@version of every package in the production tree, from npm itself. */
export function productionTree(projectDir = PROJECT_DIR): PackageId[] {
  const result = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: projectDir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || !result.stdout.trim()) {
    throw new Error(`npm ls --omit=dev failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && resolve(line) !== resolve(projectDir))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageId;
      return { name: pkg.name, version: pkg.version };
    });
}

interface Built {
  tempDir: string;
  asarPath: string;
  binaryPath: string;
  ms: number;
}

/** Packs the app with electron-builder into a temp dir (Linux `dir` target, stand-in Electron). */
async function buildPayload(): Promise<Built> {
  const { build, Platform, Arch } = await import('electron-builder');
  const { default: config } = await import('../electron-builder.config');
  const tempDir = mkdtempSync(join(tmpdir(), 'deel-console-package-check-'));
  const electronDist = join(tempDir, 'electron');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), fakeElectronBinary(), { mode: 0o755 });
  const output = join(tempDir, 'dist');
  const arch = process.arch === 'arm64' ? Arch.arm64 : Arch.x64;
  const started = Date.now();
  await build({
    projectDir: PROJECT_DIR,
    targets: Platform.LINUX.createTarget('dir', arch),
    publish: 'never',
    config: { ...config, electronDist, directories: { ...config.directories, output } },
  });
  const unpacked = join(output, arch === Arch.arm64 ? 'linux-arm64-unpacked' : 'linux-unpacked');
  return {
    tempDir,
    asarPath: join(unpacked, 'resources', 'app.asar'),
    binaryPath: join(unpacked, config.linux?.executableName ?? 'electron'),
    ms: Date.now() - started,
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

async function main(): Promise<number> {
  const missingBuild = REQUIRED_ENTRIES.filter((entry) => !existsSync(join(PROJECT_DIR, entry)));
  if (missingBuild.length > 0) {
    console.error(
      `package:check: ${missingBuild.join(', ')} missing; run \`npm run build\` first.`,
    );
    return 1;
  }
  const { default: config } = await import('../electron-builder.config');
  const built = await buildPayload();
  try {
    if (!existsSync(built.asarPath)) {
      console.error(`package:check: electron-builder produced no ${built.asarPath}`);
      return 1;
    }
    // Entries are kept with `/`; @electron/asar wants the platform's separator back.
    const native = (path: string) => path.split('/').join(sep);
    const files = asar
      .listPackage(built.asarPath, { isPack: false })
      .map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''))
      .filter((entry) => {
        const stat = asar.statFile(built.asarPath, native(entry)) as { files?: unknown };
        return !('files' in stat);
      });
    const readText = (path: string) =>
      asar.extractFile(built.asarPath, native(path)).toString('utf8');
    const packages = packageDirs(files)
      .filter((dir) => files.includes(`${dir}/package.json`))
      .map((dir) => {
        const pkg = JSON.parse(readText(`${dir}/package.json`)) as PackageId;
        return { name: pkg.name, version: pkg.version };
      });
    const manifest = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const problems = inspectPayload({
      files,
      packages,
      production: productionTree(),
      dependencies: Object.keys(manifest.dependencies ?? {}),
      devDependencies: Object.keys(manifest.devDependencies ?? {}),
      readText,
    });

    const shippedManifest = JSON.parse(readText('package.json')) as Record<string, unknown>;
    if ('devDependencies' in shippedManifest) {
      problems.push('packaged package.json still lists devDependencies');
    }

    const fuses = readFuses(readFileSync(built.binaryPath));
    const wanted = (config.electronFuses ?? {}) as Partial<Record<FuseName, boolean>>;
    problems.push(...fuseProblems(fuses, wanted));

    const asarBytes = statSync(built.asarPath).size;
    const ownFiles = files.filter((file) => !inNodeModules(file));
    const ownBytes = ownFiles.reduce(
      (sum, file) =>
        sum + ((asar.statFile(built.asarPath, native(file)) as { size?: number }).size ?? 0),
      0,
    );
    console.log(
      `package:check: app.asar ${kib(asarBytes)} (${(asarBytes / 1024 / 1024).toFixed(1)} MiB), ` +
        `${files.length} files: app ${ownFiles.length} files ${kib(ownBytes)}, ` +
        `${packages.length} production packages; electron-builder ${built.ms} ms`,
    );
    console.log(
      `package:check: fuses ${FUSE_ORDER.map((name) => `${name}=${fuses[name] ? 'on' : 'off'}`).join(' ')}`,
    );
    if (problems.length > 0) {
      console.error(`package:check: FAILED, ${problems.length} problem(s):`);
      for (const problem of problems) console.error(`  - ${problem}`);
      return 1;
    }
    console.log('package:check: OK');
    return 0;
  } finally {
    rmSync(built.tempDir, { recursive: true, force: true });
  }
}

if (resolve(process.argv[1] ?? '') === resolve(import.meta.filename)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('package:check:', error);
      process.exit(1);
    },
  );
}
