import { rmSync } from 'node:fs';
import type { RevokeResult } from '../src-shared/contract';
import type { BenchRow } from './report';
import { connectInput, startBenchCore, startLoggedSimulator, tempDir } from './support/core';
import { expectSeeded, seedLiveTokens } from './support/seed';
import { int, round, seconds, sleep } from './support/stats';

/** Deel's limit per organization (the simulator's rolling window). */
const DEEL_PER_SECOND = 5;
/** The targets, at the competitor rate the issue names (2 req/s). */
export const COMPETITOR_LOSS_TARGET = 0.05;
export const CONSOLE_429_TARGET = 0.05;
export const SHARED_RATIO_TARGET = 1.15;
const TARGET_RATE = 2;

interface Run {
  competitorPerSecond: number;
  totalMs: number;
  floorMs: number;
  ratio: number;
  requests: number;
  console429s: number;
  competitorSent: number;
  competitorRefused: number;
  revoked: number;
  unaccounted: number;
}

/**
 * 2b. Bulk revoke beside another integration of the same organization (the simulator's
 * competing-integration fault: a steady N req/s taken from the same 5/s rolling window). The
 * console path is the app's (bulkRevoke -> journaled job -> 4 lanes -> DeelClient with the
 * adaptive pacing -> simulator). Floor = tokens / the free budget (5 - N, at most the 4/s
 * ceiling). The targets apply at N = 2; N = 0, 1 and 3 are printed beside it.
 */
export async function measureBulkRevokeBesideCompetitor(options: {
  tokens: number;
  competitorRates: readonly number[];
}): Promise<BenchRow> {
  const runs: Run[] = [];
  for (const rate of options.competitorRates) runs.push(await oneRun(options.tokens, rate));
  const target = runs.find((run) => run.competitorPerSecond === TARGET_RATE);
  const loss = (run: Run) =>
    run.competitorSent === 0 ? 0 : run.competitorRefused / run.competitorSent;
  const share429 = (run: Run) => (run.requests === 0 ? 0 : run.console429s / run.requests);
  const passed =
    target !== undefined &&
    loss(target) <= COMPETITOR_LOSS_TARGET &&
    share429(target) <= CONSOLE_429_TARGET &&
    target.ratio <= SHARED_RATIO_TARGET &&
    runs.every((run) => run.unaccounted === 0 && run.revoked === options.tokens);
  const describe = (run: Run) =>
    `competitor ${run.competitorPerSecond}/s: ${run.ratio.toFixed(3)}x floor (${seconds(run.totalMs)} vs ${seconds(run.floorMs)}), ` +
    `console 429s ${run.console429s}/${run.requests} (${(share429(run) * 100).toFixed(1)} %), ` +
    `competitor lost ${run.competitorRefused}/${run.competitorSent} (${(loss(run) * 100).toFixed(1)} %)`;
  return {
    id: `bulk-revoke-competitor-${options.tokens}`,
    section: 2,
    name: `Bulk revoke of ${int(options.tokens)} beside another integration of the organization`,
    result: runs.map(describe).join('; '),
    target: `at 2/s: competitor loses <= ${COMPETITOR_LOSS_TARGET * 100} %, console 429s <= ${CONSOLE_429_TARGET * 100} %, <= ${SHARED_RATIO_TARGET}x floor of the free budget`,
    status: passed ? 'PASS' : 'FAIL',
    metrics: Object.fromEntries(
      runs.flatMap((run) => {
        const at = `at${run.competitorPerSecond}`;
        return [
          [`${at}TotalMs`, round(run.totalMs, 1)],
          [`${at}FloorMs`, round(run.floorMs, 1)],
          [`${at}Ratio`, round(run.ratio, 4)],
          [`${at}Requests`, run.requests],
          [`${at}Console429s`, run.console429s],
          [`${at}CompetitorSent`, run.competitorSent],
          [`${at}CompetitorRefused`, run.competitorRefused],
          [`${at}Unaccounted`, run.unaccounted],
        ];
      }),
    ),
    notes: [
      `The competitor is the simulator's own fault: evenly spaced slots taken from the organization's 5/s rolling window, started 2 s before the bulk revoke and stopped after it; its "lost" calls are the slots the window refused it. Floor = ${int(options.tokens)} / min(4, 5 - N) s. Each rate runs on a fresh simulator and console (the adaptive pacing starts at its 4/s ceiling). Tokens are seeded as in row 2.`,
    ],
  };
}

async function oneRun(count: number, competitorPerSecond: number): Promise<Run> {
  const logged = await startLoggedSimulator({ workers: Math.ceil(count * 1.6) + 10 });
  const { sim } = logged;
  const dir = tempDir('revoke-competitor');
  let bench: Awaited<ReturnType<typeof startBenchCore>> | undefined;
  try {
    const targets = await seedLiveTokens(sim, dir, count);
    bench = await startBenchCore({ dir });
    await bench.call('connect', connectInput(sim));
    await expectSeeded(bench, sim, count);
    await sleep(1_100); // the connect probe leaves the rolling window
    sim.setCompetitor(competitorPerSecond);
    await sleep(2_000); // the other integration is already running when the console starts
    const competitorBefore = sim.competitor();
    const workerIds = targets.map((t) => t.id);
    const started = performance.now();
    const { results } = (await bench.call('bulkRevoke', { workerIds })) as {
      results: RevokeResult[];
    };
    const totalMs = performance.now() - started;
    const competitorAfter = sim.competitor();
    sim.setCompetitor(0);
    const requests = logged.since(started).filter((r) => r.method === 'DELETE');
    const seen = new Map<string, number>();
    for (const result of results) seen.set(result.workerId, (seen.get(result.workerId) ?? 0) + 1);
    const free = Math.min(4, DEEL_PER_SECOND - competitorPerSecond);
    const floorMs = (count / free) * 1000;
    return {
      competitorPerSecond,
      totalMs,
      floorMs,
      ratio: totalMs / floorMs,
      requests: requests.length,
      console429s: requests.filter((r) => r.status === 429).length,
      competitorSent: competitorAfter.sent - competitorBefore.sent,
      competitorRefused: competitorAfter.refused - competitorBefore.refused,
      revoked: results.filter((r) => r.outcome === 'revoked').length,
      unaccounted: workerIds.filter((id) => seen.get(id) !== 1).length,
    };
  } finally {
    sim.setCompetitor(0);
    if (bench) await bench.close();
    else rmSync(dir, { recursive: true, force: true });
    await logged.close();
  }
}
