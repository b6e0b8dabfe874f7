import type * as StoreModule from '../../../src-renderer/src/stores/workers-store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerRow } from '../../../src-shared/contract';
import { flush, installFakeApi, uninstallFakeApi } from './fake-api';

const row = (i: number): WorkerRow => ({
  id: `w-${i}`,
  name: `Worker ${i}`,
  email: `w${i}@example.com`,
  country: 'DE',
  jobTitle: null,
  hiringType: 'eor',
  hiringStatus: 'active',
});

describe('workers store', () => {
  let fake: ReturnType<typeof installFakeApi>;
  let store: typeof StoreModule;
  let ids: number;

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.resetModules();
    fake = installFakeApi();
    ids = 0;
    fake.api.queryWorkers.mockImplementation(() =>
      Promise.resolve({ ok: true, data: { queryId: `q${++ids}` } }),
    );
    store = await import('../../../src-renderer/src/stores/workers-store');
    store.useWorkersStore.getState().subscribe();
  });
  afterEach(() => {
    vi.useRealTimers();
    uninstallFakeApi();
  });

  const state = () => store.useWorkersStore.getState();

  it('debounces search by ~300 ms and queries once with the last text', async () => {
    state().setSearch('a');
    state().setSearch('ad');
    vi.advanceTimersByTime(200);
    state().setSearch('ada');
    vi.advanceTimersByTime(299);
    expect(fake.api.queryWorkers).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fake.api.queryWorkers).toHaveBeenCalledTimes(1);
    expect(fake.api.queryWorkers).toHaveBeenCalledWith({ search: 'ada' });
  });

  it('appends streamed pages of the current query and reports progress', async () => {
    await state().run();
    fake.emit('workersPage', {
      queryId: 'q1',
      rows: [row(1), row(2)],
      loaded: 2,
      total: 4,
      done: false,
    });
    expect(state()).toMatchObject({ loaded: 2, total: 4, done: false, loading: true });
    fake.emit('workersPage', {
      queryId: 'q1',
      rows: [row(3), row(4)],
      loaded: 4,
      total: 4,
      done: true,
    });
    expect(state().rows.map((r: WorkerRow) => r.id)).toEqual(['w-1', 'w-2', 'w-3', 'w-4']);
    expect(state()).toMatchObject({ loaded: 4, done: true, loading: false });
  });

  it('says where loading stands: loading, done, or error (a 429 being retried is loading)', async () => {
    const loadState = () => store.loadStateOf(state());
    await state().run();
    expect(loadState()).toBe('loading');
    fake.emit('workersPage', { queryId: 'q1', rows: [row(1)], loaded: 1, total: 2, done: false });
    expect(loadState()).toBe('loading');
    fake.emit('workersPage', { queryId: 'q1', rows: [row(2)], loaded: 2, total: 2, done: true });
    expect(loadState()).toBe('done');

    await state().run(); // q2
    expect(loadState()).toBe('loading');
    fake.emit('workersPage', {
      queryId: 'q2',
      rows: [],
      loaded: 0,
      total: null,
      done: true,
      error: { kind: 'rate-limit', message: '429' },
    });
    expect(state().retrying).toBe(true);
    expect(loadState()).toBe('loading');

    fake.api.queryWorkers.mockImplementationOnce(() =>
      Promise.resolve({ ok: false, error: { kind: 'server', status: 500, message: 'boom' } }),
    );
    await state().run();
    expect(loadState()).toBe('error');
  });

  it('ignores pages from older queries, and keeps pages that beat their queryId', async () => {
    await state().run(); // q1
    let answer!: (v: unknown) => void;
    fake.api.queryWorkers.mockImplementationOnce(
      () => new Promise((resolve) => (answer = resolve)),
    );
    const second = state().run(); // q2, answer pending
    fake.emit('workersPage', { queryId: 'q1', rows: [row(1)], loaded: 1, total: 1, done: true });
    fake.emit('workersPage', { queryId: 'q2', rows: [row(9)], loaded: 1, total: 2, done: false });
    answer({ ok: true, data: { queryId: 'q2' } });
    await second;
    expect(state().queryId).toBe('q2');
    expect(state().rows.map((r: WorkerRow) => r.id)).toEqual(['w-9']);
    fake.emit('workersPage', { queryId: 'q1', rows: [row(2)], loaded: 2, total: 2, done: true });
    expect(state().rows.map((r: WorkerRow) => r.id)).toEqual(['w-9']);
  });

  it('drops the answer of a query that a newer one replaced', async () => {
    let answer!: (v: unknown) => void;
    fake.api.queryWorkers.mockImplementationOnce(
      () => new Promise((resolve) => (answer = resolve)),
    );
    const first = state().run();
    await state().run(); // q1 from the default mock
    answer({ ok: true, data: { queryId: 'stale' } });
    await first;
    expect(state().queryId).toBe('q1');
  });

  it('maps filters, the EOR preset and header sorting onto the query', async () => {
    state().toggleEorOnly();
    await flush();
    expect(fake.api.queryWorkers).toHaveBeenLastCalledWith({ hiringTypes: ['eor'] });
    state().setHiringStatus('active');
    await flush();
    expect(fake.api.queryWorkers).toHaveBeenLastCalledWith({
      hiringTypes: ['eor'],
      hiringStatuses: ['active'],
    });
    state().toggleEorOnly();
    state().sort('full_name');
    await flush();
    expect(fake.api.queryWorkers).toHaveBeenLastCalledWith({
      hiringStatuses: ['active'],
      sortBy: 'full_name',
      sortOrder: 'asc',
    });
    state().sort('full_name');
    expect(state().filters.sortOrder).toBe('desc');
    state().sort('email');
    expect(state().filters).toMatchObject({ sortBy: 'email', sortOrder: 'asc' });
  });

  it('retries a rate-limited query instead of failing', async () => {
    fake.api.queryWorkers.mockImplementationOnce(() =>
      Promise.resolve({ ok: false, error: { kind: 'rate-limit', message: '429' } }),
    );
    const running = state().run();
    await flush();
    expect(state().retrying).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await running;
    expect(fake.api.queryWorkers).toHaveBeenCalledTimes(2);
    expect(state()).toMatchObject({ retrying: false, queryId: 'q1', error: undefined });
  });

  it('sends an auth failure back to Connect', async () => {
    const nav = await import('../../../src-renderer/src/stores/nav-store');
    fake.api.queryWorkers.mockImplementationOnce(() =>
      Promise.resolve({ ok: false, error: { kind: 'auth', status: 401, message: 'Bad token' } }),
    );
    await state().run();
    expect(nav.useNavStore.getState().screen).toBe('connect');
    expect(nav.useNavStore.getState().authError?.status).toBe(401);
  });

  it('switches to the contracts source: status filter and sorting no longer apply', async () => {
    state().setHiringStatus('active');
    state().sort('full_name');
    await flush();
    expect(fake.api.queryWorkers).toHaveBeenLastCalledWith({
      hiringStatuses: ['active'],
      sortBy: 'full_name',
      sortOrder: 'asc',
    });
    state().setSource('contracts');
    state().toggleEorOnly();
    await flush();
    expect(fake.api.queryWorkers).toHaveBeenLastCalledWith({
      source: 'contracts',
      hiringTypes: ['eor'],
    });
    expect(state().filters).toMatchObject({ hiringStatus: '', sortBy: undefined });
    const calls = fake.api.queryWorkers.mock.calls.length;
    state().sort('email');
    await flush();
    expect(fake.api.queryWorkers.mock.calls.length).toBe(calls);
    state().setSource('people');
    await flush();
    expect(fake.api.queryWorkers).toHaveBeenLastCalledWith({ hiringTypes: ['eor'] });
  });
});
