import { rmSync } from 'node:fs';
import type { Session, Settings, SweepViewWire } from '../src-shared/contract';
import { DrillChild } from '../test/drills/harness';
import { killHalfwayAndResume } from '../test/drills/sweep-harness';
import { SWEEP_RATIO_TARGET, seedSweepTokens, sweepRequests } from './organization-sweep';
import type { BenchRow } from './report';
import { connectInput, organizationOf, startLoggedSimulator, tempDir } from './support/core';
import { liveTokensAtSimulator } from './support/seed';
import { int, round, seconds, sleep } from './support/stats';

/**
 * 8, second measurement: the same sweep as measureOrganizationSweep (issue 17's acceptance size),
 * but the console core runs in a drill child process (test/drills/drill-child.ts) that is
 * SIGKILLed once the list is complete and half the listed workers are answered; a new child on
 * the same user-data folder finds the sweep `interrupted` and resumes it from the journal.
 *
 * Timed from the startSweep call until the second child reports the sweep ended: both
 * processes, the kill and the restart (a new Node process, the core's start) included. The
 * floor is the uninterrupted one (list pages + one DELETE per EOR worker at the configured
 * rate): a DELETE repeated after the kill and the restart itself count against the sweep.
 *
 * No DELETE twice (the drill's rule, kept): every worker whose `done` line was in the journal
 * when the first process was dead gets no DELETE after the kill (counted per worker at the
 * simulator). A worker whose DELETE was in flight may get one more; those are counted too, and
 * there can be at most one a lane (a lane writes its `done` line before taking the next worker).
 */
export async function measureOrganizationSweepResumed(options: {
  workers: number;
  consoleTokens: number;
  outsideTokens: number;
}): Promise<BenchRow> {
  const logged = await startLoggedSimulator({ workers: options.workers });
  const { sim } = logged;
  const dir = tempDir('sweep-resumed');
  let child: DrillChild | undefined;
  try {
    const { consoleWorkers, expectedLive, liveBefore } = await seedSweepTokens(sim, dir, options);

    child = await DrillChild.start(dir);
    await child.ok('connect', connectInput(sim));
    const settings = await child.ok<Settings>('getSettings');
    const rate = settings.requestsPerSecond;
    const org = await organizationOf(sim);
    await sleep(1_100); // the connect probe's request leaves the rolling window

    const started = performance.now();
    await child.ok<SweepViewWire>('startSweep', { confirmOrganization: org.name });
    // Generous bounds: the sweep's floor is about (workers / 2) / rate seconds.
    const boundMs = (options.workers / rate) * 3_000 + 60_000;
    let deletesAtKill = new Map<string, number>();
    const run = await killHalfwayAndResume(child, dir, {
      halfMs: boundMs,
      endMs: boundMs,
      pollMs: 20,
      onKilled: () => {
        const { perWorker } = sweepRequests(logged.since(started));
        deletesAtKill = new Map([...perWorker].map(([id, sent]) => [id, sent.length]));
      },
    });
    child = run.child;
    const { half, answeredAtKill, found, end, at } = run;
    const totalMs = at.ended - started;

    const { tooMany, deletes, pages, perWorker, sentTwice } = sweepRequests(logged.since(started));
    const deletesAfterKill = deletes.filter((r) => r.at > at.killed).length;
    // The rule: no DELETE after the kill for a worker the journal had answered.
    const resentAfterAnswered = [...answeredAtKill].filter(
      (id) => (perWorker.get(id)?.length ?? 0) !== (deletesAtKill.get(id) ?? 0),
    ).length;
    // Repeats (all of them in flight at the kill): a first DELETE that revoked and a second that
    // found none is one token the journal counts as "had none".
    const repeated = [...perWorker].filter(([, sent]) => sent.length > 1);
    const revokedThenNone = repeated.filter(([, [first, ...again]]) => {
      const revoked = typeof first?.status === 'number' && first.status < 300;
      return revoked && again.every((r) => r.status === 404);
    }).length;
    const liveAfter = await liveTokensAtSimulator(sim.origin);
    const sessions = await child.ok<Session[]>('listSessions');
    const consoleNotRevoked = consoleWorkers.filter(
      (worker) => sessions.find((s) => s.workerId === worker.id)?.state !== 'revoked',
    ).length;

    const floorRequests = Math.ceil(end.listed / 100) + end.listed;
    const floorMs = (floorRequests / rate) * 1000;
    const ratio = totalMs / floorMs;
    const lanes = 4;
    const passed =
      found.state === 'interrupted' &&
      found.remaining === found.listed - answeredAtKill.size &&
      end.state === 'finished' &&
      ratio <= SWEEP_RATIO_TARGET &&
      liveAfter === 0 &&
      end.revoked === expectedLive - revokedThenNone &&
      end.failed === 0 &&
      end.remaining === 0 &&
      end.listed === end.revoked + end.noLiveToken &&
      resentAfterAnswered === 0 &&
      sentTwice <= lanes &&
      perWorker.size === end.listed &&
      consoleNotRevoked === 0;
    const answeredAtHalf = half.revoked + half.noLiveToken;
    return {
      id: `organization-sweep-resumed-${options.workers}`,
      section: 8,
      name: `Sweep the organization, ${int(options.workers)} workers, ${expectedLive} live tokens (${options.outsideTokens} minted outside), killed halfway and resumed`,
      result:
        `${ratio.toFixed(3)}x floor (${seconds(totalMs)} vs ${seconds(floorMs)}, both processes and the restart); ` +
        `SIGKILL at ${int(answeredAtKill.size)}/${int(end.listed)} answered, restart ${seconds(at.resumed - at.killed)}; ` +
        `${deletes.length} DELETEs, ${resentAfterAnswered} to a worker journaled done, ${sentTwice} workers sent twice (allowed: in flight at the kill, <= ${lanes}), ${tooMany} x 429; ` +
        `${end.revoked} revoked, ${int(end.noLiveToken)} had none, ${end.failed} failed; ${liveAfter} still live at the simulator`,
      target: `<= ${SWEEP_RATIO_TARGET.toFixed(2)}x floor, every token dead, no DELETE after the kill to a worker journaled done`,
      status: passed ? 'PASS' : 'FAIL',
      metrics: {
        workers: options.workers,
        eorWorkers: end.listed,
        totalMs: round(totalMs, 1),
        floorMs: round(floorMs, 1),
        ratioToFloor: round(ratio, 4),
        firstProcessMs: round(at.killed - started, 1),
        restartMs: round(at.resumed - at.killed, 1),
        secondProcessMs: round(at.ended - at.resumed, 1),
        answeredAtHalfView: answeredAtHalf,
        journaledDoneAtKill: answeredAtKill.size,
        foundState: found.state,
        foundRemaining: found.remaining,
        pages: pages.length,
        deleteRequests: deletes.length,
        deletesAfterKill,
        resentToJournaledDone: resentAfterAnswered,
        workersSentTwice: sentTwice,
        revokedThenNoneOnRepeat: revokedThenNone,
        http429: tooMany,
        revoked: end.revoked,
        noLiveToken: end.noLiveToken,
        failed: end.failed,
        consoleSessionsNotRevoked: consoleNotRevoked,
        liveAtSimulatorBefore: liveBefore,
        liveAtSimulatorAfter: liveAfter,
        clientRequestsPerSecond: rate,
      },
      notes: [
        `The console core runs in a child process (the fault drills' drill-child.ts), SIGKILLed once the list is complete and half the listed workers are answered (getSweep polled every 20 ms); a new child on the same folder must find the sweep interrupted with listed - journaled-done remaining, then resumes it.`,
        `Timed from startSweep until the second process reports the end, kill and restart included; floor = (ceil(EOR workers / 100) list pages + one DELETE per EOR worker) / ${rate} req/s, as for the uninterrupted run.`,
        `No DELETE twice, the drill's rule: a worker whose done line was in the journal at the kill gets no DELETE after it (counted per worker at the simulator). A worker in flight at the kill may get one more (at most one a lane, ${lanes} lanes); when its first DELETE had revoked, the journal counts it "had none", so revoked = ${expectedLive} minus those.`,
      ],
    };
  } finally {
    if (child) await child.close().catch(() => child?.kill());
    await logged.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
