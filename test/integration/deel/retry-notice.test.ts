import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetryNotice } from '../../../src-main/deel/http';
import { FAST_RETRY, startHarness, type Harness } from './harness';

// The operator sees "rate limited, retrying" because the client says when it retries.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.close());

describe('retry notices', () => {
  it('tells before each retry of a GET, with the status that caused it', async () => {
    const notices: RetryNotice[] = [];
    const client = h.client({ retry: FAST_RETRY, onRetry: (notice) => notices.push(notice) });
    h.sim.setFaults({ rateLimitStorm: 2 });
    await expect(client.getOrganization()).resolves.toMatchObject({ name: h.sim.orgName });
    expect(notices).toEqual([
      { method: 'GET', status: 429, attempt: 1 },
      { method: 'GET', status: 429, attempt: 2 },
    ]);
  });

  it('says nothing for a POST, which is never retried', async () => {
    const notices: RetryNotice[] = [];
    const client = h.client({ retry: FAST_RETRY, onRetry: (notice) => notices.push(notice) });
    const [worker] = (await client.listPeople({ hiringTypes: ['eor'], limit: 1 })).people;
    h.sim.setFaults({ errorRate: 1 });
    await expect(client.createWorkerSession(worker!.id)).rejects.toMatchObject({
      kind: 'outcome-unknown',
    });
    h.sim.setFaults({ errorRate: 0 });
    expect(notices).toEqual([]);
  });
});
