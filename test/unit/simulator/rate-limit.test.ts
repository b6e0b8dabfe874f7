/** 5 requests per rolling second per organization, across all of its tokens. */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator/index.js';
import { call } from './client.js';

const T0 = Date.UTC(2026, 2, 1);
let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Frozen clock: the window only moves when the test moves it. */
async function start(retryAfter?: boolean): Promise<RunningSimulator> {
  sim = await startSimulator({
    workers: 20,
    now: () => T0,
    ...(retryAfter === undefined ? {} : { rateLimit: { perSecond: 5, retryAfter } }),
  });
  return sim;
}

describe('rate limiter', () => {
  it('lets 5 of 6 calls inside one second through: exactly one 429, with the documented body', async () => {
    const s = await start();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => call(s, 'GET', '/organizations')),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 429)).toHaveLength(1);
    expect(statuses.filter((x) => x === 200)).toHaveLength(5);
    const limited = results.find((r) => r.status === 429);
    expect(limited?.body).toEqual({
      error: 'Rate limit exceeded',
      status: 429,
      message: 'Too many requests. Please wait before retrying.',
    });
    expect(limited?.headers.get('retry-after')).toBeNull();
  });

  it('uses a rolling window on the simulator clock', async () => {
    const s = await start();
    for (let i = 0; i < 3; i++) expect((await call(s, 'GET', '/organizations')).status).toBe(200);
    s.clock.advance(600);
    for (let i = 0; i < 2; i++) expect((await call(s, 'GET', '/organizations')).status).toBe(200);
    expect((await call(s, 'GET', '/organizations')).status).toBe(429);
    // 1000 ms after the first three, they leave the window: three more fit, not four.
    s.clock.advance(400);
    for (let i = 0; i < 3; i++) expect((await call(s, 'GET', '/organizations')).status).toBe(200);
    expect((await call(s, 'GET', '/organizations')).status).toBe(429);
  });

  it('shares the budget across all tokens of the organization', async () => {
    const s = await start();
    const tokens = [s.tokens.admin, s.tokens.readOnly, s.tokens.personal];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(s, 'GET', '/organizations', { token: tokens[i % 3] }),
      ),
    );
    expect(results.filter((r) => r.status === 429)).toHaveLength(1);
  });

  it('does not count unauthenticated requests', async () => {
    const s = await start();
    for (let i = 0; i < 10; i++) {
      expect((await call(s, 'GET', '/organizations', { token: 'sim_org_unknown' })).status).toBe(
        401,
      );
    }
    expect((await call(s, 'GET', '/organizations')).status).toBe(200);
  });

  it('adds Retry-After (whole seconds) only when the option says so', async () => {
    const s = await start(true);
    for (let i = 0; i < 5; i++) await call(s, 'GET', '/organizations');
    const limited = await call(s, 'GET', '/organizations');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });

  it('can be disabled', async () => {
    const s = await startSimulator({ workers: 5, rateLimit: false });
    sim = s;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(s, 'GET', '/organizations')),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});
