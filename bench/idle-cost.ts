import { rmSync } from 'node:fs';
import { invokeChannels } from '../src-shared/channels';
import { rendererSkipReason } from './renderer-scale';
import type { BenchRow } from './report';
import { openConsole, performanceMetrics } from './support/browser';
import {
  connectInput,
  eorWorkers,
  organizationOf,
  sessionsFilePath,
  startLoggedSimulator,
  tempDir,
  writeSessionsFile,
} from './support/core';
import { COUNTDOWN_TEXTS } from './support/page-scripts';
import { int, round, sleep } from './support/stats';

export const IDLE_BUDGET_PERCENT = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * 5. Idle cost: the Live tokens screen showing N live countdowns, untouched for `durationMs`;
 * renderer main-thread CPU per wall second from CDP `Performance.getMetrics` (TaskDuration).
 *
 * The N live tokens are restored from the console's sessions file (what it finds after a
 * restart) instead of being minted here: minting 1,000 at 4/s would take over four minutes and
 * the idle cost does not depend on how the tokens came to be.
 */
export async function measureIdleCost(options: {
  countdowns: number;
  durationMs: number;
}): Promise<BenchRow> {
  const { countdowns, durationMs } = options;
  const base = {
    id: `idle-countdowns-${countdowns}`,
    section: 5,
    name: `Idle cost, ${int(countdowns)} live countdowns (Chromium)`,
    target: `<= ${IDLE_BUDGET_PERCENT}% renderer CPU`,
  };
  const skip = rendererSkipReason();
  if (skip) return { ...base, result: skip, status: 'SKIP', metrics: {}, notes: [] };

  const logged = await startLoggedSimulator({ workers: Math.ceil(countdowns * 1.6) + 10 });
  const dir = tempDir('idle');
  let browser: Awaited<ReturnType<typeof openConsole>> | undefined;
  try {
    const { sim } = logged;
    sim.clock.advance(1000);
    const org = await organizationOf(sim);
    const workers = await eorWorkers(sim, countdowns);
    const now = Date.now();
    writeSessionsFile(
      sessionsFilePath(dir, org.id, sim.url),
      workers.map((w, i) => {
        // Minted over the last hours, so the countdowns differ (all well over an hour left).
        const minted = now - i * 10_000;
        return {
          workerId: w.id,
          workerName: w.name,
          mintedAt: new Date(minted).toISOString(),
          expiresAt: new Date(minted + DAY_MS).toISOString(),
        };
      }),
    );

    browser = await openConsole({ userDataDir: dir, demoWorkers: 1 });
    const { page, cdp } = browser;
    await page.getByTestId('worker-row').first().waitFor({ timeout: 30_000 });
    const connected = (await browser.invoke(invokeChannels.connect, connectInput(sim))) as {
      ok: boolean;
    };
    if (!connected.ok) throw new Error(`connect failed: ${JSON.stringify(connected)}`);
    await page.getByTestId('nav-live').click();
    const deadline = performance.now() + 30_000;
    let shown = 0;
    for (;;) {
      // The list is virtualised: count its rows (aria-rowcount - 1 header), not mounted countdowns.
      shown = (await page.evaluate(
        `Number(document.querySelector('[data-testid="live-table"]')?.getAttribute('aria-rowcount') ?? 1) - 1`,
      )) as number;
      if (shown >= countdowns) break;
      if (performance.now() > deadline)
        throw new Error(`only ${shown} of ${countdowns} countdowns showed up`);
      await sleep(250);
    }
    // Settle: the first render of N rows, and any request the connection change set off.
    let quietSince = performance.now();
    let seen = logged.log.length;
    while (performance.now() - quietSince < 2_000) {
      await sleep(250);
      if (logged.log.length !== seen) {
        seen = logged.log.length;
        quietSince = performance.now();
      }
    }
    await sleep(1_000);

    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const textsBefore = (await page.evaluate(COUNTDOWN_TEXTS)) as string[];
    const before = await performanceMetrics(cdp);
    await sleep(durationMs);
    const after = await performanceMetrics(cdp);
    const textsAfter = (await page.evaluate(COUNTDOWN_TEXTS)) as string[];
    const requestsDuring = logged.log.length - seen;

    const delta = (name: string) => (after[name] ?? Number.NaN) - (before[name] ?? Number.NaN);
    const wallS = delta('Timestamp');
    const percent = (seconds: number) => (seconds / wallS) * 100;
    const task = percent(delta('TaskDuration'));
    const script = percent(delta('ScriptDuration'));
    const layout = percent(delta('LayoutDuration'));
    const style = percent(delta('RecalcStyleDuration'));
    const ticked = textsBefore.length > 0 && textsBefore.join() !== textsAfter.join();
    const passed = task <= IDLE_BUDGET_PERCENT && ticked && shown === countdowns;
    return {
      ...base,
      result:
        `${task.toFixed(2)}% CPU (${((delta('TaskDuration') * 1000) / wallS).toFixed(1)} ms per s: ` +
        `script ${script.toFixed(2)}%, style ${style.toFixed(2)}%, layout ${layout.toFixed(2)}%) over ${wallS.toFixed(0)} s` +
        (ticked ? '' : '; countdowns did NOT tick'),
      status: passed ? 'PASS' : 'FAIL',
      metrics: {
        countdowns: shown,
        wallSeconds: round(wallS, 2),
        taskPercent: round(task, 3),
        scriptPercent: round(script, 3),
        layoutPercent: round(layout, 3),
        recalcStylePercent: round(style, 3),
        taskMsPerSecond: round((delta('TaskDuration') * 1000) / wallS, 2),
        layoutCount: delta('LayoutCount'),
        recalcStyleCount: delta('RecalcStyleCount'),
        countdownsTicked: ticked,
        simulatorRequestsDuring: requestsDuring,
        domNodes: after.Nodes ?? null,
        heapUsedBytes: after.JSHeapUsedSize ?? null,
      },
      notes: [
        'CPU = delta of CDP Performance.getMetrics TaskDuration (all tasks on the renderer main thread) / delta of its Timestamp; ScriptDuration, RecalcStyleDuration and LayoutDuration are parts of it. Compositor, GPU and browser processes are not included.',
        `The ${int(countdowns)} live tokens are restored from the sessions file the console reads on connect (as after a restart), not minted here; the idle cost does not depend on how they came to be.`,
      ],
    };
  } finally {
    await browser?.close();
    await logged.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
