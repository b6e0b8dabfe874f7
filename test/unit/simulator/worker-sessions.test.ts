/** Worker tokens: 24 h from the sim clock, one live token per worker, supersede, revoke, expiry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSimulator,
  WORKER_TOKEN_TTL_MS,
  type RunningSimulator,
} from '../../../src-main/simulator/index.js';
import { arr, call, expectApiError, firstPerson, obj } from './client.js';

let sim: RunningSimulator;
let eor: Record<string, unknown>;
const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);

beforeAll(async () => {
  // A frozen external clock: only clock.set/advance move time, so expiry checks are exact.
  sim = await startSimulator({ workers: 200, seed: 3, rateLimit: false, now: () => T0 });
  eor = await firstPerson(sim, 'hiring_types=eor&hiring_statuses=active');
});
afterAll(() => sim.close());

async function mint(profileId: string): Promise<{ token: string; expiresAt: string }> {
  const r = await call(sim, 'POST', '/workers/session', {
    body: { data: { profile_id: profileId } },
  });
  expect(r.status).toBe(201);
  const data = obj(obj(r.body)['data']);
  return { token: String(data['token']), expiresAt: String(data['expires_at']) };
}

async function liveTokens(): Promise<number> {
  const res = await fetch(`${sim.origin}/__sim/state`);
  return Number(obj(await res.json())['liveWorkerTokens']);
}

describe('worker sessions', () => {
  it('mints a sim_ token valid for 24 h from the simulator clock', async () => {
    sim.clock.set(T0);
    const { token, expiresAt } = await mint(String(eor['id']));
    expect(token).toMatch(/^sim_/);
    expect(Date.parse(expiresAt)).toBe(T0 + WORKER_TOKEN_TTL_MS);
    expect(expiresAt).toBe('2026-01-16T09:30:00.000Z');
    const me = await call(sim, 'GET', '/people/me', { token });
    expect(me.status).toBe(200);
    expect(obj(me.body)).toMatchObject({
      full_name: eor['full_name'],
      first_name: eor['first_name'],
      last_name: eor['last_name'],
      id: Number(eor['worker_id']),
      organization_name: sim.orgName,
    });
    expect(await call(sim, 'DELETE', `/workers/${String(eor['id'])}/session`)).toMatchObject({
      status: 204,
    });
  });

  it('keeps one live token per worker: minting again supersedes the old one', async () => {
    const id = String(eor['id']);
    const before = await liveTokens();
    const first = await mint(id);
    const second = await mint(id);
    expect(second.token).not.toBe(first.token);
    expect(await liveTokens()).toBe(before + 1);
    const old = await call(sim, 'GET', '/people/me', { token: first.token });
    expect(old.status).toBe(401);
    expectApiError(old.body, 401);
    expect((await call(sim, 'GET', '/people/me', { token: second.token })).status).toBe(200);
    await call(sim, 'DELETE', `/workers/${id}/session`);
  });

  it('gives different workers independent tokens', async () => {
    const r = await call(sim, 'GET', '/people?limit=3&hiring_types=eor');
    const ids = arr(obj(r.body)['data']).map((p) => String(obj(p)['id']));
    const tokens = [];
    for (const id of ids) tokens.push(await mint(id));
    for (const [i, t] of tokens.entries()) {
      const me = await call(sim, 'GET', '/people/me', { token: t.token });
      expect(obj(me.body)['hris_organization_user_id']).toEqual(expect.any(String));
      const person = await call(sim, 'GET', `/people/${ids[i] ?? ''}`);
      expect(obj(me.body)['full_name']).toBe(obj(obj(person.body)['data'])['full_name']);
    }
    for (const id of ids)
      expect((await call(sim, 'DELETE', `/workers/${id}/session`)).status).toBe(204);
  });

  it('expires tokens by the simulator clock', async () => {
    sim.clock.set(T0);
    const { token } = await mint(String(eor['id']));
    sim.clock.advance(WORKER_TOKEN_TTL_MS - 1);
    expect((await call(sim, 'GET', '/people/me', { token })).status).toBe(200);
    sim.clock.advance(1);
    const expired = await call(sim, 'GET', '/people/me', { token });
    expect(expired.status).toBe(401);
    expectApiError(expired.body, 401);
    // An expired token is not live: nothing to revoke.
    expect((await call(sim, 'DELETE', `/workers/${String(eor['id'])}/session`)).status).toBe(404);
    sim.clock.set(T0);
  });

  it('revokes once (204, empty body) and then answers 404; the revoked token gets 401', async () => {
    const id = String(eor['id']);
    const { token } = await mint(id);
    const first = await call(sim, 'DELETE', `/workers/${id}/session`);
    expect(first.status).toBe(204);
    expect(first.body).toBeUndefined();
    const second = await call(sim, 'DELETE', `/workers/${id}/session`);
    expect(second.status).toBe(404);
    expect(expectApiError(second.body, 404)).toMatch(/no active access token/);
    expect((await call(sim, 'GET', '/people/me', { token })).status).toBe(401);
  });

  it('accepts the numeric worker_id in the DELETE path too', async () => {
    await mint(String(eor['id']));
    const r = await call(sim, 'DELETE', `/workers/${String(eor['worker_id'])}/session`);
    expect(r.status).toBe(204);
  });

  it('refuses non-EOR workers (the simulator\u2019s reading of "supported for EOR workers")', async () => {
    for (const type of ['contractor', 'direct_employee', 'hris_direct_employee', 'peo']) {
      const r = await call(sim, 'GET', `/people?limit=1&hiring_types=${type}`);
      const person = arr(obj(r.body)['data'])[0];
      if (!person) continue;
      const res = await call(sim, 'POST', '/workers/session', {
        body: { data: { profile_id: String(obj(person)['id']) } },
      });
      expect(res.status).toBe(400);
      expect(expectApiError(res.body, 400, 'data.profile_id')).toContain(`"${type}"`);
    }
  });

  it('answers 403 when the org has the worker-token feature disabled', async () => {
    sim.setFaults({ workerTokensDisabled: true });
    try {
      const r = await call(sim, 'POST', '/workers/session', {
        body: { data: { profile_id: String(eor['id']) } },
      });
      expect(r.status).toBe(403);
      expect(expectApiError(r.body, 403)).toMatch(/FEATURE_NOT_ENABLED/);
    } finally {
      sim.setFaults({ workerTokensDisabled: false });
    }
  });

  it('wraps /people/me in {data} when asked, for clients that parse that shape', async () => {
    const { token } = await mint(String(eor['id']));
    sim.setFaults({ peopleMeEnvelope: true });
    try {
      const r = await call(sim, 'GET', '/people/me', { token });
      expect(obj(obj(r.body)['data'])['full_name']).toBe(eor['full_name']);
    } finally {
      sim.setFaults({ peopleMeEnvelope: false });
    }
  });
});
