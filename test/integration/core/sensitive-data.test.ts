import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeelClient, type Person } from '../../../src-main/deel/client';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import {
  WorkerQueries,
  type RowPage,
  type StreamedPage,
} from '../../../src-main/workers/worker-queries';
import { invokeChannels } from '../../../src-shared/channels';
import type { WorkerRow, WorkersPage } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { startTestCore, type TestCore } from '../../support/test-core';

// With the org token's "sensitive data" toggles off, /people answers names and emails as null:
// the console flags such a page (piiHidden) and still finds workers by id.

const row = (i: number, named: boolean): WorkerRow => ({
  id: `w-${i}`,
  name: named ? `Worker ${i}` : '',
  email: named ? `w${i}@example.com` : null,
  country: 'DE',
  jobTitle: null,
  hiringType: 'eor',
  hiringStatus: 'active',
});

async function run(pages: RowPage[]): Promise<StreamedPage[]> {
  const seen: StreamedPage[] = [];
  const queries = new WorkerQueries(
    async function* () {
      yield* pages;
    },
    (page) => seen.push(page),
  );
  queries.start({});
  for (let i = 0; i < 50 && !seen.at(-1)?.done; i++) await new Promise((r) => setTimeout(r, 1));
  return seen;
}

describe('the sensitive-data flag on a workers page', () => {
  it('is set on a page whose every row has no name and no email, and only there', async () => {
    const pages = await run([
      { rows: [row(1, false), row(2, false)], total: 5 },
      { rows: [row(3, false), row(4, true)], total: 5 },
      { rows: [], total: 5 },
    ]);
    expect(pages.map((p) => p.piiHidden)).toEqual([true, undefined, undefined, undefined]);
  });

  it('is not set when only the email is missing, or only the name', async () => {
    const pages = await run([
      { rows: [{ ...row(1, true), email: null }], total: 2 },
      { rows: [{ ...row(2, true), name: '' }], total: 2 },
    ]);
    expect(pages.filter((p) => p.piiHidden)).toEqual([]);
  });
});

describe('a console on a token without sensitive data', () => {
  let t: TestCore;
  let call: <T>(method: keyof typeof invokeChannels, input?: unknown) => Promise<T>;
  let eor: Person;

  beforeAll(async () => {
    t = await startTestCore({ demoWorkers: 250 });
    const dispatch = createDispatch(t.core.handlers);
    call = async <T>(method: keyof typeof invokeChannels, input?: unknown): Promise<T> => {
      const result = (await dispatch(invokeChannels[method], input)) as IpcResult<T>;
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
      return result.data;
    };
    const sim = t.core.simulator()!;
    const deel = new DeelClient({ baseUrl: sim.url, token: sim.tokens.admin });
    // The last EOR worker of the list, so a search by worker id has pages to read through.
    eor = (await deel.listPeople({ hiringTypes: ['eor'], limit: 100, offset: 100 })).people.at(-1)!;
  });
  afterAll(async () => {
    await t.core.close();
    rmSync(t.dir, { recursive: true, force: true });
  });

  async function pagesOf(query: object): Promise<WorkersPage[]> {
    const { queryId } = await call<{ queryId: string }>('queryWorkers', query);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const pages = t.events
        .filter((e) => e.channel === 'workers:page')
        .map((e) => e.payload as WorkersPage)
        .filter((p) => p.queryId === queryId);
      if (pages.at(-1)?.done) return pages;
      if (Date.now() > deadline) throw new Error('the worker list did not finish');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const withHidden = async <T>(fn: () => Promise<T>): Promise<T> => {
    t.core.simulator()!.setFaults({ hideSensitiveData: true });
    try {
      return await fn();
    } finally {
      t.core.simulator()!.setFaults({ hideSensitiveData: false });
    }
  };

  it('flags the pages of the list, which it does not with names and emails present', async () => {
    const hidden = await withHidden(() => pagesOf({}));
    const rows = hidden.flatMap((p) => p.rows);
    expect(rows).toHaveLength(250);
    expect(rows.every((r) => r.name === '' && r.email === null)).toBe(true);
    expect(hidden.filter((p) => p.rows.length > 0).every((p) => p.piiHidden === true)).toBe(true);

    const shown = await pagesOf({});
    expect(shown.flatMap((p) => p.rows)).toHaveLength(250);
    expect(shown.some((p) => p.piiHidden)).toBe(false);
  });

  it('still finds a worker by profile id and by worker id', async () => {
    const byProfile = await withHidden(() => pagesOf({ search: eor.id.toUpperCase() }));
    expect(byProfile.flatMap((p) => p.rows.map((r) => r.id))).toEqual([eor.id]);
    expect(byProfile[0]?.piiHidden).toBe(true);

    const byWorkerId = await withHidden(() =>
      pagesOf({ search: ` ${eor.workerId} `, hiringTypes: ['eor'] }),
    );
    expect(byWorkerId.flatMap((p) => p.rows.map((r) => r.id))).toEqual([eor.id]);
    expect(byWorkerId.at(-1)).toMatchObject({ done: true, loaded: 1, total: 1 });

    // The query's filters still apply to a worker found by id.
    const filteredOut = await pagesOf({ search: eor.id, hiringTypes: ['contractor'] });
    expect(filteredOut.flatMap((p) => p.rows)).toEqual([]);
    // An unknown profile id finds nobody (Deel's own 404), without an error.
    const unknown = await pagesOf({ search: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.at(-1)).toMatchObject({ done: true, loaded: 0 });
    expect(unknown.at(-1)?.error).toBeUndefined();
  });
});
