/** Seeded data, tokens, loopback binding and "this is a simulator" markers. */
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../src-main/simulator/data.js';
import { DEMO_ORG_NAME, startSimulator } from '../../../src-main/simulator/index.js';
import { createRng } from '../../../src-main/simulator/prng.js';
import { arr, call, obj } from './client.js';
import { personSchema } from '../../../src-main/deel/schemas';

/** What the console's Deel client reads from a person: the simulator must serve all of it. */
const CONSOLE_PERSON_FIELDS = Object.keys(personSchema.shape);

describe('generated data', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = generateDataset(500, 9, DEMO_ORG_NAME);
    const b = generateDataset(500, 9, DEMO_ORG_NAME);
    const c = generateDataset(500, 10, DEMO_ORG_NAME);
    const key = (ds: typeof a): string[] =>
      ds.workers.map((w) => `${w.id} ${w.fullName} ${w.workEmail}`);
    expect(key(a)).toEqual(key(b));
    expect(key(a)).not.toEqual(key(c));
    expect(a.org.id).toBe(b.org.id);
  });

  it('has unique ids, worker ids, emails and contract ids', () => {
    const ds = generateDataset(20_000, 1, DEMO_ORG_NAME);
    const uniq = (xs: string[]): number => new Set(xs).size;
    expect(uniq(ds.workers.map((w) => w.id))).toBe(20_000);
    expect(uniq(ds.workers.map((w) => w.workerId))).toBe(20_000);
    expect(uniq(ds.workers.map((w) => w.workEmail))).toBe(20_000);
    expect(uniq(ds.workers.map((w) => w.contract.id))).toBe(20_000);
    for (const w of ds.workers.slice(0, 200)) {
      expect(w.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(w.contract.id).toMatch(/^[0-9a-z]{7}$/);
    }
  });

  it('is mostly EOR and active, with a realistic mix otherwise', () => {
    const ds = generateDataset(10_000, 1, DEMO_ORG_NAME);
    const share = (f: (w: (typeof ds.workers)[number]) => boolean): number =>
      ds.workers.filter(f).length / ds.workers.length;
    expect(share((w) => w.hiringType === 'eor')).toBeGreaterThan(0.6);
    expect(share((w) => w.hiringStatus === 'active')).toBeGreaterThan(0.7);
    expect(new Set(ds.workers.map((w) => w.hiringType)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(ds.workers.map((w) => w.hiringStatus)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(ds.workers.map((w) => w.country.code)).size).toBeGreaterThanOrEqual(10);
  });

  it('generates 100,000 workers within a generous bound', () => {
    const t = performance.now();
    const ds = generateDataset(100_000, 1, DEMO_ORG_NAME);
    expect(ds.workers).toHaveLength(100_000);
    // Typically well under a second; the bound only guards against accidental blow-ups.
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  it('refuses worker counts outside 1..100,000', async () => {
    expect(() => generateDataset(0, 1, 'x')).toThrow(RangeError);
    await expect(startSimulator({ workers: 100_001 })).rejects.toThrow(RangeError);
  });

  it('produces valid v4 uuids from the PRNG', () => {
    const rng = createRng(123);
    for (let i = 0; i < 1000; i++) {
      expect(rng.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});

describe('running simulator', () => {
  it('binds 127.0.0.1, says it is a simulator and issues random sim_ tokens per start', async () => {
    const a = await startSimulator({ workers: 10, rateLimit: false });
    const b = await startSimulator({ workers: 10, rateLimit: false });
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest\/v2$/);
      expect(a.origin).toBe(a.url.replace(/\/rest\/v2$/, ''));
      expect(a.orgName).toBe(DEMO_ORG_NAME);
      expect(a.orgName).toMatch(/simulated/);
      expect(a.workerCount).toBe(10);
      for (const t of Object.values(a.tokens)) expect(t).toMatch(/^sim_[a-z]+_[A-Za-z0-9_-]{32}$/);
      expect(new Set([...Object.values(a.tokens), ...Object.values(b.tokens)]).size).toBe(6);
      // Same seed, same data, whatever the tokens.
      const pa = await call(a, 'GET', '/people?limit=10');
      const pb = await call(b, 'GET', '/people?limit=10', { token: b.tokens.admin });
      expect(pa.body).toEqual(pb.body);
      const res = await fetch(`${a.origin}/anything`);
      expect(res.headers.get('x-deel-simulator')).toBe('1');
      expect(res.status).toBe(404);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('carries the person fields the console uses', async () => {
    const sim = await startSimulator({ workers: 30, rateLimit: false });
    try {
      const r = await call(sim, 'GET', '/people?limit=30');
      for (const p of arr(obj(r.body)['data'])) {
        const person = obj(p);
        // Every field the console's client reads from a person.
        expect(Object.keys(person)).toEqual(expect.arrayContaining(CONSOLE_PERSON_FIELDS));
        expect(obj(person['client_legal_entity'])['name']).toEqual(expect.any(String));
        expect(obj(person['department'])['name']).toEqual(expect.any(String));
        expect(obj(arr(person['emails'])[0])).toMatchObject({ type: 'work' });
      }
      const fields = await call(sim, 'GET', '/people?limit=2&fields=full_name&fields=work_email');
      expect(Object.keys(obj(arr(obj(fields.body)['data'])[0])).sort()).toEqual([
        'emails',
        'full_name',
        'id',
      ]);
    } finally {
      await sim.close();
    }
  });

  it('closes idempotently', async () => {
    const sim = await startSimulator({ workers: 1 });
    await Promise.all([sim.close(), sim.close()]);
    await expect(fetch(`${sim.url}/organizations`)).rejects.toThrow();
  });
});
