import { create } from 'zustand';
import type {
  WorkerQuery,
  WorkerRow,
  WorkersPage,
  workerSortKeys,
} from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { call } from './call';
import { useNavStore } from './nav-store';

export type WorkerSortKey = (typeof workerSortKeys)[number];
export const SEARCH_DEBOUNCE_MS = 300;
/** Pages that arrive before their `queryWorkers` call has answered wait here (bounded). */
const MAX_BUFFERED_PAGES = 2000;

/** Where the list comes from: `GET /people`, or the workers of `GET /contracts` (`worker.id`). */
export type WorkerSource = 'people' | 'contracts';

export interface WorkerFilters {
  source: WorkerSource;
  search: string;
  /** '' means any. */
  hiringType: string;
  hiringStatus: string;
  sortBy: WorkerSortKey | undefined;
  sortOrder: 'asc' | 'desc';
  /** The console's own filter (Deel has none): only workers with a live token. */
  liveOnly: boolean;
  /** The console's own order by token state (see lib/worker-view); replaces Deel's sort. */
  tokenSort: 'asc' | 'desc' | undefined;
}

interface WorkersStore {
  filters: WorkerFilters;
  /** The query whose pages are shown; pages of any other query are ignored. */
  queryId: string | undefined;
  /** The search (trimmed) of the query whose rows are shown: a stable marker for tests. */
  shownSearch: string;
  rows: WorkerRow[];
  loaded: number;
  total: number | null;
  done: boolean;
  loading: boolean;
  retrying: boolean;
  error: IpcError | undefined;
  /**
   * A page of this query came back with every name and email null (main's `piiHidden`): the
   * organization token hides sensitive data.
   */
  piiHidden: boolean;
  selected: WorkerRow | undefined;
  /** The source the selected row was listed from (its hiring type means a contract's there). */
  selectedFrom: WorkerSource;
  /** The row holding the table's single Tab stop (roving tabindex; arrows move it). */
  cursor: number;
  setCursor(cursor: number): void;
  setSource(source: WorkerSource): void;
  setSearch(search: string): void;
  setHiringType(hiringType: string): void;
  setHiringStatus(hiringStatus: string): void;
  toggleEorOnly(): void;
  sort(key: WorkerSortKey): void;
  /** The "Live token only" filter, applied by the console to the rows Deel listed. */
  toggleLiveOnly(): void;
  /** Sorts by token state (live first, then the reverse); Deel's column sort is dropped. */
  sortByToken(): void;
  /** Runs the current query now (also the first load). */
  run(): Promise<void>;
  select(worker: WorkerRow | undefined): void;
  /**
   * "Open worker" from elsewhere (Live tokens): the Workers screen, searching for the worker so
   * its row is listed, with its panel open on that exact worker (by id, never by name).
   */
  showWorker(worker: { workerId: string; workerName: string; workerEmail?: string | null }): void;
  /**
   * Subscribes to workersPage, and to main's retry notices: a 429 retried while pages stream in
   * shows "rate limited, retrying" on the progress line until the next page (or the end).
   */
  subscribe(): () => void;
}

export type LoadState = 'loading' | 'done' | 'error';

/**
 * Where loading the list stands, as a stable marker for the progress element (`data-state`):
 * `error` once it failed (a 429 being retried is not a failure), `done` once the last page is in
 * and nothing is being retried, else `loading` (also before the first query has run).
 */
export function loadStateOf(s: Pick<WorkersStore, 'done' | 'retrying' | 'error'>): LoadState {
  if (s.error !== undefined && s.error.kind !== 'rate-limit') return 'error';
  if (s.done && !s.retrying) return 'done';
  return 'loading';
}

/** Whether a source can filter by hiring status and sort (contracts have their own statuses). */
export function sourceSupportsStatusAndSort(source: WorkerSource): boolean {
  return source === 'people';
}

export function toQuery(filters: WorkerFilters): WorkerQuery {
  const search = filters.search.trim();
  const full = sourceSupportsStatusAndSort(filters.source);
  return {
    ...(filters.source !== 'people' && { source: filters.source }),
    ...(search && { search }),
    ...(filters.hiringType && { hiringTypes: [filters.hiringType] }),
    ...(full && filters.hiringStatus && { hiringStatuses: [filters.hiringStatus] }),
    ...(full && filters.sortBy && { sortBy: filters.sortBy, sortOrder: filters.sortOrder }),
  };
}

let seq = 0;
let debounce: ReturnType<typeof setTimeout> | undefined;
let buffered: WorkersPage[] = [];

export const useWorkersStore = create<WorkersStore>((set, get) => {
  const apply = (page: WorkersPage) => {
    set((state) => ({
      rows: page.rows.length ? state.rows.concat(page.rows) : state.rows,
      loaded: page.loaded,
      total: page.total,
      done: page.done,
      loading: !page.done,
      // A page after a retry notice means the retried request went through.
      retrying: false,
      ...(page.error && { error: page.error }),
      ...(page.piiHidden && { piiHidden: true }),
      // A worker selected before its row came (showWorker) gets its full row once it does.
      ...(state.selected && {
        selected: page.rows.find((row) => row.id === state.selected?.id) ?? state.selected,
      }),
    }));
    if (page.error?.kind === 'auth') useNavStore.getState().authFailed(page.error);
    if (page.error?.kind === 'rate-limit') {
      set({ retrying: true });
      const mine = seq;
      setTimeout(() => {
        if (mine === seq) void get().run();
      }, 2000);
    }
  };

  const rerun = (filters: Partial<WorkerFilters>, debounced = false) => {
    set((state) => ({ filters: { ...state.filters, ...filters } }));
    clearTimeout(debounce);
    if (debounced) {
      debounce = setTimeout(() => void get().run(), SEARCH_DEBOUNCE_MS);
    } else {
      void get().run();
    }
  };

  return {
    filters: {
      source: 'people',
      search: '',
      hiringType: '',
      hiringStatus: '',
      sortBy: undefined,
      sortOrder: 'asc',
      liveOnly: false,
      tokenSort: undefined,
    },
    queryId: undefined,
    shownSearch: '',
    rows: [],
    loaded: 0,
    total: null,
    done: false,
    loading: false,
    retrying: false,
    error: undefined,
    piiHidden: false,
    selected: undefined,
    selectedFrom: 'people',
    cursor: 0,

    setCursor(cursor) {
      set({ cursor });
    },
    setSource(source) {
      rerun(
        sourceSupportsStatusAndSort(source)
          ? { source }
          : { source, hiringStatus: '', sortBy: undefined },
      );
    },
    setSearch(search) {
      rerun({ search }, true);
    },
    setHiringType(hiringType) {
      rerun({ hiringType });
    },
    setHiringStatus(hiringStatus) {
      rerun({ hiringStatus });
    },
    toggleEorOnly() {
      rerun({ hiringType: get().filters.hiringType === 'eor' ? '' : 'eor' });
    },
    sort(key) {
      const { sortBy, sortOrder, source } = get().filters;
      if (!sourceSupportsStatusAndSort(source)) return;
      rerun({
        sortBy: key,
        sortOrder: sortBy === key && sortOrder === 'asc' ? 'desc' : 'asc',
        tokenSort: undefined,
      });
    },
    toggleLiveOnly() {
      set((state) => ({
        filters: { ...state.filters, liveOnly: !state.filters.liveOnly },
        cursor: 0,
      }));
    },
    sortByToken() {
      const { tokenSort, sortBy } = get().filters;
      const next = tokenSort === 'asc' ? 'desc' : 'asc';
      // Deel's order is the base the token order is stable over: back to its default order.
      if (sortBy !== undefined) rerun({ tokenSort: next, sortBy: undefined, sortOrder: 'asc' });
      else set((state) => ({ filters: { ...state.filters, tokenSort: next }, cursor: 0 }));
    },

    async run() {
      clearTimeout(debounce);
      const mine = ++seq;
      buffered = [];
      set({
        queryId: undefined,
        shownSearch: get().filters.search.trim(),
        rows: [],
        loaded: 0,
        total: null,
        done: false,
        loading: true,
        error: undefined,
        piiHidden: false,
        cursor: 0,
      });
      const result = await call(() => consoleApi().queryWorkers(toQuery(get().filters)), {
        onRetrying: () => {
          if (mine === seq) set({ retrying: true });
        },
      });
      if (mine !== seq) return;
      if (!result.ok) {
        buffered = [];
        set({ loading: false, retrying: false, error: result.error });
        return;
      }
      const { queryId } = result.data;
      set({ queryId, retrying: false });
      const early = buffered.filter((page) => page.queryId === queryId);
      buffered = [];
      for (const page of early) apply(page);
    },

    select(selected) {
      set({ selected, selectedFrom: get().filters.source });
    },
    showWorker({ workerId, workerName, workerEmail }) {
      set({
        selected: {
          id: workerId,
          name: workerName,
          email: workerEmail ?? null,
          country: null,
          jobTitle: null,
          hiringType: null,
          hiringStatus: null,
        },
      });
      rerun({ search: workerName.trim() || workerEmail || workerId });
      useNavStore.getState().go('workers');
    },

    subscribe() {
      const offPages = consoleApi().on('workersPage', (page) => {
        const { queryId } = get();
        if (queryId === undefined) {
          if (buffered.length < MAX_BUFFERED_PAGES) buffered.push(page);
        } else if (page.queryId === queryId) {
          apply(page);
        }
      });
      const offRetries = consoleApi().on('requestRetrying', (notice) => {
        const { loading, done } = get();
        if (notice.status === 429 && loading && !done) set({ retrying: true });
      });
      return () => {
        offPages();
        offRetries();
      };
    },
  };
});
