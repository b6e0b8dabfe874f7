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
  --bench            measure 100-row filtered+searched pages, print timings, exit
  --help             this text`;

export interface CliArgs {
  options: SimulatorOptions;
  json: boolean;
  quiet: boolean;
  bench: boolean;
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
      bench: { type: 'boolean', default: false },
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
    bench: values.bench,
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

/**
 * Measures server time (from Server-Timing) of 100-row pages out of all workers, filtered and
 * searched. Every measured request is a distinct query, so the result cache never answers it;
 * only the once-per-run structures (sort orders, search haystack) are reused, as in real use.
 */
async function bench(sim: RunningSimulator): Promise<void> {
  const headers = { authorization: `Bearer ${sim.tokens.admin}` };
  const shapes = [
    'hiring_types=eor&sort_by=full_name',
    'hiring_types=eor&hiring_statuses=active',
    'hiring_types=contractor&hiring_types=eor&sort_by=last_name&sort_order=desc',
    'hiring_statuses=active&sort_by=start_date',
  ];
  const terms = [
    'jose',
    'sharma',
    'mar',
    'nguyen',
    'anna',
    'silva',
    'müller',
    'tanaka',
    'smith',
    'garcia',
    'li',
    'ol',
  ];
  const serverMs = async (query: string): Promise<number> => {
    const res = await fetch(`${sim.url}/people?limit=100&${query}`, { headers });
    await res.arrayBuffer();
    return Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  };
  out(`bench: ${sim.workerCount} workers, 100-row pages, filtered + searched, server time`);
  // One pass first so the JIT has compiled the hot paths (as in a running app).
  for (const shape of shapes) await serverMs(`${shape}&search=warm`);
  for (const shape of shapes) {
    const first = await serverMs(`${shape}&search=qq`);
    const times: number[] = [];
    for (const term of terms)
      times.push(await serverMs(`${shape}&search=${encodeURIComponent(term)}`));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? NaN;
    const max = times[times.length - 1] ?? NaN;
    out(
      `  ${shape.padEnd(72)} first ${first.toFixed(1)} ms; ${times.length} new queries: median ${median.toFixed(2)} ms, max ${max.toFixed(2)} ms`,
    );
  }
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
  const log =
    args.quiet || args.bench
      ? undefined
      : (e: { method: string; path: string; status: number | 'dropped'; ms: number }) => {
          console.error(`[deel-simulator] ${e.method} ${e.path} -> ${e.status} (${e.ms} ms)`);
        };
  const started = performance.now();
  const sim = await startSimulator({
    ...args.options,
    ...(args.bench ? { rateLimit: false, port: 0 } : {}),
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
  if (args.bench) {
    await bench(sim);
    await sim.close();
    return 0;
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
