import { rmSync } from 'node:fs';
import type { Settings, SweepViewWire } from '../src-shared/contract';
import type { BenchRow } from './report';
import type { RunningSimulator } from '../src-main/simulator';
import { deleteTarget, mintOutside } from '../test/drills/sweep-harness';
import {
  connectInput,
  eorWorkers,
  organizationOf,
  startBenchCore,
  startLoggedSimulator,
  tempDir,
  type LoggedRequest,
} from './support/core';
import { liveTokensAtSimulator, seedLiveTokens } from './support/seed';
import { int, round, seconds, sleep } from './support/stats';

/** Issue 17's target: the whole sweep within 1.10 of its floor when nothing competes. */
export const SWEEP_RATIO_TARGET = 1.1;

/**
 * 8. "Sweep the organization" (issue 17.3): `startSweep` -> the sweep's journal -> the EOR
 * list (GET /people, 100 a page) -> a DELETE per EOR worker in four lanes under the shared
 * limiter -> the simulator with its real 5/s rolling limiter.
 *
 * Set-up (not timed): `consoleTokens` tokens seeded on both sides as after a restart (see
 * seed.ts), and `outsideTokens` more minted by bare POSTs at the simulator only (the company's
 * White Label backend), each before a 250 ms step of the simulator clock so none is refused.
 * Floor: the requests the sweep cannot do without (its list pages and one DELETE per EOR worker)
 * at the console's configured rate.
 */
export async function measureOrganizationSweep(options: {
  workers: number;
  consoleTokens: number;
  outsideTokens: number;
}): Promise<BenchRow> {
  const logged = await startLoggedSimulator({ workers: options.workers });
  const { sim } = logged;
  const dir = tempDir('sweep');
  let bench: Awaited<ReturnType<typeof startBenchCore>> | undefined;
  try {
    const { expectedLive, liveBefore } = await seedSweepTokens(sim, dir, options);

    bench = await startBenchCore({ dir });
    await bench.call('connect', connectInput(sim));
    const settings = (await bench.call('getSettings')) as Settings;
    const rate = settings.requestsPerSecond;
    const org = await organizationOf(sim);
    await sleep(1_100); // the connect probe's request leaves the rolling window

    const started = performance.now();
    await bench.call('startSweep', { confirmOrganization: org.name });
    let view: SweepViewWire | null = null;
    for (;;) {
      view = (await bench.call('getSweep')) as SweepViewWire | null;
      if (view && view.state !== 'running') break;
      await sleep(20);
    }
    const totalMs = performance.now() - started;

    const { tooMany, deletes, pages, perWorker, sentTwice } = sweepRequests(logged.since(started));
    const liveAfter = await liveTokensAtSimulator(sim.origin);
    const floorRequests = Math.ceil(view.listed / 100) + view.listed;
    const floorMs = (floorRequests / rate) * 1000;
    const ratio = totalMs / floorMs;
    const passed =
      view.state === 'finished' &&
      ratio <= SWEEP_RATIO_TARGET &&
      liveAfter === 0 &&
      view.revoked === expectedLive &&
      view.failed === 0 &&
      view.remaining === 0 &&
      sentTwice === 0 &&
      perWorker.size === view.listed;
    return {
      id: `organization-sweep-${options.workers}`,
      section: 8,
      name: `Sweep the organization, ${int(options.workers)} workers, ${expectedLive} live tokens (${options.outsideTokens} minted outside)`,
      result:
        `${ratio.toFixed(3)}x floor (${seconds(totalMs)} vs ${seconds(floorMs)}); ${int(view.listed)} EOR workers, ${pages.length} pages, ${deletes.length} DELETEs, ${tooMany} x 429; ` +
        `${view.revoked} revoked, ${int(view.noLiveToken)} had none, ${view.failed} failed; ${liveAfter} still live at the simulator`,
      target: `<= ${SWEEP_RATIO_TARGET.toFixed(2)}x floor, every token dead, no DELETE twice`,
      status: passed ? 'PASS' : 'FAIL',
      metrics: {
        workers: options.workers,
        eorWorkers: view.listed,
        totalMs: round(totalMs, 1),
        floorMs: round(floorMs, 1),
        ratioToFloor: round(ratio, 4),
        pages: pages.length,
        deleteRequests: deletes.length,
        http429: tooMany,
        revoked: view.revoked,
        noLiveToken: view.noLiveToken,
        failed: view.failed,
        sentTwice,
        liveAtSimulatorBefore: liveBefore,
        liveAtSimulatorAfter: liveAfter,
        clientRequestsPerSecond: rate,
      },
      notes: [
        `Floor = (ceil(EOR workers / 100) list pages + one DELETE per EOR worker) / ${rate} req/s (the console's configured rate). Timed from the startSweep call until getSweep reports it ended (polled every 20 ms).`,
        `Seeding (not timed): ${options.consoleTokens} tokens as after a restart of a console that minted them (sessions file + bare POSTs), ${options.outsideTokens} by bare POSTs only (tokens the console never saw).`,
        'The kill-halfway-and-resume case at this size is the next row 8 measurement; at 240 workers it is the drill test/drills/sweep.test.ts, run in npm test.',
      ],
    };
  } finally {
    if (bench) await bench.close();
    else rmSync(dir, { recursive: true, force: true });
    await logged.close();
  }
}

/**
 * The set-up both sweep rows share (not timed): `consoleTokens` tokens seeded on both sides as
 * after a restart (see seed.ts) in the user-data folder `dir`, and `outsideTokens` more minted
 * by bare POSTs at the simulator only, each before a 250 ms step of its clock so none is refused.
 * Throws unless the simulator then holds exactly their sum.
 */
export async function seedSweepTokens(
  sim: RunningSimulator,
  dir: string,
  options: { consoleTokens: number; outsideTokens: number },
): Promise<{
  consoleWorkers: { id: string; name: string }[];
  expectedLive: number;
  liveBefore: number;
}> {
  const consoleWorkers = await seedLiveTokens(sim, dir, options.consoleTokens);
  const eor = await eorWorkers(sim, options.consoleTokens + options.outsideTokens);
  for (const worker of eor.slice(options.consoleTokens)) {
    sim.clock.advance(250);
    await mintOutside(sim.url, sim.tokens.admin, worker.id);
  }
  sim.clock.advance(1000);
  const liveBefore = await liveTokensAtSimulator(sim.origin);
  const expectedLive = options.consoleTokens + options.outsideTokens;
  if (liveBefore !== expectedLive) {
    throw new Error(`seeded ${liveBefore} live tokens, expected ${expectedLive}`);
  }
  return { consoleWorkers, expectedLive, liveBefore };
}

/** What a sweep sent, from the simulator's log: list pages, DELETEs (per worker) and 429s. */
export function sweepRequests(requests: readonly LoggedRequest[]) {
  const tooMany = requests.filter((r) => r.status === 429).length;
  const deletes: LoggedRequest[] = [];
  const perWorker = new Map<string, LoggedRequest[]>();
  for (const request of requests) {
    const workerId = deleteTarget(request.method, request.path);
    if (workerId === undefined) continue;
    deletes.push(request);
    perWorker.set(workerId, [...(perWorker.get(workerId) ?? []), request]);
  }
  const pages = requests.filter((r) => r.method === 'GET' && r.path.endsWith('/people'));
  const sentTwice = [...perWorker.values()].filter((sent) => sent.length > 1).length;
  return { tooMany, deletes, pages, perWorker, sentTwice };
}
