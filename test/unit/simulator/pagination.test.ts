/** Pagination walks see every worker exactly once: offset (people) and cursor (contracts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator/index.js';
import { fold } from '../../../src-main/simulator/text.js';
import { arr, call, expectApiError, obj } from './client.js';

const WORKERS = 1_234;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ workers: WORKERS, seed: 42, rateLimit: false });
});
afterAll(() => sim.close());

async function walkPeople(query: string, limit: number): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total: number;
  for (let offset = 0; ; offset += limit) {
    const r = await call(sim, 'GET', `/people?offset=${offset}&limit=${limit}${query}`);
    expect(r.status).toBe(200);
    const body = obj(r.body);
    const page = obj(body['page']);
    expect(page['offset']).toBe(offset);
    expect(page['items_per_page']).toBe(limit);
    total = Number(page['total_rows']);
    const data = arr(body['data']);
    for (const p of data) ids.push(String(obj(p)['id']));
    if (data.length < limit) break;
  }
  return { ids, total };
}

async function walkContracts(
  query: string,
  limit: number,
): Promise<{ workerIds: string[]; pages: number }> {
  const workerIds: string[] = [];
  let cursor = '';
  let pages = 0;
  for (;;) {
    const after = cursor ? `&after_cursor=${encodeURIComponent(cursor)}` : '';
    const r = await call(sim, 'GET', `/contracts?limit=${limit}${query}${after}`);
    expect(r.status).toBe(200);
    pages++;
    const body = obj(r.body);
    for (const c of arr(body['data'])) workerIds.push(String(obj(obj(c)['worker'])['id']));
    cursor = String(obj(body['page'])['cursor']);
    if (!cursor) break;
    expect(pages).toBeLessThan(1_000);
  }
  return { workerIds, pages };
}

describe('people offset pagination', () => {
  it('walks every worker exactly once at limit 100', async () => {
    const { ids, total } = await walkPeople('', 100);
    expect(total).toBe(WORKERS);
    expect(ids).toHaveLength(WORKERS);
    expect(new Set(ids).size).toBe(WORKERS);
  });

  it('walks a filtered, searched, sorted result exactly once, in order', async () => {
    const query =
      '&hiring_types=eor&hiring_statuses=active&search=a&sort_by=last_name&sort_order=desc';
    const { ids, total } = await walkPeople(query, 37);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(total).toBeGreaterThan(100);
    // Same result in one request per 100 rows, and every row matches the filters.
    const lastNames: string[] = [];
    for (let offset = 0; offset < total; offset += 100) {
      const r = await call(sim, 'GET', `/people?offset=${offset}&limit=100${query}`);
      for (const p of arr(obj(r.body)['data'])) {
        const person = obj(p);
        expect(person['hiring_type']).toBe('eor');
        expect(person['hiring_status']).toBe('active');
        const haystack =
          `${String(person['full_name'])} ${JSON.stringify(person['emails'])}`.toLowerCase();
        expect(fold(haystack)).toContain('a');
        lastNames.push(String(person['last_name']));
      }
    }
    const folded = lastNames.map(fold);
    expect(folded).toEqual([...folded].sort().reverse());
  });

  it('accepts hiring_types[] and comma lists like the repeated form', async () => {
    const a = await call(sim, 'GET', '/people?limit=1&hiring_types=eor&hiring_types=contractor');
    const b = await call(
      sim,
      'GET',
      '/people?limit=1&hiring_types[]=eor&hiring_types[]=contractor',
    );
    const c = await call(sim, 'GET', '/people?limit=1&hiring_types=eor,contractor', {
      invalidRequest: true,
    });
    const total = (r: { body: unknown }): unknown => obj(obj(r.body)['page'])['total_rows'];
    expect(total(a)).toBe(total(b));
    expect(total(a)).toBe(total(c));
  });

  it('answers an empty page past the end and 400 above limit 100', async () => {
    const past = await call(sim, 'GET', `/people?offset=${WORKERS + 5}&limit=10`);
    expect(arr(obj(past.body)['data'])).toEqual([]);
    expect(obj(obj(past.body)['page'])['total_rows']).toBe(WORKERS);
    const over = await call(sim, 'GET', '/people?limit=101');
    expect(over.status).toBe(400);
    expectApiError(over.body, 400, 'limit');
    expect((await call(sim, 'GET', '/people?limit=100')).status).toBe(200);
  });

  it('search ignores case and diacritics and matches emails', async () => {
    const first = obj(arr(obj((await call(sim, 'GET', '/people?limit=1')).body)['data'])[0]);
    const email = String(obj(arr(first['emails'])[0])['value']);
    const byEmail = await call(
      sim,
      'GET',
      `/people?limit=100&search=${encodeURIComponent(email.toUpperCase())}`,
    );
    expect(arr(obj(byEmail.body)['data']).map((p) => obj(p)['id'])).toContain(first['id']);
    const byDomain = await call(
      sim,
      'GET',
      `/people?limit=1&search=${encodeURIComponent('@northwind-demo')}`,
    );
    expect(obj(obj(byDomain.body)['page'])['total_rows']).toBe(WORKERS);
    const accented = await call(
      sim,
      'GET',
      `/people?limit=100&search=${encodeURIComponent('MÜLLER')}`,
    );
    const plain = await call(sim, 'GET', '/people?limit=100&search=muller');
    expect(obj(accented.body)['page']).toEqual(obj(plain.body)['page']);
  });
});

describe('contracts cursor pagination', () => {
  it('walks every worker exactly once via page.cursor -> after_cursor', async () => {
    const { workerIds, pages } = await walkContracts('', 100);
    expect(pages).toBe(Math.ceil(WORKERS / 100));
    expect(workerIds).toHaveLength(WORKERS);
    expect(new Set(workerIds).size).toBe(WORKERS);
    const people = new Set<string>();
    for (let offset = 0; offset < WORKERS; offset += 100) {
      const r = await call(sim, 'GET', `/people?offset=${offset}&limit=100`);
      for (const p of arr(obj(r.body)['data'])) people.add(String(obj(p)['id']));
    }
    expect(new Set(workerIds)).toEqual(people);
  });

  it('walks a filtered, sorted result; total_rows mimics Deel\u2019s filtered-total bug unless told not to', async () => {
    const query = '&types=eor&statuses=in_progress&sort_by=worker_name&order_direction=desc';
    const { workerIds } = await walkContracts(query, 50);
    expect(new Set(workerIds).size).toBe(workerIds.length);
    const first = await call(sim, 'GET', `/contracts?limit=5${query}`);
    expect(obj(obj(first.body)['page'])['total_rows']).toBe(WORKERS);
    sim.setFaults({ contractsTotalRowsIgnoresFilters: false });
    const honest = await call(sim, 'GET', `/contracts?limit=5${query}`);
    sim.setFaults({ contractsTotalRowsIgnoresFilters: true });
    expect(obj(obj(honest.body)['page'])['total_rows']).toBe(workerIds.length);
    for (const c of arr(obj(first.body)['data'])) {
      expect(obj(c)).toMatchObject({ type: 'eor', status: 'in_progress' });
    }
  });

  it('rejects a cursor from another query', async () => {
    const r = await call(sim, 'GET', '/contracts?limit=2&types=eor');
    const cursor = String(obj(obj(r.body)['page'])['cursor']);
    const other = await call(sim, 'GET', `/contracts?limit=2&types=peo&after_cursor=${cursor}`);
    expect(other.status).toBe(400);
    expectApiError(other.body, 400, 'after_cursor');
  });
});
