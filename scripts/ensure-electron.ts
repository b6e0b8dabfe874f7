import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * `prestart` / `predev`: makes sure the Electron binary is installed before electron-vite starts
 * it. electron 45 downloads its binary only when its `install-electron` command runs (or when
 * something first requires the package); electron-vite does neither, it reads `path.txt` and
 * fails with "Electron uninstall". So this runs the package's own installer, through the
 * package's own download mechanism (@electron/get, honouring ELECTRON_MIRROR and the other
 * electron_* settings), and is a no-op once the binary is there.
 *
 * Where the download host cannot be reached it fails within seconds with one line that says
 * what happened and what to do, instead of a stack trace or a hang.
 */

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  version: string;
};
const PREFIX = `${process.env.npm_lifecycle_event === 'predev' ? 'npm run dev' : 'npm start'}: `;
const WHAT_TO_DO =
  'Connect this machine to the internet (or set ELECTRON_MIRROR to a reachable Electron mirror) and run the command again; see README "Troubleshooting".';
/** How long the reachability check may take before the host counts as unreachable. */
const REACH_TIMEOUT_MS = Number(process.env.DEEL_CONSOLE_ELECTRON_REACH_TIMEOUT_MS) || 10_000;

/** The check electron's own install.js makes before it downloads anything. */
function electronInstalled(dir = packageDir): boolean {
  try {
    const installed = readFileSync(join(dir, 'dist', 'version'), 'utf8')
      .replace(/^v/, '')
      .trim();
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8');
    return installed === version && existsSync(join(dir, 'dist', relative));
  } catch {
    return false;
  }
}

/**
 * The mirror base URL @electron/get 5 will use (its `mirrorVar('mirror')` lookup order: npm
 * config, package.json config, environment, then GitHub releases). Only its host is used here.
 */
function electronMirror(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.npm_config_electron_mirror ||
    env.NPM_CONFIG_ELECTRON_MIRROR ||
    env.npm_package_config_electron_mirror ||
    env.ELECTRON_MIRROR ||
    'https://github.com/electron/electron/releases/download/'
  );
}

const usesProxy = (env: NodeJS.ProcessEnv) =>
  Boolean(
    env.ELECTRON_GET_USE_PROXY ||
    env.HTTPS_PROXY ||
    env.https_proxy ||
    env.HTTP_PROXY ||
    env.http_proxy ||
    env.GLOBAL_AGENT_HTTPS_PROXY,
  );

const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: 'its name does not resolve',
  EAI_AGAIN: 'its name does not resolve',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
};

/** Undefined when the host answers at all (any HTTP status); else why it could not be reached. */
async function unreachable(base: string): Promise<string | undefined> {
  try {
    const response = await fetch(base, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.timeout(REACH_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return undefined;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return `no answer within ${REACH_TIMEOUT_MS / 1000} s`;
    }
    const cause =
      error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    const code = cause?.code;
    if (code) return NETWORK_ERRORS[code] ? `${NETWORK_ERRORS[code]}, ${code}` : code;
    return error instanceof Error ? error.message : String(error);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Runs the package's `install-electron`; resolves with its exit code and its last error line. */
function runInstaller(): Promise<{ code: number; lastError: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, ELECTRON_GET_NO_PROGRESS: process.env.CI ? '1' : '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
    });
    child.on('close', (code) => {
      const lines = stderr.split('\n').map((line) => line.trim());
      const lastError = lines.find((line) => /error/i.test(line) && !line.startsWith('at ')) ?? '';
      resolve({ code: code ?? 1, lastError });
    });
  });
}

async function main(): Promise<number> {
  if (electronInstalled()) return 0;
  const mirror = electronMirror();
  if (!usesProxy(process.env)) {
    // A proxy is applied by @electron/get (ELECTRON_GET_USE_PROXY) but not by this check.
    const why = await unreachable(mirror);
    if (why) {
      console.error(
        `${PREFIX}the Electron ${version} binary is not installed and ${hostOf(mirror)} cannot be reached (${why}). ${WHAT_TO_DO}`,
      );
      return 1;
    }
  }
  console.error(`Installing the Electron ${version} binary from ${hostOf(mirror)} (once)…`);
  const { code, lastError } = await runInstaller();
  if (code === 0 && electronInstalled()) return 0;
  console.error(
    `${PREFIX}the Electron ${version} binary could not be installed from ${hostOf(mirror)}${lastError ? ` (${lastError})` : ''}. ${WHAT_TO_DO}`,
  );
  return 1;
}

process.exitCode = await main();
