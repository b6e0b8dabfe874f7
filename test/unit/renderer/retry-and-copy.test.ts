import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerRow } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { flush, installFakeApi, session, uninstallFakeApi, WORKER_A } from './fake-api';

const row = (i: number): WorkerRow => ({
  id: `w-${i}`,
  name: `Worker ${i}`,
  email: null,
  country: null,
  jobTitle: null,
  hiringType: 'eor',
  hiringStatus: 'active',
});

/** A promise with its resolve outside, for calls that stay in flight while events arrive. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let fake: ReturnType<typeof installFakeApi>;
beforeEach(() => {
  vi.useFakeTimers();
  vi.resetModules();
  fake = installFakeApi();
});
afterEach(() => {
  vi.useRealTimers();
  uninstallFakeApi();
});

describe('call: main retry notices', () => {
  const load = () => import('../../../src-renderer/src/stores/call');

  it('tells an in-flight call that listens about each 429 retry, and forgets it after', async () => {
    const { call, noticeRetry, listeningCalls } = await load();
    const answer = deferred<IpcResult<number>>();
    const onRetrying = vi.fn();
    const running = call(() => answer.promise, { onRetrying, retryNotices: true });
    expect(listeningCalls()).toBe(1);
    noticeRetry({ status: 429, attempt: 1 });
    noticeRetry({ status: 429, attempt: 2 });
    expect(onRetrying.mock.calls).toEqual([[1], [2]]);
    answer.resolve({ ok: true, data: 7 });
    await expect(running).resolves.toEqual({ ok: true, data: 7 });
    expect(listeningCalls()).toBe(0);
    noticeRetry({ status: 429, attempt: 3 });
    expect(onRetrying).toHaveBeenCalledTimes(2);
  });

  it('ignores retries that are not rate limits, and calls that do not reach Deel', async () => {
    const { call, noticeRetry, listeningCalls } = await load();
    const listening = deferred<IpcResult<number>>();
    const local = deferred<IpcResult<number>>();
    const heard = vi.fn();
    const notHeard = vi.fn();
    const a = call(() => listening.promise, { onRetrying: heard, retryNotices: true });
    const b = call(() => local.promise, { onRetrying: notHeard });
    expect(listeningCalls()).toBe(1);
    noticeRetry({ status: 503, attempt: 1 });
    noticeRetry({ status: null, attempt: 2 });
    expect(heard).not.toHaveBeenCalled();
    noticeRetry({ status: 429, attempt: 3 });
    expect(heard).toHaveBeenCalledWith(3);
    expect(notHeard).not.toHaveBeenCalled();
    listening.resolve({ ok: false, error: { kind: 'server', message: 'boom' } });
    local.resolve({ ok: true, data: 1 });
    await Promise.all([a, b]);
    expect(listeningCalls()).toBe(0);
  });

  it('stops listening when the operation throws', async () => {
    const { call, listeningCalls } = await load();
    const result = await call(() => Promise.reject(new Error('bridge down')), {
      onRetrying: () => undefined,
      retryNotices: true,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'internal', message: 'bridge down' },
    });
    expect(listeningCalls()).toBe(0);
  });
});

describe('requestRetrying reaches the operation in progress', () => {
  it('marks the streaming workers list as rate limited until the next page arrives', async () => {
    fake.api.queryWorkers.mockResolvedValue({ ok: true, data: { queryId: 'q1' } });
    const { useWorkersStore } = await import('../../../src-renderer/src/stores/workers-store');
    useWorkersStore.getState().subscribe();
    const state = () => useWorkersStore.getState();
    await state().run();
    fake.emit('workersPage', { queryId: 'q1', rows: [row(1)], loaded: 1, total: 3, done: false });
    fake.emit('requestRetrying', { status: 503, attempt: 1 });
    expect(state().retrying).toBe(false);
    fake.emit('requestRetrying', { status: 429, attempt: 1 });
    expect(state().retrying).toBe(true);
    fake.emit('workersPage', { queryId: 'q1', rows: [row(2)], loaded: 2, total: 3, done: false });
    expect(state().retrying).toBe(false);
    fake.emit('requestRetrying', { status: 429, attempt: 1 });
    fake.emit('workersPage', { queryId: 'q1', rows: [row(3)], loaded: 3, total: 3, done: true });
    expect(state()).toMatchObject({ retrying: false, done: true, loaded: 3 });
    // Nothing is streaming: a notice for some other call does not touch the list.
    fake.emit('requestRetrying', { status: 429, attempt: 1 });
    expect(state().retrying).toBe(false);
  });

  it('marks a verify in flight as retrying, and clears it when the verify ends', async () => {
    const { useAppStore } = await import('../../../src-renderer/src/stores/app-store');
    const { useSessionsStore } = await import('../../../src-renderer/src/stores/sessions-store');
    fake.api.queryWorkers.mockResolvedValue({ ok: true, data: { queryId: 'q1' } });
    fake.api.getSettings.mockResolvedValue({
      ok: true,
      data: { clipboardClearSeconds: 30, notifyBeforeExpiry: false, requestsPerSecond: 4 },
    });
    const stop = useAppStore.getState().start();
    await flush();
    const live = session();
    fake.emit('sessionsChanged', [live]);
    const answer = deferred<IpcResult<unknown>>();
    fake.api.verifyToken.mockReturnValue(answer.promise);
    const running = useSessionsStore.getState().verifyToken(live);
    fake.emit('requestRetrying', { status: 429, attempt: 1 });
    expect(useSessionsStore.getState().activity[WORKER_A]).toMatchObject({
      busy: 'verify',
      retrying: true,
    });
    answer.resolve({
      ok: true,
      data: { profile: { id: 'p', name: 'Ada Lovelace', email: null } },
    });
    await running;
    expect(useSessionsStore.getState().activity[WORKER_A]).toMatchObject({
      busy: undefined,
      retrying: false,
    });
    stop();
    expect(fake.listenerCount('requestRetrying')).toBe(0);
  });

  it('shows a rate-limited organization count as retrying', async () => {
    const { useOverviewStore } = await import('../../../src-renderer/src/stores/overview-store');
    const { noticeRetry } = await import('../../../src-renderer/src/stores/call');
    const answer = deferred<IpcResult<unknown>>();
    fake.api.getOverview.mockReturnValue(answer.promise as never);
    const loading = useOverviewStore.getState().load();
    noticeRetry({ status: 429, attempt: 1 });
    expect(useOverviewStore.getState()).toMatchObject({
      retrying: true,
      state: { status: 'loading' },
    });
    answer.resolve({
      ok: true,
      data: { environment: 'demo', organization: { id: 'o', name: 'Org' }, workerCount: 1 },
    });
    await loading;
    expect(useOverviewStore.getState()).toMatchObject({
      retrying: false,
      state: { status: 'ready' },
    });
  });
});

describe('a new connection reloads what the page shows', () => {
  it('re-runs the workers query, reloads the overview and drops the selection', async () => {
    const { useAppStore } = await import('../../../src-renderer/src/stores/app-store');
    const { useWorkersStore } = await import('../../../src-renderer/src/stores/workers-store');
    let ids = 0;
    fake.api.queryWorkers.mockImplementation(() =>
      Promise.resolve({ ok: true, data: { queryId: `q${++ids}` } }),
    );
    fake.api.getSettings.mockResolvedValue({
      ok: true,
      data: { clipboardClearSeconds: 30, notifyBeforeExpiry: false, requestsPerSecond: 4 },
    });
    useAppStore.getState().start();
    await flush();
    expect(fake.api.queryWorkers).toHaveBeenCalledTimes(1);
    expect(fake.api.getOverview).toHaveBeenCalledTimes(1);
    useWorkersStore.getState().select(row(1));
    fake.emit('connectionChanged', {
      mode: 'live',
      environment: 'custom',
      organization: { id: 'acme', name: 'Acme' },
      persisted: false,
      warnings: [],
    });
    await flush();
    expect(fake.api.queryWorkers).toHaveBeenCalledTimes(2);
    expect(fake.api.getOverview).toHaveBeenCalledTimes(2);
    expect(useWorkersStore.getState()).toMatchObject({ selected: undefined, queryId: 'q2' });
  });
});

describe('copying a request id', () => {
  const load = () => import('../../../src-renderer/src/stores/clipboard-store');

  it('copies through main, says so, and forgets it after a few seconds', async () => {
    const { useClipboardStore, COPY_NOTE_MS } = await load();
    await useClipboardStore.getState().copyRequestId('req-123');
    expect(fake.api.copyRequestId).toHaveBeenCalledWith({ requestId: 'req-123' });
    expect(useClipboardStore.getState()).toMatchObject({ copied: 'req-123', failed: undefined });
    vi.advanceTimersByTime(COPY_NOTE_MS);
    expect(useClipboardStore.getState().copied).toBeUndefined();
  });

  it('never touches the page clipboard', async () => {
    const writeText = vi.fn();
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const { useClipboardStore } = await load();
    await useClipboardStore.getState().copyRequestId('req-1');
    expect(writeText).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('reports a copy main refused next to the id', async () => {
    const { useClipboardStore } = await load();
    fake.api.copyRequestId.mockResolvedValueOnce({
      ok: false,
      error: { kind: 'invalid-argument', message: 'Not a request id.' },
    } as never);
    await useClipboardStore.getState().copyRequestId('req 1');
    expect(useClipboardStore.getState()).toMatchObject({
      copied: undefined,
      failed: { requestId: 'req 1', error: { message: 'Not a request id.' } },
    });
  });
});

describe('a dead worker token is not a dead organization token', () => {
  it('keeps the operator on the workers screen when Verify gets a 401', async () => {
    const { useSessionsStore } = await import('../../../src-renderer/src/stores/sessions-store');
    const { useNavStore } = await import('../../../src-renderer/src/stores/nav-store');
    useNavStore.getState().go('workers');
    const live = session();
    fake.api.verifyToken.mockResolvedValue({
      ok: false,
      error: { kind: 'auth', status: 401, message: 'Unauthorized' },
    });
    await useSessionsStore.getState().verifyToken(live);
    expect(useNavStore.getState()).toMatchObject({ screen: 'workers', authError: undefined });
    expect(useSessionsStore.getState().activity[WORKER_A]?.error).toMatchObject({
      action: 'verify',
      error: { kind: 'auth' },
    });
  });

  it('drops a stale "Connected" result when a later call gets a 401', async () => {
    const { useConnectionStore } =
      await import('../../../src-renderer/src/stores/connection-store');
    const { useNavStore } = await import('../../../src-renderer/src/stores/nav-store');
    useConnectionStore.setState({ check: { status: 'ok', organization: 'Acme' } });
    useNavStore.getState().authFailed({ kind: 'auth', status: 401, message: 'Unauthorized' });
    expect(useConnectionStore.getState().check).toEqual({ status: 'idle' });
    expect(useNavStore.getState().screen).toBe('connect');
  });
});
