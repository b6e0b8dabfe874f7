/**
 * `GET /__sim/worker-sessions`: what the simulator ("Deel") holds, per worker, as a fingerprint.
 * The fault drills compare the console's view against it, so it must say exactly which token is
 * live, and never the token itself.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator/index.js';
import { call, firstPerson, obj } from './client.js';

let sim: RunningSimulator;
let eorId: string;
let otherEorId: string;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Truth {
  now: string;
  sessions: { profileId: string; fingerprint: string; expiresAt: string }[];
}

async function truth(headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.origin}/__sim/worker-sessions`, { headers });
}

async function mint(profileId: string): Promise<string> {
  const r = await call(sim, 'POST', '/workers/session', {
    body: { data: { profile_id: profileId } },
  });
  expect(r.status).toBe(201);
  return String(obj(obj(r.body)['data'])['token']);
}

beforeAll(async () => {
  sim = await startSimulator({ workers: 120, seed: 11, rateLimit: false });
  eorId = String((await firstPerson(sim, 'hiring_types=eor&hiring_statuses=active'))['id']);
  const page = await call(sim, 'GET', '/people?hiring_types=eor&limit=20');
  const ids = (obj(page.body)['data'] as { id: string }[]).map((p) => p.id);
  otherEorId = ids.find((id) => id !== eorId) ?? '';
  expect(otherEorId).not.toBe('');
});
afterAll(() => sim.close());

describe('GET /__sim/worker-sessions', () => {
  it('lists each live token by worker and fingerprint, and never the token', async () => {
    expect(((await (await truth()).json()) as Truth).sessions).toEqual([]);
    const first = await mint(eorId);
    const other = await mint(otherEorId);
    const res = await truth();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(first);
    expect(text).not.toContain(other);
    const body = JSON.parse(text) as Truth;
    expect(body.sessions).toHaveLength(2);
    expect(body.sessions).toContainEqual(
      expect.objectContaining({ profileId: eorId, fingerprint: sha256(first) }),
    );
    expect(body.sessions).toContainEqual(
      expect.objectContaining({ profileId: otherEorId, fingerprint: sha256(other) }),
    );

    // Superseded: only the new token is listed, and only it is accepted.
    const second = await mint(eorId);
    const after = ((await (await truth()).json()) as Truth).sessions;
    expect(after.find((s) => s.profileId === eorId)?.fingerprint).toBe(sha256(second));
    expect((await call(sim, 'GET', '/people/me', { token: first })).status).toBe(401);
    expect((await call(sim, 'GET', '/people/me', { token: second })).status).toBe(200);

    // Revoked: gone from the truth.
    expect((await call(sim, 'DELETE', `/workers/${eorId}/session`)).status).toBe(204);
    expect(((await (await truth()).json()) as Truth).sessions.map((s) => s.profileId)).toEqual([
      otherEorId,
    ]);
  });

  it('leaves expired tokens out, without changing anything', async () => {
    const before = ((await (await truth()).json()) as Truth).sessions;
    expect(before.length).toBeGreaterThan(0);
    sim.clock.advance(25 * 60 * 60 * 1000);
    try {
      expect(((await (await truth()).json()) as Truth).sessions).toEqual([]);
    } finally {
      sim.clock.advance(-25 * 60 * 60 * 1000);
    }
    // Read-only: winding the clock back shows the same tokens again.
    expect(((await (await truth()).json()) as Truth).sessions).toEqual(before);
  });

  it('keeps the control-route guards', async () => {
    const res = await truth({ origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('fingerprint');
  });
});
