/**
 * `POST /workers/session` with an `Idempotency-Key`, as Deel documents it for POST: 2xx answers
 * replayed for 24 h with `x-original-request-id`, errors not cached, a concurrent reuse answered
 * 429 with Retry-After, keys up to 64 characters. Plus the two switches for the readings Deel
 * leaves open: the endpoint ignoring keys, and the body field being `hris_profile_id`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator/index.js';
import { arr, call, expectApiError, firstPerson, obj, type CallResult } from './client.js';

let sim: RunningSimulator;
let eorId: string;
let nonEorId: string;
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);

beforeAll(async () => {
  sim = await startSimulator({ workers: 200, seed: 5, rateLimit: false, now: () => T0 });
  eorId = String((await firstPerson(sim, 'hiring_types=eor&hiring_statuses=active'))['id']);
  nonEorId = String((await firstPerson(sim, 'hiring_types=contractor'))['id']);
});
afterEach(() => {
  sim.clock.set(T0);
  sim.setFaults({
    ignoreIdempotencyKeys: false,
    profileIdField: 'profile_id',
    mintLatencyMs: 0,
    errorRate: 0,
    workerTokensDisabled: false,
  });
});
afterAll(() => sim.close());

function mint(key: string | undefined, profileId = eorId, token?: string): Promise<CallResult> {
  return call(sim, 'POST', '/workers/session', {
    body: { data: { profile_id: profileId } },
    ...(key !== undefined && { headers: { 'idempotency-key': key } }),
    ...(token !== undefined && { token }),
  });
}

function tokenOf(r: CallResult): string {
  expect(r.status).toBe(201);
  return String(obj(obj(r.body)['data'])['token']);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The fingerprint of the token the simulator holds live for a worker (never the value). */
async function liveFingerprint(profileId: string): Promise<string | undefined> {
  const res = await fetch(`${sim.origin}/__sim/worker-sessions`);
  const sessions = arr(obj(await res.json())['sessions']).map(obj);
  const found = sessions.find((s) => s['profileId'] === profileId);
  return found ? String(found['fingerprint']) : undefined;
}

describe('Idempotency-Key on POST /workers/session', () => {
  it('replays the first answer for the same key: same token, x-original-request-id, its own x-request-id', async () => {
    const key = randomUUID();
    const first = await mint(key);
    const second = await mint(key);
    expect(tokenOf(second)).toBe(tokenOf(first));
    expect(second.body).toEqual(first.body);
    expect(first.headers.get('x-original-request-id')).toBeNull();
    expect(second.headers.get('x-original-request-id')).toBe(first.headers.get('x-request-id'));
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    // Nothing was minted by the replay: the first token is still the live one.
    const me = await call(sim, 'GET', '/people/me', { token: tokenOf(first) });
    expect(me.status).toBe(200);
  });

  it('a new key mints anew (superseding); no key mints anew every time', async () => {
    const a = tokenOf(await mint(randomUUID()));
    const b = tokenOf(await mint(randomUUID()));
    expect(b).not.toBe(a);
    const c = tokenOf(await mint(undefined));
    const d = tokenOf(await mint(undefined));
    expect(d).not.toBe(c);
    expect((await call(sim, 'GET', '/people/me', { token: c })).status).toBe(401);
  });

  it('keys are per token: the same key from another organization token is not a replay', async () => {
    // Only the admin token may mint; a read-only token's 403 is not cached and replays nothing.
    const key = randomUUID();
    const refused = await mint(key, eorId, sim.tokens.readOnly);
    expect(refused.status).toBe(403);
    const minted = await mint(key);
    expect(minted.status).toBe(201);
    expect(minted.headers.get('x-original-request-id')).toBeNull();
  });

  it('caches for 24 h only', async () => {
    const key = randomUUID();
    const first = tokenOf(await mint(key));
    sim.clock.advance(24 * 60 * 60 * 1000 - 1);
    const replay = await mint(key);
    expect(tokenOf(replay)).toBe(first);
    expect(replay.headers.get('x-original-request-id')).not.toBeNull();
    sim.clock.advance(1);
    const fresh = await mint(key);
    expect(tokenOf(fresh)).not.toBe(first);
    expect(fresh.headers.get('x-original-request-id')).toBeNull();
  });

  it('does not cache errors: the same key is processed anew after a 4xx', async () => {
    const key = randomUUID();
    sim.setFaults({ workerTokensDisabled: true });
    expect((await mint(key)).status).toBe(403);
    sim.setFaults({ workerTokensDisabled: false });
    const after = await mint(key);
    expect(after.status).toBe(201);
    expect(after.headers.get('x-original-request-id')).toBeNull();

    const other = randomUUID();
    const refused = await mint(other, nonEorId);
    expect(refused.status).toBe(400);
    const again = await mint(other, nonEorId);
    expect(again.status).toBe(400);
    expect(again.headers.get('x-original-request-id')).toBeNull();
    // A fresh answer, not the first one replayed: its own api_req_id.
    const reqId = (r: CallResult) => obj(obj(r.body)['request'])['api_req_id'];
    expect(reqId(again)).not.toBe(reqId(refused));
  });

  it('answers a concurrent reuse of a key with 429 and Retry-After; the first mints, once', async () => {
    sim.setFaults({ mintLatencyMs: 150 });
    const key = randomUUID();
    const [first, second] = await Promise.all([
      mint(key),
      new Promise<CallResult>((resolve) => setTimeout(() => resolve(mint(key)), 30)),
    ]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(obj(second.body)['message']).toMatch(/same Idempotency-Key is still being processed/);
    // After the first finished, the key replays its answer.
    const later = await mint(key);
    expect(tokenOf(later)).toBe(tokenOf(first));
    expect(await liveFingerprint(eorId)).toBe(sha256(tokenOf(first)));
  });

  it('a concurrent request with another key is not held up by the first one', async () => {
    sim.setFaults({ mintLatencyMs: 100 });
    const [a, b] = await Promise.all([mint(randomUUID()), mint(randomUUID())]);
    expect([a.status, b.status]).toEqual([201, 201]);
  });

  it('refuses a key longer than 64 characters with 400; 64 is accepted', async () => {
    const long = await mint('k'.repeat(65));
    expect(long.status).toBe(400);
    expect(expectApiError(long.body, 400)).toMatch(/Idempotency-Key must be 1 to 64 characters/);
    expect((await mint('k'.repeat(64))).status).toBe(201);
  });

  it('ignoreIdempotencyKeys: the other reading, every request mints anew and nothing is replayed', async () => {
    sim.setFaults({ ignoreIdempotencyKeys: true });
    const key = randomUUID();
    const first = await mint(key);
    const second = await mint(key);
    expect(tokenOf(second)).not.toBe(tokenOf(first));
    expect(second.headers.get('x-original-request-id')).toBeNull();
    expect((await call(sim, 'GET', '/people/me', { token: tokenOf(first) })).status).toBe(401);
    // Ignored means ignored: even a key Deel would refuse as too long goes through.
    expect((await mint('k'.repeat(65))).status).toBe(201);
  });
});

describe('profileIdField: which body field the mint accepts', () => {
  it('by default takes profile_id and answers hris_profile_id with 400 "profile_id" is required', async () => {
    const r = await call(sim, 'POST', '/workers/session', {
      body: { data: { hris_profile_id: eorId } },
      invalidRequest: true,
    });
    expect(r.status).toBe(400);
    expect(expectApiError(r.body, 400, 'data.profile_id')).toBe('"profile_id" is required');
  });

  it('hris_profile_id: takes that field and refuses profile_id as not allowed, naming it', async () => {
    sim.setFaults({ profileIdField: 'hris_profile_id' });
    const refused = await mint(undefined);
    expect(refused.status).toBe(400);
    expect(expectApiError(refused.body, 400, 'data.profile_id')).toBe(
      '"profile_id" is not allowed',
    );
    const minted = await call(sim, 'POST', '/workers/session', {
      body: { data: { hris_profile_id: eorId } },
      invalidRequest: true,
    });
    expect(tokenOf(minted)).toMatch(/^sim_wkr_/);
    const missing = await call(sim, 'POST', '/workers/session', {
      body: { data: {} },
      invalidRequest: true,
    });
    expect(expectApiError(missing.body, 400, 'data.hris_profile_id')).toBe(
      '"hris_profile_id" is required',
    );
    const contractor = await call(sim, 'POST', '/workers/session', {
      body: { data: { hris_profile_id: nonEorId } },
      invalidRequest: true,
    });
    expect(expectApiError(contractor.body, 400, 'data.hris_profile_id')).toMatch(/EOR workers/);
  });
});
