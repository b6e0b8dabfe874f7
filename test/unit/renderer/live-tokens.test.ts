import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../../../src-shared/contract';
import {
  connectionKeyOf,
  countResults,
  failedTargets,
  summaryLine,
} from '../../../src-renderer/src/lib/bulk-results';
import {
  liveCountLine,
  stillLiveWarning,
  unavailableSentence,
  workerLabel,
} from '../../../src-renderer/src/lib/live-tokens-wording';
import { selectRange, toggleShown } from '../../../src-renderer/src/lib/selection';
import {
  latestExpiry,
  matchesWorkerSearch,
  revocableByWorker,
} from '../../../src-renderer/src/lib/sessions';
import { installFakeApi, session, uninstallFakeApi, WORKER_A, WORKER_B } from './fake-api';

const WORKER_C = '33333333-3333-4333-8333-333333333333';

describe('the Live tokens list', () => {
  it('lists one row per worker Deel may hold a token for: live and outcome unknown, not pending or ended', () => {
    const older = session({ mintedAt: '2030-01-01T00:00:00.000Z', state: 'outcome-unknown' });
    const newer = session({
      mintedAt: '2030-01-01T01:00:00.000Z',
      expiresAt: '2030-01-02T01:00:00.000Z',
    });
    const unknown = session({
      workerId: WORKER_B,
      mintedAt: '2030-01-01T00:30:00.000Z',
      expiresAt: null,
      state: 'outcome-unknown',
    });
    const pending = session({ workerId: WORKER_C, state: 'pending', expiresAt: null });
    const revoked = session({ workerId: WORKER_C, state: 'revoked' });
    const rows = revocableByWorker([older, newer, unknown, pending, revoked]);
    // B's mint is unknown: it expires 24 h after its mint at the latest, before A's.
    expect(rows).toEqual([unknown, newer]);
    expect(latestExpiry(unknown)).toBe('2030-01-02T00:30:00.000Z');
  });

  it('finds a row by name (accents and case aside), email or worker id', () => {
    const worker = {
      workerId: WORKER_A,
      workerName: 'José  Pérez',
      workerEmail: 'jose.perez@example.test',
    };
    expect(matchesWorkerSearch(worker, 'jose perez')).toBe(true);
    expect(matchesWorkerSearch(worker, 'JOSE.PEREZ@')).toBe(true);
    expect(matchesWorkerSearch(worker, WORKER_A.slice(0, 8))).toBe(true);
    expect(matchesWorkerSearch(worker, '  ')).toBe(true);
    expect(matchesWorkerSearch(worker, 'maria')).toBe(false);
    expect(matchesWorkerSearch({ ...worker, workerEmail: null }, 'example')).toBe(false);
  });

  it('shift-click sets the whole range from the anchor, either way, and leaves the rest', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    expect([...selectRange(order, new Set(['e']), 'b', 'd', true)].sort()).toEqual([
      'b',
      'c',
      'd',
      'e',
    ]);
    expect([...selectRange(order, new Set(order), 'd', 'b', false)].sort()).toEqual(['a', 'e']);
    // No anchor (or one the search hides): the clicked row only.
    expect([...selectRange(order, new Set(), undefined, 'c', true)]).toEqual(['c']);
    expect([...selectRange(order, new Set(), 'gone', 'c', true)]).toEqual(['c']);
  });

  it('select all covers the shown rows and keeps a selection the search hides', () => {
    const kept = toggleShown(['b', 'c'], new Set(['a']));
    expect([...kept].sort()).toEqual(['a', 'b', 'c']);
    expect([...toggleShown(['b', 'c'], kept)]).toEqual(['a']);
  });
});

describe('bulk results', () => {
  const targets = [WORKER_A, WORKER_B, WORKER_C, 'd', 'e'].map((workerId) => ({
    workerId,
    workerName: workerId,
  }));
  const results = {
    [WORKER_A]: { workerId: WORKER_A, outcome: 'revoked' as const },
    [WORKER_B]: { workerId: WORKER_B, outcome: 'failed' as const },
    [WORKER_C]: { workerId: WORKER_C, outcome: 'no-live-token' as const },
    d: { workerId: 'd', outcome: 'not-sent' as const, notSentBecause: 'cancelled' as const },
  };

  it('counts each outcome and says them in one line', () => {
    const counts = countResults(targets, results);
    expect(counts).toEqual({ revoked: 1, noLiveToken: 1, failed: 1, notSent: 1, pending: 1 });
    expect(summaryLine(counts)).toBe(
      '1 revoked, 1 no live token, 1 failed, 1 not sent, 1 without an answer.',
    );
    expect(summaryLine({ ...counts, pending: 0 })).toBe(
      '1 revoked, 1 no live token, 1 failed, 1 not sent.',
    );
  });

  it('retries only the failed ones, in order', () => {
    expect(failedTargets(targets, results)).toEqual([{ workerId: WORKER_B, workerName: WORKER_B }]);
  });

  it('keys results by mode, environment, host and organization', () => {
    const demo: ConnectionStatus = {
      mode: 'demo',
      environment: 'demo',
      organization: { id: 'demo', name: 'Demo' },
      persisted: false,
      warnings: [],
    };
    const live: ConnectionStatus = {
      ...demo,
      mode: 'live',
      environment: 'custom',
      baseUrl: 'http://127.0.0.1:1/rest/v2',
      organization: { id: 'org-1', name: 'Acme' },
    };
    expect(connectionKeyOf(demo)).not.toBe(connectionKeyOf(live));
    expect(connectionKeyOf({ ...live, warnings: [{ code: 'clock-skew', message: 'm' }] })).toBe(
      connectionKeyOf(live),
    );
    expect(connectionKeyOf({ ...live, organization: { id: 'org-2', name: 'Acme' } })).not.toBe(
      connectionKeyOf(live),
    );
  });
});

describe('wording', () => {
  it('says the true reason a token value is gone', () => {
    expect(unavailableSentence('token-forgotten')).toContain(
      'the organization token was forgotten',
    );
    expect(unavailableSentence('connection-switched')).toContain('connected again');
    expect(unavailableSentence('restarted')).toContain('was restarted');
    expect(unavailableSentence(undefined)).toContain('was restarted');
    expect(unavailableSentence('token-forgotten')).not.toContain('restarted');
  });

  it('counts the tokens still live for Forget, and says nothing when none is', () => {
    expect(stillLiveWarning(0)).toBeUndefined();
    expect(stillLiveWarning(1)).toBe('1 worker token is still live on Deel.');
    expect(stillLiveWarning(3)).toBe('3 worker tokens are still live on Deel.');
  });

  it('labels a worker with the email when known', () => {
    expect(workerLabel({ workerName: 'Priya Nair', workerEmail: 'priya.nair3@x.test' })).toBe(
      'Priya Nair (priya.nair3@x.test)',
    );
    expect(workerLabel({ workerName: ' ', workerEmail: null })).toBe('Unnamed worker');
    expect(liveCountLine(3, 1, 2)).toBe(
      '3 tokens Deel may hold (1 outcome unknown), soonest expiry first; 2 shown.',
    );
    expect(liveCountLine(1, 0, 1)).toBe('1 token Deel may hold, soonest expiry first.');
  });
});

describe('bulk store: range, Retry failed, and results per organization', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
  });
  afterEach(uninstallFakeApi);

  const status = (orgId: string): ConnectionStatus => ({
    mode: 'live',
    environment: 'custom',
    baseUrl: 'http://127.0.0.1:1/rest/v2',
    organization: { id: orgId, name: orgId },
    persisted: true,
    warnings: [],
  });

  async function stores() {
    const bulk = await import('../../../src-renderer/src/stores/bulk-store');
    const connection = await import('../../../src-renderer/src/stores/connection-store');
    connection.useConnectionStore.setState({ status: status('org-1') });
    bulk.useBulkStore.getState().subscribe();
    return { s: () => bulk.useBulkStore.getState(), bulk };
  }

  const a = { workerId: WORKER_A, workerName: 'A', workerEmail: 'a@x.test' };
  const b = { workerId: WORKER_B, workerName: 'B', workerEmail: null };

  it('toggleRange selects from the last row toggled', async () => {
    const { s } = await stores();
    const order = [WORKER_A, WORKER_B, WORKER_C];
    s().toggle(WORKER_A);
    s().toggleRange(order, WORKER_C);
    expect([...s().selected].sort()).toEqual([...order].sort());
    s().toggleRange(order, WORKER_B);
    expect([...s().selected]).toEqual([WORKER_A]);
  });

  it('Retry failed sends the failed workers only, as a new run', async () => {
    const { s } = await stores();
    fake.api.bulkRevoke.mockResolvedValueOnce({
      ok: true,
      data: {
        results: [
          { workerId: WORKER_A, outcome: 'revoked' },
          { workerId: WORKER_B, outcome: 'failed', error: { kind: 'server', message: 'x' } },
        ],
      },
    });
    s().ask([a, b]);
    await s().start();
    expect(s().status).toBe('done');
    fake.api.bulkRevoke.mockResolvedValueOnce({
      ok: true,
      data: { results: [{ workerId: WORKER_B, outcome: 'revoked' }] },
    });
    await s().retryFailed();
    expect(fake.api.bulkRevoke).toHaveBeenLastCalledWith({ workerIds: [WORKER_B] });
    expect(s().targets).toEqual([b]);
    expect(s().results[WORKER_B]?.outcome).toBe('revoked');
    // Nothing failed now: a second retry sends nothing.
    await s().retryFailed();
    expect(fake.api.bulkRevoke).toHaveBeenCalledTimes(2);
  });

  it('keeps results on the same connection, drops them (and a late answer) on another', async () => {
    const { s } = await stores();
    fake.api.bulkRevoke.mockResolvedValueOnce({
      ok: true,
      data: { results: [{ workerId: WORKER_A, outcome: 'revoked' }] },
    });
    s().ask([a]);
    await s().start();
    fake.emit('connectionChanged', { ...status('org-1'), warnings: [] });
    expect(s().results[WORKER_A]?.outcome).toBe('revoked');

    fake.emit('connectionChanged', status('org-2'));
    expect(s()).toMatchObject({ status: 'idle', targets: [], results: {} });

    // A run still going when the connection changes: its answer is the old org's, not shown.
    let finish!: (value: unknown) => void;
    fake.api.bulkRevoke.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    s().ask([b]);
    const run = s().start();
    fake.emit('connectionChanged', status('org-3'));
    finish({
      ok: true,
      data: {
        results: [{ workerId: WORKER_B, outcome: 'not-sent', notSentBecause: 'connection-switch' }],
      },
    });
    await run;
    expect(s()).toMatchObject({ status: 'idle', results: {}, targets: [] });
  });

  it('selectAndAsk (Forget: revoke them first) selects exactly those and opens the confirmation', async () => {
    const { s } = await stores();
    s().toggle(WORKER_C);
    s().setSearch('zzz');
    s().selectAndAsk([a, b]);
    expect([...s().selected]).toEqual([WORKER_A, WORKER_B]);
    expect(s()).toMatchObject({ status: 'confirming', targets: [a, b], search: '' });
  });

  it('Resume names each open item with the email main recorded with its session', async () => {
    const { s } = await stores();
    const sessions = await import('../../../src-renderer/src/stores/sessions-store');
    sessions.useSessionsStore.getState().subscribe();
    fake.emit('sessionsChanged', [session({ workerId: WORKER_A, workerEmail: 'a@x.test' })]);
    fake.api.getBulkJob.mockImplementationOnce(() =>
      Promise.resolve({
        ok: true as const,
        data: {
          id: 'j',
          startedAt: '2026-12-02T09:00:00.000Z',
          state: 'interrupted' as const,
          items: [
            { workerId: WORKER_A, workerName: 'A', state: 'queued' as const },
            { workerId: WORKER_B, workerName: 'B', state: 'failed' as const },
          ],
        },
      }),
    );
    await s().loadJob();
    fake.api.resumeBulkRevoke.mockResolvedValue({ ok: true, data: { results: [] } });
    await s().resume();
    expect(s().targets).toEqual([
      { workerId: WORKER_A, workerName: 'A', workerEmail: 'a@x.test' },
      { workerId: WORKER_B, workerName: 'B' },
    ]);
  });

  it('summarises the selection over all rows while select-all covers the shown ones', async () => {
    const { bulk } = await stores();
    const summary = bulk.summarizeSelection([a, b], new Set([WORKER_A]), [b]);
    expect(summary).toMatchObject({ ids: [WORKER_B], allSelected: false, someSelected: false });
    expect(summary.chosen).toEqual([a]);
  });
});

describe('Open worker from Live tokens', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
  });
  afterEach(uninstallFakeApi);

  it('goes to Workers, searches for the worker and selects it by id, then takes its full row', async () => {
    const { useWorkersStore } = await import('../../../src-renderer/src/stores/workers-store');
    const { useNavStore } = await import('../../../src-renderer/src/stores/nav-store');
    fake.api.queryWorkers.mockResolvedValue({ ok: true, data: { queryId: 'q1' } });
    useWorkersStore.getState().subscribe();
    useNavStore.getState().go('live');
    useWorkersStore
      .getState()
      .showWorker({ workerId: WORKER_B, workerName: 'Priya Nair', workerEmail: 'p3@x.test' });
    expect(useNavStore.getState().screen).toBe('workers');
    expect(useWorkersStore.getState().filters.search).toBe('Priya Nair');
    expect(useWorkersStore.getState().selected).toMatchObject({
      id: WORKER_B,
      name: 'Priya Nair',
      email: 'p3@x.test',
    });
    await vi.waitFor(() => expect(useWorkersStore.getState().queryId).toBe('q1'));
    const row = (id: string, email: string) => ({
      id,
      name: 'Priya Nair',
      email,
      country: 'IN',
      jobTitle: null,
      hiringType: 'eor',
      hiringStatus: 'active',
    });
    // Her namesake's row must not take her place: the selection follows the id.
    fake.emit('workersPage', {
      queryId: 'q1',
      rows: [row(WORKER_A, 'p1@x.test'), row(WORKER_B, 'p3@x.test')],
      loaded: 2,
      total: 2,
      done: true,
    });
    expect(useWorkersStore.getState().selected).toEqual(row(WORKER_B, 'p3@x.test'));
  });
});
