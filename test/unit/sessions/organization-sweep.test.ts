import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OrganizationSweep,
  SweepRefusal,
  type SweepItemResult,
  type SweepPage,
  type SweepPorts,
} from '../../../src-main/sessions/organization-sweep';

// The organization sweep: lists every EOR worker (each page on disk before anything is sent),
// then DELETEs each one's session; killed, it resumes with only the workers not yet answered.

let dir: string;
let file: string;
const now = () => new Date('2026-12-02T10:00:00.000Z');
const workers = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => ({ id: `w${from + i}`, name: `Worker ${from + i}` }));

/** Ports over `pages` of workers; `holding` live tokens answer 204, the others 404. */
function fakeDeel(pages: SweepPage['workers'][], holding: ReadonlySet<string> = new Set()) {
  const deletes: string[] = [];
  const journalAtFirstDelete: string[] = [];
  let failList: Error | undefined;
  let failRevoke: ((workerId: string) => boolean) | undefined;
  const ports: SweepPorts = {
    async *listWorkers(signal) {
      for (const [index, page] of pages.entries()) {
        if (signal.aborted) return;
        if (failList && index === 1) throw failList;
        yield { workers: page, total: pages.flat().length };
      }
    },
    async revoke(workerId): Promise<SweepItemResult> {
      if (deletes.length === 0) journalAtFirstDelete.push(await readFile(file, 'utf8'));
      deletes.push(workerId);
      await new Promise((resolve) => setImmediate(resolve));
      if (failRevoke?.(workerId)) {
        return { workerId, outcome: 'failed', error: new Error('Deel had a server error') };
      }
      return holding.has(workerId)
        ? { workerId, outcome: 'revoked', requestId: `req-${workerId}` }
        : { workerId, outcome: 'no-live-token' };
    },
  };
  return {
    ports,
    deletes,
    journalAtFirstDelete,
    failListAtSecondPage: (error: Error | undefined) => (failList = error),
    failRevokes: (which: ((workerId: string) => boolean) | undefined) => (failRevoke = which),
  };
}

const journalLines = async () =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { t: string; [key: string]: unknown });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sweep-test-'));
  file = join(dir, 'sweep-test.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('organization sweep', () => {
  it('lists every worker durably before the first DELETE, then sends exactly one per worker', async () => {
    const deel = fakeDeel([workers(100), workers(100, 101), workers(37, 201)], new Set(['w7']));
    const sweep = await OrganizationSweep.open({ file, now });
    const view = await sweep.start('Acme', deel.ports);

    expect([...deel.deletes].sort()).toEqual(
      workers(237)
        .map((w) => w.id)
        .sort(),
    );
    expect(new Set(deel.deletes).size).toBe(237);
    const atFirst = deel.journalAtFirstDelete[0]!.split('\n').filter(Boolean);
    expect(atFirst.map((line) => (JSON.parse(line) as { t: string }).t)).toEqual([
      'start',
      'workers',
      'workers',
      'workers',
      'listed',
    ]);
    expect(view).toMatchObject({
      state: 'finished',
      organization: 'Acme',
      listed: 237,
      listComplete: true,
      expectedTotal: 237,
      revoked: 1,
      noLiveToken: 236,
      failed: 0,
      remaining: 0,
    });
    const lines = await journalLines();
    expect(lines.filter((l) => l.t === 'done')).toHaveLength(237);
    expect(lines.find((l) => l.t === 'done' && l['w'] === 'w7')).toMatchObject({
      o: 'revoked',
      r: 'req-w7',
    });
    expect(lines.at(-1)).toMatchObject({ t: 'state', s: 'finished' });
  });

  it('a journal cut mid-way reads as interrupted; resume sends only the unanswered workers', async () => {
    const deel = fakeDeel([workers(50)]);
    const first = await OrganizationSweep.open({ file, now });
    await first.start('Acme', deel.ports);
    // What a kill after 20 answers leaves: every line up to the 20th answer, and a torn one.
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    const doneAt = lines.flatMap((line, i) => (line.includes('"t":"done"') ? [i] : []));
    const cut = doneAt[19]!;
    await writeFile(file, `${lines.slice(0, cut + 1).join('\n')}\n{"t":"done","w":"w4`);

    const again = await OrganizationSweep.open({ file, now });
    expect(again.view()).toMatchObject({ state: 'interrupted', remaining: 30, noLiveToken: 20 });
    const answered = new Set(deel.deletes.slice(0, 20));
    deel.deletes.length = 0;
    const view = await again.resume(deel.ports);
    expect(view).toMatchObject({ state: 'finished', remaining: 0, noLiveToken: 50 });
    expect(deel.deletes).toHaveLength(30);
    expect(deel.deletes.filter((id) => answered.has(id))).toEqual([]);
    // The torn line was cut off before the journal went on: every line parses.
    expect((await journalLines()).at(-1)).toMatchObject({ t: 'state', s: 'finished' });
  });

  it('killed while listing: resume lists again, keeps what it had, and sends each worker once', async () => {
    const deel = fakeDeel([workers(10), workers(10, 11)]);
    deel.failListAtSecondPage(new Error('socket hang up'));
    const sweep = await OrganizationSweep.open({ file, now });
    const stopped = await sweep.start('Acme', deel.ports);
    expect(stopped).toMatchObject({
      state: 'stopped',
      stoppedBecause: 'list-failed',
      listed: 10,
      listComplete: false,
    });
    expect(stopped.lastError).toBeInstanceOf(Error);
    expect(deel.deletes).toEqual([]);

    deel.failListAtSecondPage(undefined);
    const reopened = await OrganizationSweep.open({ file, now });
    expect(reopened.view()).toMatchObject({ state: 'stopped', stoppedBecause: 'list-failed' });
    const done = await reopened.resume(deel.ports);
    expect(done).toMatchObject({ state: 'finished', listed: 20, noLiveToken: 20 });
    expect([...deel.deletes].sort()).toEqual(
      workers(20)
        .map((w) => w.id)
        .sort(),
    );
  });

  it('cancel finishes the requests in flight and stops; resume sends the rest', async () => {
    const deel = fakeDeel([workers(40)]);
    const sweep = await OrganizationSweep.open({
      file,
      now,
      onChange: (view) => {
        if (view.noLiveToken === 5) sweep.cancel();
      },
    });
    const view = await sweep.start('Acme', deel.ports);
    expect(view.state).toBe('cancelled');
    // At most the lanes' requests already in flight were answered after the cancel.
    expect(view.noLiveToken).toBeGreaterThanOrEqual(5);
    expect(view.noLiveToken).toBeLessThanOrEqual(5 + 4);
    expect(deel.deletes).toHaveLength(view.noLiveToken);
    const sentBefore = new Set(deel.deletes);
    deel.deletes.length = 0;
    const resumed = await (await OrganizationSweep.open({ file, now })).resume(deel.ports);
    expect(resumed).toMatchObject({ state: 'finished', noLiveToken: 40, remaining: 0 });
    expect(deel.deletes.filter((id) => sentBefore.has(id))).toEqual([]);
  });

  it('failed revokes are counted and sent again on resume; many in a row stop the sweep', async () => {
    const deel = fakeDeel([workers(30)]);
    deel.failRevokes((id) => id === 'w3' || id === 'w9');
    const sweep = await OrganizationSweep.open({ file, now });
    const first = await sweep.start('Acme', deel.ports);
    expect(first).toMatchObject({ state: 'finished', failed: 2, noLiveToken: 28, remaining: 2 });
    deel.failRevokes(undefined);
    deel.deletes.length = 0;
    const second = await sweep.resume(deel.ports);
    expect(deel.deletes.sort()).toEqual(['w3', 'w9']);
    expect(second).toMatchObject({ failed: 0, noLiveToken: 30, remaining: 0 });

    const all = fakeDeel([workers(100)]);
    all.failRevokes(() => true);
    const storm = await OrganizationSweep.open({ file, now, maxConsecutiveFailures: 5 });
    const stopped = await storm.start('Acme', all.ports);
    expect(stopped).toMatchObject({ state: 'stopped', stoppedBecause: 'too-many-failures' });
    expect(all.deletes.length).toBeLessThan(5 + 4);
  });

  it('a journal that cannot be written refuses the sweep: nothing is sent', async () => {
    const deel = fakeDeel([workers(5)]);
    // A file where the journal's folder should be: ENOTDIR, even for root.
    await writeFile(join(dir, 'blocked'), '');
    file = join(dir, 'blocked', 'sweep.jsonl');
    const sweep = await OrganizationSweep.open({ file, now });
    const refusal = await sweep.start('Acme', deel.ports).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SweepRefusal);
    expect((refusal as SweepRefusal).reason).toBe('journal-unwritable');
    expect(deel.deletes).toEqual([]);
    expect(sweep.view()).toBeUndefined();
  });

  it('a damaged journal is copied aside, never guessed at', async () => {
    await writeFile(file, '{"t":"start","v":1}\nnot json\n');
    const sweep = await OrganizationSweep.open({ file, now });
    expect(sweep.view()).toBeUndefined();
    expect(sweep.unreadableCopy).toMatch(/sweep-test\.jsonl\.corrupt-\d+$/);
    expect(await readdir(dir)).toContain(sweep.unreadableCopy!.split('/').pop());
  });

  it('only one sweep runs at a time; dismiss forgets the last one and its journal', async () => {
    const deel = fakeDeel([workers(20)]);
    const sweep = await OrganizationSweep.open({ file, now });
    const running = sweep.start('Acme', deel.ports);
    await expect(sweep.start('Acme', deel.ports)).rejects.toMatchObject({
      reason: 'already-running',
    });
    await running;
    await expect(sweep.resume(deel.ports)).rejects.toMatchObject({ reason: 'nothing-to-resume' });
    await sweep.dismiss();
    expect(sweep.view()).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });
});
