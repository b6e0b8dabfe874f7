import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { invokeChannels } from '../../../src-shared/channels';
import type { AuditEntry, Session, WorkerRow, WorkersPage } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { startTestCore, type TestCore } from '../../support/test-core';

// Issue 16 through the whole core, as the page drives it: every audit row names its worker
// (email included, and a revoke of a worker with no token), a refused mint keeps Deel's
// reason, a superseded token gets its own line, and the export saves what is shown and can be
// shown in its folder.

let deel: RunningSimulator;
let t: TestCore & { call: <T>(method: keyof typeof invokeChannels, input?: unknown) => Promise<T> };
let eor: WorkerRow[];
let contractor: WorkerRow;

async function rows(query: object): Promise<WorkerRow[]> {
  const { queryId } = await t.call<{ queryId: string }>('queryWorkers', query);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const pages = t.events
      .filter((e) => e.channel === 'workers:page')
      .map((e) => e.payload as WorkersPage)
      .filter((p) => p.queryId === queryId);
    if (pages.at(-1)?.done) return pages.flatMap((p) => p.rows);
    if (Date.now() > deadline) throw new Error('the worker stream did not finish');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const page = (input: object = {}) =>
  t.call<{ entries: AuditEntry[]; total: number; organizations: string[] }>('auditPage', {
    limit: 200,
    ...input,
  });

beforeAll(async () => {
  deel = await startSimulator({ workers: 120, seed: 11, orgName: 'Acme Live Co.' });
  const core = await startTestCore();
  const dispatch = createDispatch(core.core.handlers);
  t = {
    ...core,
    call: async <T>(method: keyof typeof invokeChannels, input?: unknown): Promise<T> => {
      const result = (await dispatch(invokeChannels[method], input)) as IpcResult<T>;
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
      return result.data;
    },
  };
  await t.call('connect', { environment: 'custom', customUrl: deel.url, token: deel.tokens.admin });
  eor = (await rows({ hiringTypes: ['eor'], hiringStatuses: ['active'] })).filter((r) => r.email);
  contractor = (await rows({ hiringTypes: ['contractor'] }))[0]!;
});
afterAll(async () => {
  await t.core.close();
  await deel.close();
});

describe('every audit row names its worker, with the email', () => {
  it('mint, verify and revoke lines carry the email main listed', async () => {
    const worker = eor[0]!;
    const session = await t.call<Session>('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    await t.call('verifyToken', { sessionId: session.id });
    await t.call('revokeToken', { workerId: worker.id });
    const lines = (await page({ workerId: worker.id })).entries;
    expect(lines.map((e) => `${e.action} ${e.outcome}`).reverse()).toEqual([
      'mint intent',
      'mint success',
      'verify success',
      'revoke intent',
      'revoke success',
    ]);
    for (const entry of lines) {
      expect(entry).toMatchObject({ workerName: worker.name, workerEmail: worker.email });
    }
  });

  it('a revoke of a worker with no token, not listed since connecting, is named from Deel', async () => {
    const worker = eor[1]!;
    // A new connect forgets what main listed; this worker never had a token here.
    await t.call('connect', {
      environment: 'custom',
      customUrl: deel.url,
      token: deel.tokens.admin,
    });
    const result = await t.call<{ outcome: string }>('revokeToken', { workerId: worker.id });
    expect(result.outcome).toBe('no-live-token');
    const lines = (await page({ workerId: worker.id })).entries;
    expect(lines).toHaveLength(2);
    for (const entry of lines) {
      expect(entry.workerName).toBe(worker.name);
      expect(entry.workerEmail).toBeTruthy();
    }
    eor = (await rows({ hiringTypes: ['eor'], hiringStatuses: ['active'] })).filter((r) => r.email);
  });
});

describe('what Deel said, and what a mint replaced', () => {
  it('a refused mint keeps Deel’s reason, not only "validation"', async () => {
    await expect(
      t.call('mintToken', {
        workerId: contractor.id,
        workerName: contractor.name,
        consentConfirmed: true,
      }),
    ).rejects.toMatchObject({ kind: 'validation' });
    const [failure] = (await page({ workerId: contractor.id, outcome: 'failure' })).entries;
    expect(failure?.detail).toMatch(/^validation \(HTTP 400\): Deel said ".*EOR workers only/);
  });

  it('a mint that replaces a live token writes a "token-superseded" line for the old one', async () => {
    const worker = eor[2]!;
    const first = await t.call<Session>('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    const second = await t.call<Session>('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    const lines = (await page({ workerId: worker.id })).entries;
    expect(lines.map((e) => `${e.action} ${e.outcome}`)).toEqual([
      'token-superseded success',
      'mint success',
      'mint intent',
      'mint success',
      'mint intent',
    ]);
    const superseded = lines[0]!;
    expect(superseded).toMatchObject({
      workerName: worker.name,
      workerEmail: worker.email,
      requestId: first.requestId,
    });
    expect(superseded.detail).toContain(`minted ${first.mintedAt}`);
    expect(superseded.detail).toContain(`replaced by a new mint (request ${second.requestId})`);
    const filtered = await page({ action: 'token-superseded' });
    expect(filtered.entries.map((e) => e.seq)).toEqual([superseded.seq]);
    await t.call('revokeToken', { workerId: worker.id });
  });
});

describe('filters and the export of what is shown', () => {
  it('filters by organization, environment, worker text and time; refuses a reversed range', async () => {
    const all = await page();
    expect(all.organizations).toEqual(expect.arrayContaining(['Acme Live Co.']));
    const acme = await page({ organization: 'Acme Live Co.', environment: 'custom' });
    expect(acme.total).toBeGreaterThan(0);
    expect(acme.entries.every((e) => e.organization === 'Acme Live Co.')).toBe(true);
    const byEmail = await page({ worker: eor[0]!.email!.toUpperCase() });
    expect(byEmail.entries.length).toBe(5);
    const future = await page({ from: new Date(Date.now() + 60_000).toISOString() });
    expect(future.total).toBe(0);
    await expect(
      page({ from: '2026-12-02T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }),
    ).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(page({ worker: 'x'.repeat(201) })).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
  });

  it('Show in folder before any export says so; after one it shows the file main saved', async () => {
    await expect(t.call('showExportedFile')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(t.call('showExportedFile', { path: '/etc/passwd' })).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
    const worker = eor[0]!;
    const saved = await t.call<{ saved: boolean; rows: number; fileName: string; folder: string }>(
      'exportAudit',
      { workerId: worker.id },
    );
    expect(saved).toMatchObject({ saved: true, rows: 5 });
    const path = `${saved.folder}/${saved.fileName}`;
    const csv = readFileSync(path, 'utf8').slice(1).trim().split('\r\n');
    expect(csv).toHaveLength(6);
    expect(csv.slice(1).every((row) => row.includes(worker.id))).toBe(true);
    expect(await t.call('showExportedFile')).toEqual({ shown: true });
    expect(t.shownInFolder).toEqual([path]);
  });
});
