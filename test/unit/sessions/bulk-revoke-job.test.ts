import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BulkJobRefusal,
  BulkRevokeJob,
  type BulkItemResult,
} from '../../../src-main/sessions/bulk-revoke-job';

// A bulk revoke is a journaled job: written before its first request, updated per item, shown
// as interrupted after a crash, resumable, cancellable after the requests already sent.

let dir: string;
let file: string;
const now = () => new Date('2026-12-02T10:00:00.000Z');
const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ workerId: `w${i + 1}`, workerName: `Worker ${i + 1}` }));
const noProgress = () => undefined;
const revoked = async (workerId: string): Promise<BulkItemResult> => ({
  workerId,
  outcome: 'revoked',
});
const journal = async () => JSON.parse(await readFile(file, 'utf8'));

/** A revoke that waits until released, to hold requests "in flight". */
function gatedRevoke() {
  const waiting: { workerId: string; release: () => void }[] = [];
  const revoke = (workerId: string) =>
    new Promise<BulkItemResult>((resolve) =>
      waiting.push({ workerId, release: () => resolve({ workerId, outcome: 'revoked' }) }),
    );
  return { revoke, waiting };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulk-job-'));
  file = join(dir, 'bulk-revoke-x.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('BulkRevokeJob', () => {
  it('writes the journal, every item queued, before the first request', async () => {
    const job = await BulkRevokeJob.open({ file, now });
    const seenAtFirstCall: unknown[] = [];
    const results = await job.start(
      items(3),
      async (workerId) => {
        if (seenAtFirstCall.length === 0) seenAtFirstCall.push(await journal());
        return { workerId, outcome: workerId === 'w2' ? 'no-live-token' : 'revoked' };
      },
      noProgress,
    );
    expect(seenAtFirstCall[0]).toMatchObject({
      version: 1,
      state: 'running',
      items: [
        { workerId: 'w1', state: 'queued' },
        { workerId: 'w2', state: 'queued' },
        { workerId: 'w3', state: 'queued' },
      ],
    });
    expect(results.map((r) => r.outcome)).toEqual(['revoked', 'no-live-token', 'revoked']);
    expect(await journal()).toMatchObject({
      state: 'finished',
      items: [{ state: 'revoked' }, { state: 'no-live-token' }, { state: 'revoked' }],
    });
    expect(job.view()).toMatchObject({ state: 'finished', startedAt: now().toISOString() });
  });

  it('sends nothing when the journal cannot be written', async () => {
    // A file where the folder should be: no user can create the journal under it.
    await writeFile(join(dir, 'not-a-folder'), '');
    const job = await BulkRevokeJob.open({ file: join(dir, 'not-a-folder', 'job.json'), now });
    let calls = 0;
    await expect(
      job.start(
        items(2),
        async (workerId) => {
          calls++;
          return { workerId, outcome: 'revoked' };
        },
        noProgress,
      ),
    ).rejects.toBeInstanceOf(BulkJobRefusal);
    expect(calls).toBe(0);
    expect(job.view()).toBeUndefined();
  });

  it('a job the process was running when it died reads back as interrupted, and resumes what is not finished', async () => {
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        id: 'job-1',
        startedAt: '2026-12-01T09:00:00.000Z',
        state: 'running',
        items: [
          { workerId: 'w1', workerName: 'A', state: 'revoked' },
          { workerId: 'w2', workerName: 'B', state: 'queued' },
          { workerId: 'w3', workerName: 'C', state: 'failed' },
          { workerId: 'w4', workerName: 'D', state: 'no-live-token' },
          { workerId: 'w5', workerName: 'E', state: 'queued' },
        ],
      }),
    );
    const job = await BulkRevokeJob.open({ file, now });
    expect(job.view()).toMatchObject({ id: 'job-1', state: 'interrupted' });
    const sent: string[] = [];
    const progress: [number, number][] = [];
    const results = await job.resume(
      async (workerId) => {
        sent.push(workerId);
        return { workerId, outcome: 'revoked' };
      },
      (done, total) => progress.push([done, total]),
    );
    expect(sent.sort()).toEqual(['w2', 'w3', 'w5']);
    expect(results.map((r) => r.workerId)).toEqual(['w2', 'w3', 'w5']);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect(await journal()).toMatchObject({
      id: 'job-1',
      state: 'finished',
      items: Array(5).fill(
        expect.objectContaining({ state: expect.stringMatching(/revoked|no-live-token/) }),
      ),
    });
    await expect(job.resume(revoked, noProgress)).rejects.toMatchObject({
      reason: 'nothing-to-resume',
    });
  });

  it('cancel stops after the requests already sent; the rest are not sent', async () => {
    const job = await BulkRevokeJob.open({ file, now, concurrency: 2 });
    const gate = gatedRevoke();
    const run = job.start(items(6), gate.revoke, noProgress);
    await until(() => gate.waiting.length === 2);
    expect(job.running()).toBe(true);
    expect(job.cancel()).toBe(true);
    for (const w of gate.waiting) w.release();
    const results = await run;
    expect(gate.waiting.map((w) => w.workerId)).toEqual(['w1', 'w2']);
    expect(results).toEqual([
      { workerId: 'w1', outcome: 'revoked' },
      { workerId: 'w2', outcome: 'revoked' },
      ...['w3', 'w4', 'w5', 'w6'].map((workerId) => ({
        workerId,
        outcome: 'not-sent',
        reason: 'cancelled',
      })),
    ]);
    expect((await journal()).state).toBe('cancelled');
    expect(job.view()?.state).toBe('cancelled');
    expect(job.cancel()).toBe(false);
  });

  it('a stop (connection switch) waits for the requests in flight and keeps the job as stopped', async () => {
    const job = await BulkRevokeJob.open({ file, now, concurrency: 1 });
    const gate = gatedRevoke();
    const run = job.start(items(3), gate.revoke, noProgress);
    await until(() => gate.waiting.length === 1);
    const stopped = job.stop();
    let stopDone = false;
    void stopped.then(() => (stopDone = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopDone).toBe(false);
    gate.waiting[0]!.release();
    await stopped;
    const results = await run;
    expect(results.map((r) => r.outcome)).toEqual(['revoked', 'not-sent', 'not-sent']);
    expect(results[1]).toMatchObject({ reason: 'connection-switch' });
    const reopened = await BulkRevokeJob.open({ file, now });
    expect(reopened.view()).toMatchObject({
      state: 'stopped',
      items: [{ state: 'revoked' }, { state: 'not-sent' }, { state: 'not-sent' }],
    });
  });

  it('refuses a second job while one runs', async () => {
    const job = await BulkRevokeJob.open({ file, now });
    const gate = gatedRevoke();
    const run = job.start(items(1), gate.revoke, noProgress);
    await until(() => gate.waiting.length === 1);
    await expect(job.start(items(1), revoked, noProgress)).rejects.toMatchObject({
      reason: 'already-running',
    });
    gate.waiting[0]!.release();
    await run;
  });

  it('a damaged journal is copied aside and ignored: start-up never fails on it', async () => {
    await writeFile(file, '{"version":1,"id":"x","items":[{');
    const job = await BulkRevokeJob.open({ file, now });
    expect(job.view()).toBeUndefined();
    expect(job.unreadableCopy).toMatch(/bulk-revoke-x\.json\.corrupt-\d+$/);
    expect(await readFile(job.unreadableCopy!, 'utf8')).toBe('{"version":1,"id":"x","items":[{');
  });

  it('dismiss forgets the job and removes its journal', async () => {
    const job = await BulkRevokeJob.open({ file, now });
    await job.start(items(1), revoked, noProgress);
    await job.dismiss();
    expect(job.view()).toBeUndefined();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await BulkRevokeJob.open({ file, now })).view()).toBeUndefined();
  });

  it('without a file (demo data) the job lives in memory only', async () => {
    const job = await BulkRevokeJob.open({ now });
    await job.start(items(2), revoked, noProgress);
    expect(job.view()?.state).toBe('finished');
    expect(await readdir(dir)).toEqual([]);
  });
});
