import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../src-main/deel/http';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import { FAST_RETRY, startHarness, type Harness } from './harness';

// A 429 means the organization's shared budget is spent (maybe by its other integrations), so
// every call of the console holds off, not only the one Deel refused.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.close());

describe('a 429 pauses the whole organization', () => {
  it('holds the next call of another client on the same limiter for the pause', async () => {
    const limiter = createRequestLimiter(100);
    const retry = { ...FAST_RETRY, rateLimitPauseMs: 600 };
    const refused = h.client({ limiter, retry });
    const bystander = h.client({ limiter, retry });

    const before = Date.now();
    await bystander.getOrganization();
    const unpaused = Date.now() - before;

    h.sim.setFaults({ rateLimitStorm: 1 });
    const first = refused.getOrganization();
    const sawTooMany = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the 429 has been answered
    expect(h.count('GET', '/organizations', 429)).toBe(1);
    await bystander.getOrganization();
    const held = Date.now() - sawTooMany;
    await expect(first).resolves.toMatchObject({ name: h.sim.orgName });

    expect(unpaused).toBeLessThan(300);
    expect(held).toBeGreaterThanOrEqual(500);
  });

  it('honours Retry-After as the pause when Deel sends one', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0')).toBe(0);
    expect(
      retryAfterMs(
        new Date(Date.parse('2026-11-26T10:00:05Z')).toUTCString(),
        Date.parse('2026-11-26T10:00:00Z'),
      ),
    ).toBe(5000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('-3')).toBeUndefined();
  });
});
