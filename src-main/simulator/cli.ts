/**
 * The simulator CLI (`npm run sim -- --workers 10000 --port 4010`). With `--json` it prints exactly
 * one JSON line first — `{"url":...,"tokens":{"admin":...,"readOnly":...,"personal":...}}` — for
 * scripts to read; request logs go to stderr. It stays up until SIGINT/SIGTERM, then closes.
 * Printing the demo tokens is the point of this CLI; request logs never contain them.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_WORKERS,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from './index.js';

/** stdout line writer (the CLI's output; logs go to stderr). */
function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

export const USAGE = `Deel API SIMULATOR (not Deel) — local, loopback-only, fake data.

Usage: npm run sim -- [options]
  --port N           port on 127.0.0.1 (default 4010; 0 = random)
  --workers N        number of workers, 1..100000 (default ${DEFAULT_WORKERS})
  --seed N           data seed (default 1)
  --org-name TEXT    organization name
  --json             print one JSON line {"url","tokens"} first, logs to stderr
  --rate-limit N     requests per rolling second per organization (default 5; 0 = off)
  --retry-after      send Retry-After on 429
  --latency MS       fixed latency added to every answer
  --jitter MS        random extra latency 0..MS
  --error-rate R     share 0..1 of requests answered 500
  --drop-rate R      share 0..1 of connections dropped
  --quiet            no request log
  --help             this text`;

export interface CliArgs {
  options: SimulatorOptions;
  json: boolean;
  quiet: boolean;
  help: boolean;
}

function num(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new Error(`--${name} must be a number from ${min} to ${max}`);
  }
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      workers: { type: 'string' },
      seed: { type: 'string' },
      'org-name': { type: 'string' },
      json: { type: 'boolean', default: false },
      'rate-limit': { type: 'string' },
      'retry-after': { type: 'boolean', default: false },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'error-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const rate = num('rate-limit', values['rate-limit'], 0, 1_000_000) ?? 5;
  const options: SimulatorOptions = {
    port: num('port', values.port, 0, 65_535) ?? 4010,
    workers: num('workers', values.workers, 1, 100_000) ?? DEFAULT_WORKERS,
    seed: num('seed', values.seed, 0, 2 ** 32 - 1) ?? 1,
    rateLimit: rate === 0 ? false : { perSecond: rate, retryAfter: values['retry-after'] },
    faults: {
      latency: {
        fixedMs: num('latency', values.latency, 0, 60_000) ?? 0,
        jitterMs: num('jitter', values.jitter, 0, 60_000) ?? 0,
      },
      errorRate: num('error-rate', values['error-rate'], 0, 1) ?? 0,
      dropRate: num('drop-rate', values['drop-rate'], 0, 1) ?? 0,
    },
  };
  if (values['org-name'] !== undefined) options.orgName = values['org-name'];
  return {
    options,
    json: values.json,
    quiet: values.quiet,
    help: values.help,
  };
}

function banner(sim: RunningSimulator): string {
  return [
    '==================================================================',
    ' Deel API SIMULATOR — this is NOT Deel. Fake data, loopback only.',
    '==================================================================',
    ` Base URL     ${sim.url}`,
    ` Organization ${sim.orgName} (${sim.workerCount} workers)`,
    ' Demo tokens (valid only against this simulator run):',
    `   admin      ${sim.tokens.admin}`,
    `   readOnly   ${sim.tokens.readOnly}`,
    `   personal   ${sim.tokens.personal}`,
    ` Control      ${sim.origin}/__sim/state (loopback only)`,
    ' Ctrl+C to stop.',
  ].join('\n');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error(USAGE);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  const log = args.quiet
    ? undefined
    : (e: { method: string; path: string; status: number | 'dropped'; ms: number }) => {
        console.error(`[deel-simulator] ${e.method} ${e.path} -> ${e.status} (${e.ms} ms)`);
      };
  const started = performance.now();
  const sim = await startSimulator({
    ...args.options,
    onRequest: log,
  });
  const startMs = performance.now() - started;
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ url: sim.url, tokens: sim.tokens })}\n`);
    console.error(`[deel-simulator] SIMULATOR (not Deel) listening on ${sim.url}`);
  } else {
    out(banner(sim));
    out(` Started in ${startMs.toFixed(0)} ms.`);
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sim.close();
  console.error('[deel-simulator] stopped');
  return 0;
}
