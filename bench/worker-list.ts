import { eventChannels } from '../src-shared/channels';
import type { Settings, WorkersPage } from '../src-shared/contract';
import { DEFAULT_RATE_LIMIT } from '../src-main/simulator';
import type { BenchRow } from './report';
import { connectInput, startBenchCore, startLoggedSimulator } from './support/core';
import { int, round, seconds, sleep } from './support/stats';

export const RATIO_TARGET = 1.1;

/**
 * 1. Full worker list: the console core's `queryWorkers` (dispatch -> handler -> WorkerQueries ->
 * DeelClient with its shared limiter -> simulator with its real 5/s rolling limiter), until the
 * last `workersPage` event. The core is connected to the simulator as a `custom` environment,
 * so this process sees every request the simulator answers.
 */
export async function measureWorkerList(options: { workers: number }): Promise<BenchRow> {
  const { workers } = options;
  const logged = await startLoggedSimulator({ workers });
  const bench = await startBenchCore();
  try {
    await bench.call('connect', connectInput(logged.sim));
    const settings = (await bench.call('getSettings')) as Settings;
    const rate = settings.requestsPerSecond;
    // Start with an empty rolling window at the simulator (the connect probe made a request).
    await sleep(1_100);

    const pages: { at: number; page: WorkersPage }[] = [];
    let finished: (() => void) | undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const off = bench.onEvent((event) => {
      if (event.channel !== eventChannels.workersPage) return;
      const page = event.payload as WorkersPage;
      pages.push({ at: event.at, page });
      if (page.done) finished?.();
    });

    const started = performance.now();
    const { queryId } = (await bench.call('queryWorkers', {})) as { queryId: string };
    const expectedPages = Math.ceil(workers / 100);
    const floorMs = (expectedPages / rate) * 1000;
    const timeoutMs = floorMs * 3 + 30_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise<void>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the list did not finish within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    off();

    const mine = pages.filter((p) => p.page.queryId === queryId);
    const first = mine.find((p) => p.page.rows.length > 0);
    const last = mine.find((p) => p.page.done);
    if (!first || !last) throw new Error('no rows or no final page');
    const totalMs = last.at - started;
    const requests = logged.since(started);
    const tooMany = requests.filter((r) => r.status === 429).length;
    const peoplePages = requests.filter((r) => r.path.endsWith('/people') && r.status === 200);
    const loaded = last.page.loaded;
    const error = last.page.error;
    const ratio = totalMs / floorMs;
    const passed = ratio <= RATIO_TARGET && tooMany === 0 && loaded === workers && !error;
    return {
      id: `worker-list-${workers}`,
      section: 1,
      name: `Full worker list, ${int(workers)} workers`,
      result:
        `${ratio.toFixed(3)}x floor (${seconds(totalMs)} vs ${seconds(floorMs)}); ` +
        `first rows ${seconds(first.at - started, 2)}; ${requests.length} requests, ${tooMany} x 429` +
        (loaded === workers ? '' : `; only ${int(loaded)} rows`) +
        (error ? `; error ${error.kind}` : ''),
      target: `<= ${RATIO_TARGET.toFixed(2)}x floor, 0 x 429`,
      status: passed ? 'PASS' : 'FAIL',
      metrics: {
        workers,
        rowsLoaded: loaded,
        firstRowsMs: round(first.at - started, 1),
        lastPageMs: round(totalMs, 1),
        floorMs: round(floorMs, 1),
        ratioToFloor: round(ratio, 4),
        pages: peoplePages.length,
        pageEvents: mine.length,
        requests: requests.length,
        http429: tooMany,
        clientRequestsPerSecond: rate,
        simulatorRequestsPerSecond: DEFAULT_RATE_LIMIT.perSecond,
        floorAtDeelLimitMs: round((expectedPages / DEFAULT_RATE_LIMIT.perSecond) * 1000, 1),
        error: error ? error.kind : null,
      },
      notes: [
        `Floor = ${expectedPages} pages of 100 / ${rate} req/s (the console's configured rate, default 4/s; Deel's limit is 5/s per organization, shared with its other integrations). Times are from the queryWorkers call to the first workersPage event with rows and to the final (done) event.`,
      ],
    };
  } finally {
    await bench.close();
    await logged.close();
  }
}
