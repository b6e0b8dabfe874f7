/**
 * `npm run bench` — how fast the console is on large organizations, against the limits that
 * bind it (issue #8). Prints a Markdown table and writes JSON + Markdown under bench-results/.
 *
 *   npm run bench                      full sizes (10,000 / 50,000 workers, 500 revokes, ...)
 *   npm run bench -- --quick           small sizes, short durations (the smoke test runs this)
 *   npm run bench -- --only 1,4        only some measurements (by number)
 *   npm run bench -- --out DIR         write results to DIR instead of bench-results/
 *   npm run bench -- --build           run `electron-vite build` first (else out/ is measured as is)
 *
 * Exit code 1 only if a measurement could not run (ERROR); a FAIL is a finding, not a crash.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { measureBulkRevoke } from './bulk-revoke';
import { measureBundle } from './bundle';
import { measureIdleCost } from './idle-cost';
import { measureBulkRevokeBesideCompetitor } from './bulk-revoke-competitor';
import { measureMintOverhead } from './mint-overhead';
import { measureOrganizationSweep } from './organization-sweep';
import { measureOrganizationSweepResumed } from './organization-sweep-resumed';
import { measureRendererScale } from './renderer-scale';
import {
  markdownTable,
  summaryLine,
  writeReport,
  type BenchReport,
  type BenchRow,
  type MetricValue,
} from './report';
import { measureSimulatorQuery } from './simulator-query';
import { round } from './support/stats';
import { measureWorkerList } from './worker-list';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const SIZES = {
  full: {
    listWorkers: [10_000, 50_000],
    revokeTokens: 500,
    competitorTokens: 200,
    competitorRates: [2, 0, 1, 3],
    mintSamples: 200,
    mintWarmup: 20,
    rendererRows: 50_000,
    scrollMs: 5_000,
    countdowns: 1_000,
    idleMs: 30_000,
    simulatorWorkers: 100_000,
    simulatorTerms: 12,
    sweep: { workers: 2_000, consoleTokens: 40, outsideTokens: 10 },
    sweepResumed: { workers: 2_000, consoleTokens: 40, outsideTokens: 10 },
  },
  quick: {
    listWorkers: [500, 1_000],
    revokeTokens: 12,
    competitorTokens: 12,
    competitorRates: [2],
    mintSamples: 20,
    mintWarmup: 5,
    rendererRows: 1_000,
    scrollMs: 1_000,
    countdowns: 50,
    idleMs: 3_000,
    simulatorWorkers: 5_000,
    simulatorTerms: 3,
    sweep: { workers: 120, consoleTokens: 4, outsideTokens: 2 },
    // Only that it runs: at this size the restart alone is most of the 1.10x allowance.
    sweepResumed: { workers: 40, consoleTokens: 2, outsideTokens: 1 },
  },
};

interface Step {
  section: number;
  id: string;
  name: string;
  run(): Promise<BenchRow> | BenchRow;
}

function log(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}

function gitInfo(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })
      .toString()
      .trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString();
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string', default: 'bench-results' },
      build: { type: 'boolean', default: false },
    },
  });
  const mode = values.quick ? 'quick' : 'full';
  const size = SIZES[mode];
  const only = values.only
    ? new Set(values.only.split(',').map((s) => Number(s.trim())))
    : undefined;

  if (values.build) {
    log('building (electron-vite build)...');
    const built = spawnSync(`${ROOT}node_modules/.bin/electron-vite`, ['build'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (built.status !== 0) {
      log('the build failed');
      return 1;
    }
  }

  // Cheap and CPU-bound first; the rate-bound runs and the browser after.
  const steps: Step[] = [
    { section: 6, id: 'bundle', name: 'bundle sizes', run: () => measureBundle() },
    {
      section: 7,
      id: 'simulator',
      name: `simulator query, ${size.simulatorWorkers} workers`,
      run: () =>
        measureSimulatorQuery({ workers: size.simulatorWorkers, terms: size.simulatorTerms }),
    },
    {
      section: 3,
      id: 'mint',
      name: `mint overhead, ${size.mintSamples} samples`,
      run: () => measureMintOverhead({ samples: size.mintSamples, warmup: size.mintWarmup }),
    },
    ...size.listWorkers.map((workers) => ({
      section: 1,
      id: `list-${workers}`,
      name: `full worker list, ${workers} workers`,
      run: () => measureWorkerList({ workers }),
    })),
    {
      section: 2,
      id: 'revoke',
      name: `bulk revoke, ${size.revokeTokens} tokens`,
      run: () => measureBulkRevoke({ tokens: size.revokeTokens }),
    },
    {
      section: 2,
      id: 'revoke-competitor',
      name: `bulk revoke of ${size.competitorTokens} beside a competing integration`,
      run: () =>
        measureBulkRevokeBesideCompetitor({
          tokens: size.competitorTokens,
          competitorRates: size.competitorRates,
        }),
    },
    {
      section: 8,
      id: 'sweep',
      name: `organization sweep, ${size.sweep.workers} workers`,
      run: () => measureOrganizationSweep(size.sweep),
    },
    {
      section: 8,
      id: 'sweep-resumed',
      name: `organization sweep, ${size.sweepResumed.workers} workers, killed halfway and resumed`,
      run: () => measureOrganizationSweepResumed(size.sweepResumed),
    },
    {
      section: 4,
      id: 'renderer',
      name: `renderer, ${size.rendererRows} rows`,
      run: () =>
        measureRendererScale({
          rows: size.rendererRows,
          scrollMs: size.scrollMs,
          // Rows arrive at 4 pages/s: allow twice the floor plus start-up.
          loadTimeoutMs: (size.rendererRows / 100 / 4) * 2_000 + 60_000,
        }),
    },
    {
      section: 5,
      id: 'idle',
      name: `idle, ${size.countdowns} countdowns`,
      run: () => measureIdleCost({ countdowns: size.countdowns, durationMs: size.idleMs }),
    },
  ].filter((step) => !only || only.has(step.section));

  // The commit the run starts from (others may commit while it runs).
  const git = gitInfo();
  const startedAt = new Date();
  const t0 = performance.now();
  const loadBefore = loadavg();
  const rows: BenchRow[] = [];
  for (const [index, step] of steps.entries()) {
    const t = performance.now();
    const load = loadavg()[0] ?? Number.NaN;
    log(`${index + 1}/${steps.length} ${step.name}... (load average ${load.toFixed(2)})`);
    let row: BenchRow;
    try {
      row = await step.run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      row = {
        id: step.id,
        section: step.section,
        name: step.name,
        result: `could not run: ${message.split('\n')[0]}`,
        target: '—',
        status: 'ERROR',
        metrics: {},
        notes: [],
      };
    }
    row.metrics.stepSeconds = round((performance.now() - t) / 1000, 1);
    // Other work on the machine skews the CPU-bound rows (4, 5, 3, 7): keep the load with them.
    row.metrics.loadAverageAtStart = round(load, 2);
    log(`  ${row.status}: ${row.result} (${row.metrics.stepSeconds} s)`);
    rows.push(row);
  }
  rows.sort((a, b) => a.section - b.section);

  const chromium = rows.find((r) => typeof r.metrics.chromium === 'string')?.metrics.chromium;
  const environment: Record<string, MetricValue> = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    loadAverageBefore: loadBefore.map((l) => l.toFixed(2)).join(' '),
    loadAverageAfter: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    chromium: chromium ?? null,
    commit: git.commit,
    uncommittedChanges: git.dirty,
    only: values.only ?? null,
  };
  const report: BenchReport = {
    schema: 'deel-console-bench/1',
    mode,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - t0),
    environment,
    rows,
  };
  const written = writeReport(report, values.out);

  process.stdout.write(`\n${markdownTable(rows)}\n\n`);
  process.stdout.write(
    `${summaryLine(rows)}; ${mode} run in ${(report.durationMs / 1000).toFixed(0)} s; ` +
      `load average ${environment.loadAverageBefore} -> ${environment.loadAverageAfter}\n`,
  );
  process.stdout.write(`results: ${written.json}, ${written.md}\n`);
  return rows.some((row) => row.status === 'ERROR') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] crashed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
