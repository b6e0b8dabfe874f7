import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, uninstallFakeApi, WORKER_A, WORKER_B } from './fake-api';

describe('connection store', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
  });
  afterEach(uninstallFakeApi);

  const load = () => import('../../../src-renderer/src/stores/connection-store');

  it('dismisses the settings-file warning through main and shows the status main answers', async () => {
    const { useConnectionStore } = await load();
    const after = { mode: 'demo' as const, persisted: false, warnings: [] };
    fake.api.acknowledgeWarning.mockResolvedValue({ ok: true, data: after });
    await useConnectionStore.getState().acknowledgeWarning('store-recovered');
    expect(fake.api.acknowledgeWarning).toHaveBeenCalledWith({ code: 'store-recovered' });
    expect(useConnectionStore.getState().status).toEqual(after);
  });

  it('clears the typed token from state the moment a connect succeeds', async () => {
    const { useConnectionStore } = await load();
    fake.api.connect.mockResolvedValue({
      ok: true,
      data: {
        mode: 'live',
        environment: 'sandbox',
        organization: { id: 'o', name: 'Acme' },
        persisted: true,
        warnings: [],
      },
    });
    const s = useConnectionStore.getState();
    s.setEnvironment('sandbox');
    s.setTokenDraft('org_token_123456');
    await s.submit();
    expect(fake.api.connect).toHaveBeenCalledWith({
      environment: 'sandbox',
      token: 'org_token_123456',
    });
    expect(useConnectionStore.getState().tokenDraft).toBe('');
    expect(useConnectionStore.getState().check).toEqual({ status: 'ok', organization: 'Acme' });
    expect(JSON.stringify(useConnectionStore.getState())).not.toContain('org_token_123456');
  });

  it('shows the exact problem on failure and does not leave the screen on 401', async () => {
    const { useConnectionStore } = await load();
    const { useNavStore } = await import('../../../src-renderer/src/stores/nav-store');
    useNavStore.getState().go('connect');
    fake.api.connect.mockResolvedValue({
      ok: false,
      error: {
        kind: 'scope',
        status: 403,
        message: 'The token is not allowed to do this (403).',
        missingScope: 'admin:worker',
      },
    });
    const s = useConnectionStore.getState();
    s.setEnvironment('production');
    s.setTokenDraft('org_token_123456');
    await s.submit();
    expect(useConnectionStore.getState().check).toMatchObject({
      status: 'error',
      error: { kind: 'scope', status: 403 },
    });
    expect(useNavStore.getState().screen).toBe('connect');
  });

  it('needs a URL for a custom environment and uses useDemo for demo data', async () => {
    const { useConnectionStore } = await load();
    fake.api.useDemo.mockResolvedValue({
      ok: true,
      data: { mode: 'demo', environment: 'demo', persisted: false, warnings: [] },
    });
    const s = useConnectionStore.getState();
    s.setEnvironment('custom');
    s.setTokenDraft('org_token_123456');
    await s.submit();
    expect(fake.api.connect).not.toHaveBeenCalled();
    expect(useConnectionStore.getState().check).toMatchObject({ status: 'error' });
    s.setEnvironment('demo');
    await s.submit();
    expect(fake.api.useDemo).toHaveBeenCalledTimes(1);
  });

  it('follows connectionChanged', async () => {
    const { useConnectionStore } = await load();
    useConnectionStore.getState().subscribe();
    fake.emit('connectionChanged', {
      mode: 'unconfigured',
      persisted: false,
      warnings: [{ code: 'basic-text-keyring', message: 'basic_text' }],
    });
    expect(useConnectionStore.getState().status?.warnings[0]?.code).toBe('basic-text-keyring');
  });
});

describe('bulk revoke store', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
  });
  afterEach(uninstallFakeApi);

  it('selects, asks, runs with progress from bulkProgress and keeps a result per row', async () => {
    const { useBulkStore } = await import('../../../src-renderer/src/stores/bulk-store');
    useBulkStore.getState().subscribe();
    const s = () => useBulkStore.getState();
    s().toggleAll([WORKER_A, WORKER_B]);
    expect([...s().selected]).toEqual([WORKER_A, WORKER_B]);
    s().toggleAll([WORKER_A, WORKER_B]);
    expect(s().selected.size).toBe(0);
    s().toggle(WORKER_A);
    s().toggle(WORKER_B);

    let finish!: (value: unknown) => void;
    fake.api.bulkRevoke.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    s().ask([
      { workerId: WORKER_A, workerName: 'A' },
      { workerId: WORKER_B, workerName: 'B' },
    ]);
    expect(s().status).toBe('confirming');
    const run = s().start();
    expect(fake.api.bulkRevoke).toHaveBeenCalledWith({ workerIds: [WORKER_A, WORKER_B] });
    fake.emit('bulkProgress', {
      done: 1,
      total: 2,
      result: { workerId: WORKER_A, outcome: 'revoked' },
    });
    expect(s()).toMatchObject({ status: 'running', done: 1, total: 2 });
    const failed = {
      workerId: WORKER_B,
      outcome: 'failed' as const,
      error: { kind: 'server' as const, message: 'boom' },
    };
    finish({
      ok: true,
      data: { results: [{ workerId: WORKER_A, outcome: 'revoked' }, failed] },
    });
    await run;
    expect(s()).toMatchObject({ status: 'done', done: 2 });
    expect(s().results[WORKER_B]).toEqual(failed);
    expect(s().selected.size).toBe(0);
  });

  it('offers to resume a job main kept unfinished, sending only its open items, then reloads it', async () => {
    const { useBulkStore, unfinishedJob } =
      await import('../../../src-renderer/src/stores/bulk-store');
    const s = () => useBulkStore.getState();
    const interrupted = {
      id: 'job-1',
      startedAt: '2026-12-02T09:00:00.000Z',
      state: 'interrupted' as const,
      items: [
        { workerId: WORKER_A, workerName: 'A', state: 'revoked' as const },
        { workerId: WORKER_B, workerName: 'B', state: 'queued' as const },
      ],
    };
    fake.api.getBulkJob.mockImplementationOnce(() =>
      Promise.resolve({ ok: true as const, data: interrupted }),
    );
    await s().loadJob();
    expect(unfinishedJob(s().job)).toEqual({
      state: 'interrupted',
      startedAt: interrupted.startedAt,
      total: 2,
      revoked: 1,
      open: [{ workerId: WORKER_B, workerName: 'B' }],
    });
    let finish!: (value: unknown) => void;
    fake.api.resumeBulkRevoke.mockImplementation(
      () => new Promise((resolve) => (finish = resolve)),
    );
    const run = s().resume();
    expect(s()).toMatchObject({ status: 'running', total: 1, targets: [{ workerId: WORKER_B }] });
    // A second resume while one runs sends nothing.
    await s().resume();
    expect(fake.api.resumeBulkRevoke).toHaveBeenCalledTimes(1);
    await s().stop();
    expect(fake.api.cancelBulkRevoke).toHaveBeenCalledTimes(1);
    expect(s().cancelling).toBe(true);
    finish({
      ok: true,
      data: { results: [{ workerId: WORKER_B, outcome: 'not-sent', notSentBecause: 'cancelled' }] },
    });
    await run;
    expect(s()).toMatchObject({ status: 'done', cancelling: false });
    expect(s().results[WORKER_B]?.outcome).toBe('not-sent');
    // Reloaded from main afterwards (null here: nothing left to offer).
    expect(fake.api.getBulkJob).toHaveBeenCalledTimes(2);
    expect(s().job).toBeUndefined();
  });

  it('offers nothing for a finished job that revoked everything, or one still running', async () => {
    const { unfinishedJob } = await import('../../../src-renderer/src/stores/bulk-store');
    const base = { id: 'j', startedAt: '2026-12-02T09:00:00.000Z' };
    expect(
      unfinishedJob({
        ...base,
        state: 'finished',
        items: [{ workerId: WORKER_A, workerName: 'A', state: 'no-live-token' }],
      }),
    ).toBeUndefined();
    expect(
      unfinishedJob({
        ...base,
        state: 'running',
        items: [{ workerId: WORKER_A, workerName: 'A', state: 'queued' }],
      }),
    ).toBeUndefined();
    expect(
      unfinishedJob({
        ...base,
        state: 'finished',
        items: [{ workerId: WORKER_A, workerName: 'A', state: 'failed' }],
      })?.open,
    ).toHaveLength(1);
  });

  it('summarises the selection over ALL live rows, not only the ones on screen', async () => {
    const { summarizeSelection, useBulkStore } =
      await import('../../../src-renderer/src/stores/bulk-store');
    const live = Array.from({ length: 1000 }, (_, i) => ({
      workerId: `w-${i}`,
      workerName: `Worker ${i}`,
    }));
    const ids = live.map((w) => w.workerId);
    const s = () => useBulkStore.getState();
    expect(summarizeSelection(live, s().selected)).toMatchObject({
      allSelected: false,
      someSelected: false,
      chosen: [],
    });
    s().toggleAll(ids);
    const all = summarizeSelection(live, s().selected);
    expect(all).toMatchObject({ allSelected: true, someSelected: true });
    expect(all.chosen).toHaveLength(1000);
    expect(all.chosen[999]).toEqual({ workerId: 'w-999', workerName: 'Worker 999' });

    s().toggle('w-998'); // a row far below the first screenful
    const some = summarizeSelection(live, s().selected);
    expect(some).toMatchObject({ allSelected: false, someSelected: true });
    expect(some.chosen).toHaveLength(999);
    expect(some.chosen.some((w) => w.workerId === 'w-998')).toBe(false);

    s().setCursor(998);
    expect(s().cursor).toBe(998);
  });
});

describe('settings store', () => {
  beforeEach(() => {
    vi.resetModules();
    installFakeApi();
  });
  afterEach(uninstallFakeApi);

  it('validates ranges before saving', async () => {
    const { validateDraft } = await import('../../../src-renderer/src/stores/settings-store');
    expect(
      validateDraft({
        clipboardClearSeconds: '4',
        notifyBeforeExpiry: false,
        requestsPerSecond: '9',
        rateLimitPatienceMinutes: '0.5',
        allowLoopbackHost: false,
        timeZone: 'local',
        expiryBanner: true,
        rotationReminderDays: '400',
        operatorName: 'x'.repeat(101),
        requireReason: false,
        auditForwardUrl: 'http://siem.example.com/collect',
      }).fieldErrors.map((f: { path: string }) => f.path),
    ).toEqual([
      'clipboardClearSeconds',
      'requestsPerSecond',
      'rateLimitPatienceMinutes',
      'rotationReminderDays',
      'operatorName',
      'auditForwardUrl',
    ]);
    expect(
      validateDraft({
        clipboardClearSeconds: '30',
        notifyBeforeExpiry: true,
        requestsPerSecond: '2.5',
        rateLimitPatienceMinutes: '10',
        allowLoopbackHost: true,
        timeZone: 'utc',
        expiryBanner: false,
        rotationReminderDays: '30',
        operatorName: '  Jane Ops  ',
        requireReason: true,
        auditForwardUrl: ' https://siem.example.com/services/collector ',
      }).value,
    ).toEqual({
      clipboardClearSeconds: 30,
      notifyBeforeExpiry: true,
      requestsPerSecond: 2.5,
      rateLimitPatienceMinutes: 10,
      allowLoopbackHost: true,
      timeZone: 'utc',
      expiryBanner: false,
      rotationReminderDays: 30,
      operatorName: 'Jane Ops',
      requireReason: true,
      auditForwardUrl: 'https://siem.example.com/services/collector',
    });
  });
});
