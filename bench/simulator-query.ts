import { statusOf, type BenchRow } from './report';
import { startLoggedSimulator } from './support/core';
import { int, median, percentile, round } from './support/stats';

/** Filters and sorts combined with every search term (as `npm run sim -- --bench` does). */
const SHAPES = [
  'hiring_types=eor&sort_by=full_name',
  'hiring_types=eor&hiring_statuses=active',
  'hiring_types=contractor&hiring_types=eor&sort_by=last_name&sort_order=desc',
  'hiring_statuses=active&sort_by=start_date',
];
const TERMS = [
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

/**
 * 7. Simulator (issue 3's speed target): server time (its `Server-Timing: app;dur=` header) of a filtered, searched
 * 100-row `GET /people` page out of N workers. Every measured query is distinct, so the
 * simulator's result cache never answers one; its once-per-run structures (sort orders, search
 * haystack) are warmed first, as in a running app.
 */
export async function measureSimulatorQuery(options: {
  workers: number;
  terms: number;
}): Promise<BenchRow> {
  const { workers } = options;
  const started = performance.now();
  const logged = await startLoggedSimulator({ workers, rateLimit: false });
  const startMs = performance.now() - started;
  const { sim } = logged;
  try {
    const headers = { authorization: `Bearer ${sim.tokens.admin}` };
    const serverMs = async (query: string): Promise<number> => {
      const response = await fetch(`${sim.url}/people?limit=100&${query}`, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /people answered ${response.status}`);
      const timing = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
      if (!timing) throw new Error('no Server-Timing header');
      return Number(timing[1]);
    };
    const firstMs = await serverMs(`${SHAPES[0]}&search=zz`);
    for (const shape of SHAPES) await serverMs(`${shape}&search=warm`);
    const times: number[] = [];
    for (const shape of SHAPES) {
      for (const term of TERMS.slice(0, options.terms)) {
        times.push(await serverMs(`${shape}&search=${encodeURIComponent(term)}`));
      }
    }
    const p50 = median(times);
    const p95 = percentile(times, 95);
    const max = Math.max(...times);
    return {
      id: `simulator-query-${workers}`,
      section: 7,
      name: `Simulator: filtered + searched 100-row page of ${int(workers)} workers`,
      result: `server time median ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(2)} ms (${times.length} distinct queries); first query ${firstMs.toFixed(1)} ms`,
      // Issue 3: "a 100-row page from 100,000 workers, filtered and searched, answers in under
      // 10 ms of server time". Judged on the p95 of distinct queries, not the median.
      target: 'p95 < 10 ms server time',
      status: statusOf(p95 < 10),
      metrics: {
        workers,
        queries: times.length,
        serverMedianMs: round(p50, 3),
        serverP95Ms: round(p95, 3),
        serverMaxMs: round(max, 3),
        firstQueryMs: round(firstMs, 3),
        simulatorStartMs: round(startMs, 1),
      },
      notes: [
        `Server time from the simulator's Server-Timing header, over ${SHAPES.length} filter/sort shapes x ${Math.min(options.terms, TERMS.length)} search terms, each query distinct (no cache hits), after one warm-up pass; "first query" is the first searched request after start.`,
      ],
    };
  } finally {
    await logged.close();
  }
}
