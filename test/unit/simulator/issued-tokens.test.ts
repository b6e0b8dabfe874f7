/**
 * A second organization token for the same organization (what an admin creates in Deel's
 * Developer Center before a rotation): it names the same organization and may mint, and the
 * earlier tokens keep working until someone deletes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator/index.js';
import { arr, call, firstPerson, obj } from './client.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ workers: 30, seed: 5, rateLimit: false });
});
afterAll(() => sim.close());

describe('issueAdminToken', () => {
  it('issues a new, distinct organization token with every scope, for the same organization', async () => {
    const first = sim.issueAdminToken();
    const second = sim.issueAdminToken();
    expect(new Set([first, second, ...Object.values(sim.tokens)]).size).toBe(5);
    expect(first).toMatch(/^sim_org_/);

    const viaAdmin = await call(sim, 'GET', '/organizations');
    const viaIssued = await call(sim, 'GET', '/organizations', { token: first });
    expect(viaIssued.status).toBe(200);
    expect(arr(obj(viaIssued.body)['data'])).toEqual(arr(obj(viaAdmin.body)['data']));

    const eor = String((await firstPerson(sim, 'hiring_types=eor&hiring_statuses=active'))['id']);
    const minted = await call(sim, 'POST', '/workers/session', {
      token: second,
      body: { data: { profile_id: eor } },
    });
    expect(minted.status).toBe(201);
    // The token it replaces is not revoked by issuing one: it still answers.
    expect((await call(sim, 'GET', '/organizations')).status).toBe(200);
  });
});
