import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { generateDataset } from '../../../src-main/simulator/data';
import { invokeChannels } from '../../../src-shared/channels';
import type { WorkerQuery, WorkerRow, WorkersPage } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { startTestCore, type TestCore } from '../../support/test-core';

// Search by id, through the core as the app runs it on demo data (the demo simulator, seed 1):
// a profile id or a worker_id finds the worker from both sources, People and Contracts.

const WORKERS = 300;
const ds = generateDataset(WORKERS, 1, 'demo');
let t: TestCore;
let dispatch: ReturnType<typeof createDispatch>;

beforeAll(async () => {
  t = await startTestCore({ demoWorkers: WORKERS });
  dispatch = createDispatch(t.core.handlers);
});
afterAll(async () => {
  await t.core.close();
});

async function rowsOf(query: WorkerQuery): Promise<WorkerRow[]> {
  const result = (await dispatch(invokeChannels.queryWorkers, query)) as IpcResult<{
    queryId: string;
  }>;
  if (!result.ok) throw new Error(result.error.message);
  const { queryId } = result.data;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const pages = t.events
      .filter((e) => e.channel === 'workers:page')
      .map((e) => e.payload as WorkersPage)
      .filter((p) => p.queryId === queryId);
    const last = pages.at(-1);
    if (last?.done) {
      expect(last.error).toBeUndefined();
      return pages.flatMap((p) => p.rows);
    }
    if (Date.now() > deadline) throw new Error('the worker stream did not finish');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('searching workers by id', () => {
  // A worker far down the list, so a worker_id lookup has to read past the first pages.
  const target = ds.workers[WORKERS - 7]!;

  it('People: a worker_id, a profile id and an email each find that one worker, with its worker_id', async () => {
    for (const search of [target.workerId, target.id.toUpperCase(), target.workEmail]) {
      const rows = await rowsOf({ search });
      expect(
        rows.map((r) => r.id),
        search,
      ).toEqual([target.id]);
      expect(rows[0]!.workerId).toBe(target.workerId);
    }
  });

  it('People: every listed row carries its worker_id', async () => {
    const rows = await rowsOf({ hiringTypes: ['eor'] });
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(row.workerId).toBe(ds.byId.get(row.id)!.workerId);
  });

  it("Contracts: a worker_id and a profile id find the worker (Deel's contract search matches neither)", async () => {
    for (const search of [target.workerId, target.id]) {
      const rows = await rowsOf({ source: 'contracts', search });
      expect(
        rows.map((r) => r.id),
        search,
      ).toEqual([target.id]);
      expect(rows[0]!).toMatchObject({ name: target.fullName, workerId: target.workerId });
    }
  });

  it('Contracts: an id whose contract the filters exclude, or an unknown id, finds nobody', async () => {
    const other = target.contract.type === 'eor' ? 'milestones' : 'eor';
    expect(
      await rowsOf({ source: 'contracts', search: target.workerId, hiringTypes: [other] }),
    ).toEqual([]);
    expect(await rowsOf({ source: 'contracts', search: '1' })).toEqual([]);
    expect(await rowsOf({ search: '1' })).toEqual([]);
  });
});
