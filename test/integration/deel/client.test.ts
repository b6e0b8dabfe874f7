import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeelApiError } from '../../../src-main/deel/errors';
import { caught, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});

async function eorWorker(): Promise<{ id: string; name: string }> {
  const page = await h.client().listPeople({ hiringTypes: ['eor'], limit: 1 });
  const person = page.people[0]!;
  return { id: person.id, name: person.name };
}

describe('reading the organization and its people', () => {
  it('getOrganization and countPeople', async () => {
    const client = h.client();
    expect(await client.getOrganization()).toEqual({ id: expect.any(String), name: h.sim.orgName });
    expect(await client.countPeople()).toBe(250);
  });

  it('listPeople maps people and applies filters, sorting and the 100 cap', async () => {
    const client = h.client();
    const page = await client.listPeople({
      hiringTypes: ['eor'],
      sortBy: 'full_name',
      sortOrder: 'asc',
      limit: 500,
    });
    expect(page.people.length).toBeLessThanOrEqual(100);
    expect(page.people.length).toBeGreaterThan(0);
    expect(page.people.every((p) => p.hiringType === 'eor')).toBe(true);
    const names = page.people.map((p) => p.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(page.people[0]).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: expect.any(String),
      email: expect.stringContaining('@'),
    });
    expect(page.skipped).toBe(0);
  });

  it('listPeople searches', async () => {
    const client = h.client();
    const someone = (await client.listPeople({ limit: 1 })).people[0]!;
    const found = await client.listPeople({ search: someone.lastName! });
    expect(found.people.map((p) => p.id)).toContain(someone.id);
  });

  it('streamPeople yields every person in pages of 100', async () => {
    const sizes: number[] = [];
    const ids = new Set<string>();
    for await (const page of h.client().streamPeople()) {
      sizes.push(page.people.length);
      for (const person of page.people) ids.add(person.id);
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(ids.size).toBe(250);
  });

  it('streamPeople with a filter stops at the filtered total', async () => {
    let rows = 0;
    let total: number | null = null;
    for await (const page of h.client().streamPeople({ hiringTypes: ['contractor'] })) {
      rows += page.people.length;
      total = page.total;
    }
    expect(rows).toBe(total);
  });

  it('listContracts and streamContracts follow the cursor; worker.id is a profile id', async () => {
    const client = h.client();
    const first = await client.listContracts({ limit: 10, types: ['eor'] });
    expect(first.contracts).toHaveLength(10);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await client.listContracts({
      limit: 10,
      types: ['eor'],
      afterCursor: first.cursor!,
    });
    expect(second.contracts[0]?.id).not.toBe(first.contracts[0]?.id);

    const workers = new Set<string>();
    let pages = 0;
    for await (const page of client.streamContracts()) {
      pages++;
      for (const contract of page.contracts) workers.add(contract.worker!.id);
    }
    expect(pages).toBe(3);
    expect(workers.size).toBe(250);
    const person = (await client.listPeople({ limit: 1 })).people[0]!;
    expect(workers.has(person.id)).toBe(true);
  });
});

describe('worker sessions', () => {
  it('mint, verify, supersede, revoke, then 404 "no live token"', async () => {
    const client = h.client();
    const worker = await eorWorker();
    const first = await client.createWorkerSession(worker.id);
    expect(first.token).toEqual(expect.any(String));
    expect(first.expiryAssumed).toBe(false);
    const lifetime = Date.parse(first.expiresAt) - h.sim.clock.now();
    expect(lifetime).toBeGreaterThan(23 * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600_000);

    const me = await client.getMe(first.token);
    expect(me.name).toBe(worker.name);

    const second = await client.createWorkerSession(worker.id);
    expect(second.token).not.toBe(first.token);
    expect(await caught(client.getMe(first.token))).toMatchObject({ kind: 'auth', status: 401 });
    expect((await client.getMe(second.token)).name).toBe(worker.name);

    await client.deleteWorkerSession(worker.id);
    expect(await caught(client.getMe(second.token))).toMatchObject({ kind: 'auth' });
    const again = await caught(client.deleteWorkerSession(worker.id));
    expect(again).toBeInstanceOf(DeelApiError);
    expect(again).toMatchObject({
      kind: 'not-found',
      status: 404,
      requestId: expect.any(String),
      message: expect.stringContaining('no live token'),
    });
  });

  it('getMe reads both the flat and the {data:{...}} shape', async () => {
    const client = h.client();
    const worker = await eorWorker();
    const { token } = await client.createWorkerSession(worker.id);
    const flat = await client.getMe(token);
    h.sim.setFaults({ peopleMeEnvelope: true });
    try {
      // The same person; only Deel's request id of each answer differs.
      expect({ ...(await client.getMe(token)), requestId: undefined }).toEqual({
        ...flat,
        requestId: undefined,
      });
    } finally {
      h.sim.setFaults({ peopleMeEnvelope: false });
    }
    expect(flat).toMatchObject({ name: worker.name, email: expect.stringContaining('@') });
    await client.deleteWorkerSession(worker.id);
  });
});

describe("Deel's request ids", () => {
  it('come back with a successful mint and revoke, as the x-request-id Deel sent', async () => {
    const worker = await eorWorker();
    const minted = await h.client().createWorkerSession(worker.id);
    const mintLog = h.log.filter((e) => e.method === 'POST' && e.path.endsWith('/workers/session'));
    expect(minted.requestId).toBe(mintLog.at(-1)!.apiReqId);
    const revoked = await h.client().deleteWorkerSession(worker.id);
    expect(revoked.requestId).toBe(h.log.at(-1)!.apiReqId);
    // A 404 answer names its request too (from the body's api_req_id, else the header).
    const none = await caught(h.client().deleteWorkerSession(worker.id));
    expect(none).toMatchObject({ kind: 'not-found', requestId: h.log.at(-1)!.apiReqId });
  });
});
