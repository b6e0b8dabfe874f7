import type * as StoreModule from '../../../src-renderer/src/stores/workers-store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, uninstallFakeApi } from './fake-api';

// The console's own view options on the Workers screen (16.11) and where a selection came
// from (16.2: a Contracts row's type is a contract's, not the worker's hiring type).

describe('workers store: token filter, token sort, selection source', () => {
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

  it('"Live token only" is applied by the console: it toggles without asking Deel again', () => {
    state().toggleLiveOnly();
    expect(state().filters.liveOnly).toBe(true);
    state().toggleLiveOnly();
    expect(state().filters.liveOnly).toBe(false);
    expect(fake.api.queryWorkers).not.toHaveBeenCalled();
    expect(store.toQuery(state().filters)).toEqual({});
  });

  it('the token sort toggles asc/desc locally, and replaces a Deel column sort (one reload)', async () => {
    state().sortByToken();
    expect(state().filters.tokenSort).toBe('asc');
    state().sortByToken();
    expect(state().filters.tokenSort).toBe('desc');
    expect(fake.api.queryWorkers).not.toHaveBeenCalled();

    state().sort('full_name');
    expect(state().filters).toMatchObject({ sortBy: 'full_name', tokenSort: undefined });
    expect(fake.api.queryWorkers).toHaveBeenLastCalledWith({
      sortBy: 'full_name',
      sortOrder: 'asc',
    });
    state().sortByToken();
    expect(state().filters).toMatchObject({ sortBy: undefined, tokenSort: 'asc' });
    expect(fake.api.queryWorkers).toHaveBeenCalledTimes(2);
    expect(fake.api.queryWorkers).toHaveBeenLastCalledWith({});
  });

  it('remembers which source the selected row came from', () => {
    const row = {
      id: 'w-1',
      name: 'A',
      email: null,
      country: null,
      jobTitle: null,
      hiringType: 'ongoing_time_based',
      hiringStatus: null,
    };
    state().select(row);
    expect(state().selectedFrom).toBe('people');
    state().setSource('contracts');
    state().select(row);
    expect(state().selectedFrom).toBe('contracts');
    // The status filter and Deel's sort do not apply to contracts; the token view does.
    expect(state().filters.sortBy).toBeUndefined();
  });
});
