import { rmSync } from 'node:fs';
import { eventChannels } from '../src-shared/channels';
import type { RevokeResult, Session, Settings } from '../src-shared/contract';
import type { BenchRow } from './report';
import { connectInput, startBenchCore, startLoggedSimulator, tempDir } from './support/core';
import { expectSeeded, liveTokensAtSimulator, seedLiveTokens } from './support/seed';
import { int, round, seconds, sleep } from './support/stats';
import { RATIO_TARGET } from './worker-list';

/**
 * 2. Bulk revoke of N live tokens through the console: dispatch `bulkRevoke` -> handler ->
 * SessionService.bulkRevoke (its 4 lanes) -> DeelClient.deleteWorkerSession (shared 4/s limiter)
 * -> simulator with its real 5/s rolling limiter. That path is exactly the app's.
 *
 * Set-up (not measured): minting N tokens through the console at 4/s would take N/4 seconds
 * (125 s for 500) before the measurement even starts. Instead the tokens are seeded on both
 * sides, each as it would be after a restart of a console that had minted them:
 *  - at the simulator, by bare `POST /workers/session` calls to the SAME simulator (same
 *    configuration, real limiter on). Before each, the simulator clock is stepped 250 ms, so in
 *    simulator time the mints are spaced at 4/s and none is refused; after the last, one more
 *    second, so none of them is still in the rolling window when the revokes start;
 *  - in the console, by the sessions file it reads on connect (metadata only, state `live`).
 * The console's limiter, its settings and the simulator's limiter are never changed.
 */
export async function measureBulkRevoke(options: { tokens: number }): Promise<BenchRow> {
  const count = options.tokens;
  const logged = await startLoggedSimulator({ workers: Math.ceil(count * 1.6) + 10 });
  const { sim } = logged;
  const dir = tempDir('revoke');
  let bench: Awaited<ReturnType<typeof startBenchCore>> | undefined;
  try {
    const targets = await seedLiveTokens(sim, dir, count);
    bench = await startBenchCore({ dir });
    await bench.call('connect', connectInput(sim));
    const { liveInConsole, liveAtSimulatorBefore } = await expectSeeded(bench, sim, count);
    const settings = (await bench.call('getSettings')) as Settings;
    const rate = settings.requestsPerSecond;
    await sleep(1_100); // the connect probe's request leaves the rolling window

    const progress: { done: number; total: number; result: RevokeResult }[] = [];
    const off = bench.onEvent((event) => {
      if (event.channel === eventChannels.bulkProgress)
        progress.push(event.payload as (typeof progress)[number]);
    });
    const workerIds = targets.map((t) => t.id);
    const started = performance.now();
    const { results } = (await bench.call('bulkRevoke', { workerIds })) as {
      results: RevokeResult[];
    };
    const totalMs = performance.now() - started;
    off();

    const requests = logged.since(started);
    const tooMany = requests.filter((r) => r.status === 429).length;
    const deletes = requests.filter((r) => r.method === 'DELETE');
    const outcomes = { revoked: 0, 'no-live-token': 0, failed: 0, 'not-sent': 0 };
    const seen = new Map<string, number>();
    for (const result of results) {
      outcomes[result.outcome]++;
      seen.set(result.workerId, (seen.get(result.workerId) ?? 0) + 1);
    }
    const unaccounted =
      workerIds.filter((id) => seen.get(id) !== 1).length +
      results.filter((r) => !workerIds.includes(r.workerId)).length;
    const progressMissing = count - new Set(progress.map((p) => p.result.workerId)).size;
    const liveAtSimulatorAfter = await liveTokensAtSimulator(sim.origin);
    const after = (await bench.call('listSessions')) as Session[];
    const stillLiveInConsole = after.filter((s) => s.state === 'live').length;
    const audit = (await bench.call('auditPage', {
      offset: 0,
      limit: 1,
      action: 'bulk-revoke',
    })) as { total: number };

    const floorMs = (count / rate) * 1000;
    const ratio = totalMs / floorMs;
    const passed =
      ratio <= RATIO_TARGET &&
      tooMany === 0 &&
      unaccounted === 0 &&
      progressMissing === 0 &&
      outcomes.revoked === count &&
      liveAtSimulatorAfter === 0 &&
      stillLiveInConsole === 0;
    return {
      id: `bulk-revoke-${count}`,
      section: 2,
      name: `Bulk revoke, ${int(count)} live tokens`,
      result:
        `${ratio.toFixed(3)}x floor (${seconds(totalMs)} vs ${seconds(floorMs)}); ${deletes.length} requests, ${tooMany} x 429; ` +
        `${outcomes.revoked} revoked, ${outcomes['no-live-token']} no-live-token, ${outcomes.failed} failed, ${unaccounted} unaccounted; ` +
        `${liveAtSimulatorAfter} still live at the simulator`,
      target: `<= ${RATIO_TARGET.toFixed(2)}x floor, 0 x 429, 0 unaccounted`,
      status: passed ? 'PASS' : 'FAIL',
      metrics: {
        tokens: count,
        totalMs: round(totalMs, 1),
        floorMs: round(floorMs, 1),
        ratioToFloor: round(ratio, 4),
        requests: requests.length,
        deleteRequests: deletes.length,
        http429: tooMany,
        revoked: outcomes.revoked,
        noLiveToken: outcomes['no-live-token'],
        failed: outcomes.failed,
        unaccounted,
        progressEvents: progress.length,
        progressMissing,
        liveAtSimulatorBefore,
        liveAtSimulatorAfter,
        liveInConsoleBefore: liveInConsole,
        liveInConsoleAfter: stillLiveInConsole,
        bulkRevokeAuditEntries: audit.total,
        clientRequestsPerSecond: rate,
      },
      notes: [
        `Floor = ${int(count)} revokes / ${rate} req/s (the console's configured rate). Timed from the bulkRevoke call to its answer; every worker must come back exactly once as revoked, with one progress event each, no live token left at the simulator or in the console.`,
        'Seeding (not timed): the tokens are minted by bare POSTs to the same simulator (real limiter on; its clock stepped 250 ms before each mint so none is refused, and 1 s after the last) and handed to the console through its sessions file, as after a restart. The measured revoke path, the console limiter and the simulator configuration are unchanged.',
      ],
    };
  } finally {
    if (bench) await bench.close();
    else rmSync(dir, { recursive: true, force: true });
    await logged.close();
  }
}
