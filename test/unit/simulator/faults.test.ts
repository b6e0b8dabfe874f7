/** Each fault knob, set in-process and through the loopback control route. */
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_FAULTS,
  startSimulator,
  type RunningSimulator,
} from '../../../src-main/simulator/index.js';
import { call, obj } from './client.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ workers: 50, rateLimit: false, seed: 11 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setFaults({ ...DEFAULT_FAULTS });
});

async function control(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${sim.origin}/__sim${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: obj(await res.json()),
    simHeader: res.headers.get('x-deel-simulator'),
  };
}

describe('fault injection', () => {
  it('adds fixed latency (lower bound only, so the test is not timing-fragile)', async () => {
    sim.setFaults({ latency: { fixedMs: 150, jitterMs: 0 } });
    const t = performance.now();
    expect((await call(sim, 'GET', '/organizations')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('adds jitter within fixed..fixed+jitter', async () => {
    sim.setFaults({ latency: { fixedMs: 20, jitterMs: 60 } });
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await call(sim, 'GET', '/organizations');
      expect(performance.now() - t).toBeGreaterThanOrEqual(15);
    }
    expect(sim.getFaults().latency).toEqual({ fixedMs: 20, jitterMs: 60 });
  });

  it('answers 500 at errorRate 1, never at 0, and a mix in between', async () => {
    sim.setFaults({ errorRate: 1 });
    for (let i = 0; i < 5; i++)
      expect((await call(sim, 'GET', '/people?limit=1')).status).toBe(500);
    sim.setFaults({ errorRate: 0.5 });
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) statuses.add((await call(sim, 'GET', '/organizations')).status);
    expect(statuses).toEqual(new Set([200, 500]));
    sim.setFaults({ errorRate: 0 });
    for (let i = 0; i < 5; i++)
      expect((await call(sim, 'GET', '/people?limit=1')).status).toBe(200);
  });

  it('storms 429 for N requests, or until cleared', async () => {
    sim.setFaults({ rateLimitStorm: 2 });
    expect((await call(sim, 'GET', '/organizations')).status).toBe(429);
    expect((await call(sim, 'GET', '/organizations')).status).toBe(429);
    expect((await call(sim, 'GET', '/organizations')).status).toBe(200);
    expect(sim.getFaults().rateLimitStorm).toBe(false);
    sim.setFaults({ rateLimitStorm: true });
    for (let i = 0; i < 8; i++) expect((await call(sim, 'GET', '/organizations')).status).toBe(429);
    sim.setFaults({ rateLimitStorm: false });
    expect((await call(sim, 'GET', '/organizations')).status).toBe(200);
  });

  it('drops connections without an answer at dropRate 1', async () => {
    sim.setFaults({ dropRate: 1 });
    await expect(
      fetch(`${sim.url}/organizations`, {
        headers: { authorization: `Bearer ${sim.tokens.admin}` },
      }),
    ).rejects.toThrow();
    sim.setFaults({ dropRate: 0 });
    expect((await call(sim, 'GET', '/organizations')).status).toBe(200);
  });

  it('rejects invalid fault values', () => {
    expect(() => sim.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
    expect(() => sim.setFaults({ dropRate: -1 })).toThrow(/dropRate/);
  });
});

describe('loopback control route', () => {
  it('reports state without token values', async () => {
    const state = await control('GET', '/state');
    expect(state.status).toBe(200);
    expect(state.simHeader).toBe('1');
    expect(state.body).toMatchObject({ simulator: true, workerCount: 50, orgName: sim.orgName });
    const text = JSON.stringify(state.body);
    for (const t of Object.values(sim.tokens)) expect(text).not.toContain(t);
  });

  it('sets faults over HTTP', async () => {
    const set = await control('POST', '/faults', { errorRate: 1 });
    expect(set.status).toBe(200);
    expect(obj(set.body['faults'])['errorRate']).toBe(1);
    expect((await call(sim, 'GET', '/organizations')).status).toBe(500);
    await control('POST', '/faults', { errorRate: 0 });
    expect((await call(sim, 'GET', '/organizations')).status).toBe(200);
    expect((await control('POST', '/faults', { errorRate: 'lots' })).status).toBe(400);
    expect((await control('POST', '/faults', { bogus: true })).status).toBe(400);
  });

  it('moves the clock over HTTP', async () => {
    const before = sim.clock.now();
    const moved = await control('POST', '/clock', { advanceMs: 3_600_000 });
    expect(Number(moved.body['now'])).toBeGreaterThanOrEqual(before + 3_600_000);
    const set = await control('POST', '/clock', { setMs: Date.UTC(2030, 0, 1) });
    expect(Number(set.body['now'])).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
    expect(Number(set.body['now'])).toBeLessThan(Date.UTC(2030, 0, 1) + 60_000);
    expect((await control('POST', '/clock', { advanceMs: 'x' })).status).toBe(400);
  });

  it('resets the rate-limit window over HTTP', async () => {
    expect((await control('POST', '/rate-limit/reset')).body).toEqual({ ok: true });
  });

  it('refuses browser requests (Origin header) and foreign Host headers', async () => {
    expect(
      (await control('GET', '/state', undefined, { origin: 'http://evil.example' })).status,
    ).toBe(403);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: new URL(sim.origin).port,
          path: '/__sim/state',
          headers: { host: 'evil.example' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('answers 404 for unknown control routes', async () => {
    expect((await control('GET', '/nope')).status).toBe(404);
  });
});
