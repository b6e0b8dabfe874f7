/**
 * Conformance: every response the simulator can give — each endpoint, each status — validated
 * against ../shared/deel-openapi with ajv (see client.ts), and the requests too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator/index.js';
import { arr, call, expectApiError, firstPerson, obj, seen, spec } from './client.js';
import { personSchema } from '../../../src-main/deel/schemas';

/** What the console's Deel client reads from a person: the simulator must serve all of it. */
const CONSOLE_PERSON_FIELDS = Object.keys(personSchema.shape);

let sim: RunningSimulator;
let eorId: string;
let contractorId: string;

beforeAll(async () => {
  sim = await startSimulator({ workers: 300, seed: 7, rateLimit: { perSecond: 5 } });
  sim.resetRateLimit();
});
afterAll(() => sim.close());

/** Each test step starts with a fresh rate-limit window (the sim clock jumps 2 s). */
function freshWindow(): void {
  sim.clock.advance(2_000);
}

const EXPECTED: Record<string, number[]> = {
  'GET /organizations': [200, 401, 403, 429, 500],
  'GET /people': [200, 400, 401, 403, 429, 500],
  'GET /people/{hris_profile_id}': [200, 400, 401, 403, 404, 429, 500],
  'GET /people/me': [200, 401, 403, 429, 500],
  'GET /contracts': [200, 400, 401, 403, 429, 500],
  'POST /workers/session': [201, 400, 401, 403, 404, 429, 500],
  'DELETE /workers/{worker_id}/session': [204, 401, 403, 404, 429, 500],
};

const SAMPLE_REQUESTS: [string, () => string, (() => unknown) | undefined][] = [
  ['GET', () => '/organizations', undefined],
  ['GET', () => '/people?limit=3', undefined],
  ['GET', () => `/people/${eorId}`, undefined],
  ['GET', () => '/people/me', undefined],
  ['GET', () => '/contracts?limit=3', undefined],
  ['POST', () => '/workers/session', () => ({ data: { profile_id: eorId } })],
  ['DELETE', () => `/workers/${eorId}/session`, undefined],
];

describe('simulator conformance with the Deel OpenAPI files', () => {
  it('loads the shared specs with every format registered', () => {
    expect([...spec().formatsUsed]).toEqual(
      expect.arrayContaining(['uuid', 'date', 'date-time', 'double', 'email']),
    );
  });

  it('answers 200/201/204 in the documented shapes', async () => {
    freshWindow();
    const org = await call(sim, 'GET', '/organizations');
    expect(org.status).toBe(200);
    expect(arr(obj(org.body)['data'])).toEqual([
      { id: expect.any(String) as unknown, name: sim.orgName },
    ]);

    const eor = await firstPerson(sim, 'hiring_types=eor&hiring_statuses=active');
    eorId = String(eor['id']);
    for (const f of CONSOLE_PERSON_FIELDS) {
      expect(eor, f).toHaveProperty(f);
    }
    contractorId = String((await firstPerson(sim, 'hiring_types=contractor'))['id']);

    freshWindow();
    const people = await call(
      sim,
      'GET',
      '/people?offset=0&limit=100&search=a&sort_by=full_name&sort_order=desc&hiring_types=eor&hiring_types=contractor&hiring_statuses=active&person_statuses=ACTIVE',
    );
    expect(people.status).toBe(200);
    expect(await call(sim, 'GET', `/people?fields=id&fields=full_name&limit=2`)).toMatchObject({
      status: 200,
    });
    expect((await call(sim, 'GET', `/people/${eorId}`)).status).toBe(200);
    expect(
      (
        await call(
          sim,
          'GET',
          '/contracts?limit=100&types=eor&statuses=in_progress&sort_by=worker_name&order_direction=desc',
        )
      ).status,
    ).toBe(200);

    freshWindow();
    const minted = await call(sim, 'POST', '/workers/session', {
      body: { data: { profile_id: eorId } },
    });
    expect(minted.status).toBe(201);
    const token = String(obj(obj(minted.body)['data'])['token']);
    expect((await call(sim, 'GET', '/people/me', { token })).status).toBe(200);
    expect((await call(sim, 'GET', '/people/me', { token: sim.tokens.personal })).status).toBe(200);
    const revoked = await call(sim, 'DELETE', `/workers/${eorId}/session`);
    expect(revoked.status).toBe(204);
    expect(revoked.body).toBeUndefined();
  });

  it('answers 401 for missing and unknown tokens on every endpoint', async () => {
    for (const [method, path, body] of SAMPLE_REQUESTS) {
      freshWindow();
      for (const token of [null, 'sim_org_not-a-real-token']) {
        const r = await call(sim, method, path(), { token, body: body?.() });
        expect(r.status, `${method} ${path()}`).toBe(401);
        expectApiError(r.body, 401);
      }
    }
  });

  it('answers 403 for wrong token types and missing scopes', async () => {
    freshWindow();
    const minted = await call(sim, 'POST', '/workers/session', {
      body: { data: { profile_id: eorId } },
    });
    const workerToken = String(obj(obj(minted.body)['data'])['token']);
    freshWindow();
    for (const path of ['/organizations', '/people', `/people/${eorId}`, '/contracts']) {
      const r = await call(sim, 'GET', path, { token: workerToken });
      expect(r.status).toBe(403);
      expect(expectApiError(r.body, 403)).toMatch(/TOKEN_TYPE_NOT_ALLOWED/);
    }
    freshWindow();
    const me = await call(sim, 'GET', '/people/me', { token: sim.tokens.admin });
    expect(me.status).toBe(403);
    const ro = await call(sim, 'POST', '/workers/session', {
      token: sim.tokens.readOnly,
      body: { data: { profile_id: eorId } },
    });
    expect(ro.status).toBe(403);
    expect(expectApiError(ro.body, 403)).toMatch(/admin:worker/);
    const pat = await call(sim, 'DELETE', `/workers/${eorId}/session`, {
      token: sim.tokens.personal,
    });
    expect(pat.status).toBe(403);
    expect(expectApiError(pat.body, 403)).toMatch(/TOKEN_TYPE_NOT_ALLOWED/);
    freshWindow();
    const ro2 = await call(sim, 'DELETE', `/workers/${eorId}/session`, {
      token: sim.tokens.readOnly,
    });
    expect(ro2.status).toBe(403);
  });

  it('answers 400 with errors[].path for invalid input', async () => {
    freshWindow();
    const cases: [string, string, unknown, string, boolean][] = [
      ['GET', '/people?limit=101', undefined, 'limit', false],
      ['GET', '/people?limit=0', undefined, 'limit', false],
      ['GET', '/people?offset=-1', undefined, 'offset', false],
      ['GET', '/people?limit=ten', undefined, 'limit', true],
    ];
    for (const [method, path, body, field, invalid] of cases) {
      const r = await call(sim, method, path, { body, invalidRequest: invalid });
      expect(r.status, path).toBe(400);
      expectApiError(r.body, 400, field);
    }
    freshWindow();
    for (const [path, field] of [
      ['/people?sort_by=shoe_size', 'sort_by'],
      ['/people?hiring_types=astronaut', 'hiring_types'],
      ['/people?sort_order=sideways', 'sort_order'],
    ] as const) {
      const r = await call(sim, 'GET', path, { invalidRequest: true });
      expect(r.status, path).toBe(400);
      expectApiError(r.body, 400, field);
    }
    freshWindow();
    const badId = await call(sim, 'GET', '/people/12345', { invalidRequest: true });
    expect(badId.status).toBe(400);
    expectApiError(badId.body, 400, 'hris_profile_id');
    const contracts = await call(sim, 'GET', '/contracts?limit=500');
    expect(contracts.status).toBe(400);
    expectApiError(contracts.body, 400, 'limit');
    const cursor = await call(sim, 'GET', '/contracts?after_cursor=garbage');
    expect(cursor.status).toBe(400);
    expectApiError(cursor.body, 400, 'after_cursor');

    freshWindow();
    const missingData = await call(sim, 'POST', '/workers/session', {
      body: {},
      invalidRequest: true,
    });
    expect(missingData.status).toBe(400);
    expectApiError(missingData.body, 400, 'data');
    const notUuid = await call(sim, 'POST', '/workers/session', {
      body: { data: { profile_id: '123456' } },
      invalidRequest: true,
    });
    expect(notUuid.status).toBe(400);
    expectApiError(notUuid.body, 400, 'data.profile_id');
    const guideSpelling = await call(sim, 'POST', '/workers/session', {
      body: { data: { hris_profile_id: eorId } },
      invalidRequest: true,
    });
    expect(guideSpelling.status).toBe(400);
    expectApiError(guideSpelling.body, 400, 'data.profile_id');
    freshWindow();
    const brokenJson = await call(sim, 'POST', '/workers/session', { rawBody: '{"data":' });
    expect(brokenJson.status).toBe(400);
    const nonEor = await call(sim, 'POST', '/workers/session', {
      body: { data: { profile_id: contractorId } },
    });
    expect(nonEor.status).toBe(400);
    expect(expectApiError(nonEor.body, 400, 'data.profile_id')).toMatch(/EOR workers only/);
  });

  it('answers 404 for unknown ids, nothing to revoke, and unknown routes', async () => {
    freshWindow();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const person = await call(sim, 'GET', `/people/${unknown}`);
    expect(person.status).toBe(404);
    expectApiError(person.body, 404);
    const mint = await call(sim, 'POST', '/workers/session', {
      body: { data: { profile_id: unknown } },
    });
    expect(mint.status).toBe(404);
    const del = await call(sim, 'DELETE', `/workers/${unknown}/session`);
    expect(del.status).toBe(404);
    const route = await call(sim, 'GET', '/payroll/secret');
    expect(route.status).toBe(404);
    expect(route.operation).toBeUndefined();
    expectApiError(route.body, 404);
  });

  it('answers 429 with the documented body and 500 in each endpoint\u2019s documented shape', async () => {
    for (const [method, path, body] of SAMPLE_REQUESTS) {
      freshWindow();
      sim.setFaults({ rateLimitStorm: 1 });
      const limited = await call(sim, method, path(), { body: body?.() });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({
        error: 'Rate limit exceeded',
        status: 429,
        message: 'Too many requests. Please wait before retrying.',
      });
      sim.setFaults({ errorRate: 1 });
      const failed = await call(sim, method, path(), { body: body?.() });
      sim.setFaults({ errorRate: 0 });
      expect(failed.status).toBe(500);
      expectApiError(failed.body, 500);
    }
  });

  it('gives every error a unique api_req_id', async () => {
    freshWindow();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const r = await call(sim, 'GET', '/people', { token: null });
      ids.add(String(obj(obj(r.body)['request'])['api_req_id']));
    }
    expect(ids.size).toBe(20);
  });

  it('covered every documented status of every endpoint', () => {
    const missing: string[] = [];
    for (const [op, statuses] of Object.entries(EXPECTED)) {
      for (const s of statuses) if (!seen.has(`${op} ${s}`)) missing.push(`${op} ${s}`);
    }
    expect(missing).toEqual([]);
  });
});
