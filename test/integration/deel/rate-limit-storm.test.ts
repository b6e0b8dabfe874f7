import { afterEach, describe, expect, it } from 'vitest';
import { DeelClient } from '../../../src-main/deel/client';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import { startHarness, type Harness } from './harness';

// Storm resilience: a 2,000-worker list under sustained 429s keeps waiting (paced, with retry
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

describe('a worker list through a 429 storm', () => {
  it('a storm of 30 rate-limit answers: every worker exactly once', async () => {
    h = await startHarness({ workers: 2_000, rateLimit: { perSecond: 5 } });
    const notices: number[] = [];
    const ids = await listAll(consoleClient(h, notices), () =>
      h!.sim.setFaults({ rateLimitStorm: 30 }),
    );
    expect(ids).toHaveLength(2_000);
    expect(new Set(ids).size).toBe(2_000);
    expect(h.count('GET', '/people', 429)).toBe(30);
    // The page heard it was waiting, once per retry.
    expect(notices).toHaveLength(30);
    // Never restarted from zero: offset 0 was asked for exactly once (it answered 200).
    expect(h.log.filter((e) => e.path.endsWith('/people') && e.status === 200)).toHaveLength(20);
  }, 90_000);
});
