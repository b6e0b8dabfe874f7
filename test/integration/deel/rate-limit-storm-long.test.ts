import { afterEach, describe, expect, it } from 'vitest';
import { DeelClient } from '../../../src-main/deel/client';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import { startHarness, type Harness } from './harness';

// Storm resilience (the long storm, in its own file so it runs beside the others): a 2,000-worker list under sustained 429s keeps waiting (paced, with retry
// notices for the page) and goes on from the page where it stopped: it never restarts from
// zero and never ends with a partial list. The console's production retry policy and pacing
// (4/s ceiling, 1 s pause per 429, 5 min patience) against Deel's 5/s rolling window.

let h: Harness | undefined;
afterEach(async () => {
  h?.sim.setCompetitor(0);
  await h?.sim.close();
  h = undefined;
});

async function listAll(client: DeelClient, midway: () => void): Promise<string[]> {
  const ids: string[] = [];
  let pages = 0;
  for await (const page of client.streamPeople()) {
    ids.push(...page.people.map((p) => p.id));
    if (++pages === 2) midway();
  }
  return ids;
}

const consoleClient = (h: Harness, notices: number[]) =>
  new DeelClient({
    baseUrl: h.sim.url,
    token: h.sim.tokens.admin,
    limiter: createRequestLimiter(4),
    timeoutMs: 10_000,
    onRetry: (notice) => {
      if (notice.status === 429) notices.push(Date.now());
    },
  });

describe('a worker list through a long 429 storm', () => {
  it('a 60 s storm (another integration takes the whole budget): every worker exactly once', async () => {
    h = await startHarness({ workers: 2_000, rateLimit: { perSecond: 5 } });
    const notices: number[] = [];
    let stormStarted = 0;
    const ids = await listAll(consoleClient(h, notices), () => {
      stormStarted = Date.now();
      h!.sim.setCompetitor(50);
      setTimeout(() => h?.sim.setCompetitor(0), 60_000).unref();
    });
    expect(ids).toHaveLength(2_000);
    expect(new Set(ids).size).toBe(2_000);
    expect(h.count('GET', '/people', 429)).toBeGreaterThan(5);
    // It waited the storm out rather than failing: answers came on after the storm.
    expect(Date.now() - stormStarted).toBeGreaterThanOrEqual(55_000);
    expect(h.log.filter((e) => e.path.endsWith('/people') && e.status === 200)).toHaveLength(20);
  }, 180_000);
});
