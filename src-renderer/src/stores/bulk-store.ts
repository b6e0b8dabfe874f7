import { create } from 'zustand';
import type { BulkJob, RevokeResult } from '../../../src-shared/contract';
import type { IpcError, IpcResult } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { connectionKeyOf, failedTargets } from '../lib/bulk-results';
import { selectRange, toggleShown } from '../lib/selection';
import { call } from './call';
import { useConnectionStore } from './connection-store';
import { useSessionsStore, type WorkerRef } from './sessions-store';

/** What the Live tokens view needs to know about the selection. */
export interface SelectionSummary {
  /** The rows shown (the search may hide some), in list order: what "select all" covers. */
  ids: string[];
  /** Every shown row is selected. */
  allSelected: boolean;
  /** Some shown row is selected. */
  someSelected: boolean;
  /**
   * The selected workers over ALL listed rows (hidden by the search too), in list order: what
   * "Revoke selected" revokes; the confirmation lists each one.
   */
  chosen: WorkerRef[];
}

export function summarizeSelection(
  live: readonly WorkerRef[],
  selected: ReadonlySet<string>,
  shown: readonly WorkerRef[] = live,
): SelectionSummary {
  const ids = shown.map((s) => s.workerId);
  const chosen = live
    .filter((s) => selected.has(s.workerId))
    .map((s) => ({
      workerId: s.workerId,
      workerName: s.workerName,
      ...(s.workerEmail !== undefined && { workerEmail: s.workerEmail }),
    }));
  const shownSelected = ids.filter((id) => selected.has(id)).length;
  return {
    ids,
    allSelected: ids.length > 0 && shownSelected === ids.length,
    someSelected: shownSelected > 0,
    chosen,
  };
}

export type BulkStatus = 'idle' | 'confirming' | 'running' | 'done';

/** A job main kept that did not revoke everything: what the page offers to resume. */
export interface UnfinishedJob {
  state: Exclude<BulkJob['state'], 'running'>;
  startedAt: string;
  total: number;
  revoked: number;
  /** Items not revoked yet (never sent, cut, failed, or not sent): what Resume sends. */
  open: WorkerRef[];
}

/** The job main holds, when it has items still to revoke and is not running here. */
export function unfinishedJob(job: BulkJob | undefined): UnfinishedJob | undefined {
  if (!job || job.state === 'running') return undefined;
  const open = job.items
    .filter((item) => item.state !== 'revoked' && item.state !== 'no-live-token')
    .map(({ workerId, workerName }) => ({ workerId, workerName }));
  if (open.length === 0) return undefined;
  return {
    state: job.state,
    startedAt: job.startedAt,
    total: job.items.length,
    revoked: job.items.length - open.length,
    open,
  };
}

interface BulkStore {
  /** Selected worker ids in the Live tokens view. */
  selected: ReadonlySet<string>;
  /** The row last clicked without Shift: where a Shift-click range starts. */
  anchor: string | undefined;
  /** The Live tokens search box (name, email or worker id). */
  search: string;
  /** The reason or ticket reference typed in the confirmation (kept in the audit log). */
  reason: string;
  setReason(reason: string): void;
  /** The connection the selection, confirmation and results belong to (see connectionKeyOf). */
  connectionKey: string | undefined;
  status: BulkStatus;
  /** The workers of the current or last run, in order, so results outlive the live list. */
  targets: WorkerRef[];
  done: number;
  total: number;
  results: Record<string, RevokeResult>;
  retrying: boolean;
  error: IpcError | undefined;
  /** The last job as main journaled it (survives a restart or a connection switch). */
  job: BulkJob | undefined;
  /** A cancel was asked for the running job: it stops after the requests already sent. */
  cancelling: boolean;
  /** The live row holding the list's single Tab stop (roving tabindex; arrows move it). */
  cursor: number;
  setCursor(cursor: number): void;
  toggle(workerId: string): void;
  /** Shift-click: sets every row from the anchor to this one (in `order`) as this one becomes. */
  toggleRange(order: readonly string[], workerId: string): void;
  /** Selects every given (shown) worker, or unselects them when all are already selected. */
  toggleAll(workerIds: readonly string[]): void;
  setSearch(search: string): void;
  /** Selects exactly these workers and opens the confirmation for them (Forget's "revoke first"). */
  selectAndAsk(targets: WorkerRef[]): void;
  /** Sends again the items of the finished run whose revoke failed. */
  retryFailed(): Promise<void>;
  /** Drops selected ids that are no longer live. */
  prune(liveIds: readonly string[]): void;
  ask(targets: WorkerRef[]): void;
  cancel(): void;
  start(): Promise<void>;
  /** Sends the items of the last job that are not revoked yet. */
  resume(): Promise<void>;
  /** Stops the running job after the requests already sent. */
  stop(): Promise<void>;
  loadJob(): Promise<void>;
  dismissJob(): Promise<void>;
  clearResults(): void;
  subscribe(): () => void;
}

/** Bumped when the connection changes: a run started before answers into the void. */
let generation = 0;

const currentConnection = () => connectionKeyOf(useConnectionStore.getState().status);

/** Runs a bulk call (new job or resume) and keeps its results for the page. */
async function run(
  targets: WorkerRef[],
  invoke: () => Promise<IpcResult<{ results: RevokeResult[] }>>,
): Promise<void> {
  const set = useBulkStore.setState;
  const mine = generation;
  set({
    connectionKey: currentConnection(),
    status: 'running',
    targets,
    done: 0,
    total: targets.length,
    results: {},
    retrying: false,
    cancelling: false,
    error: undefined,
  });
  const result = await call(invoke, {
    onRetrying: () => set({ retrying: true }),
    retryNotices: true,
  });
  // The connection changed meanwhile: these results are the other organization's (its job is
  // kept by main, stopped, for when the operator switches back).
  if (mine !== generation) return;
  if (result.ok) {
    const results: Record<string, RevokeResult> = {};
    for (const r of result.data.results) results[r.workerId] = r;
    set({
      status: 'done',
      retrying: false,
      cancelling: false,
      results,
      done: result.data.results.length,
      selected: new Set(),
    });
  } else {
    set({ status: 'done', retrying: false, cancelling: false, error: result.error });
  }
  await useBulkStore.getState().loadJob();
}

export const useBulkStore = create<BulkStore>((set, get) => ({
  selected: new Set(),
  anchor: undefined,
  search: '',
  reason: '',
  connectionKey: undefined,
  status: 'idle',
  targets: [],
  done: 0,
  total: 0,
  results: {},
  retrying: false,
  error: undefined,
  job: undefined,
  cancelling: false,
  cursor: 0,

  setCursor(cursor) {
    if (cursor !== get().cursor) set({ cursor });
  },
  toggle(workerId) {
    const selected = new Set(get().selected);
    if (selected.has(workerId)) selected.delete(workerId);
    else selected.add(workerId);
    set({ selected, anchor: workerId, connectionKey: currentConnection() });
  },
  toggleRange(order, workerId) {
    const { selected, anchor } = get();
    const on = !selected.has(workerId);
    set({
      selected: selectRange(order, selected, anchor, workerId, on),
      anchor: workerId,
      connectionKey: currentConnection(),
    });
  },
  toggleAll(workerIds) {
    set({
      selected: toggleShown(workerIds, get().selected),
      connectionKey: currentConnection(),
    });
  },
  setSearch(search) {
    set({ search });
  },
  selectAndAsk(targets) {
    if (get().status === 'running') return;
    set({
      selected: new Set(targets.map((t) => t.workerId)),
      search: '',
      anchor: undefined,
    });
    get().ask(targets);
  },
  async retryFailed() {
    const { status, targets, results } = get();
    if (status !== 'done') return;
    const failed = failedTargets(targets, results);
    if (failed.length === 0) return;
    await run(failed, () => consoleApi().bulkRevoke({ workerIds: failed.map((t) => t.workerId) }));
  },
  prune(liveIds) {
    const { selected } = get();
    const live = new Set(liveIds);
    if ([...selected].some((id) => !live.has(id))) {
      set({ selected: new Set([...selected].filter((id) => live.has(id))) });
    }
  },
  ask(targets) {
    if (targets.length === 0 || get().status === 'running') return;
    set({
      status: 'confirming',
      connectionKey: currentConnection(),
      targets,
      results: {},
      done: 0,
      total: targets.length,
      error: undefined,
    });
  },
  cancel() {
    if (get().status === 'confirming') set({ status: 'idle', targets: [] });
  },
  setReason(reason) {
    set({ reason });
  },
  async start() {
    const { status, targets } = get();
    if (status !== 'confirming') return;
    const reason = get().reason.trim();
    set({ reason: '' });
    await run(targets, () =>
      consoleApi().bulkRevoke({
        workerIds: targets.map((t) => t.workerId),
        ...(reason && { reason }),
      }),
    );
  },
  async resume() {
    const job = unfinishedJob(get().job);
    if (!job || get().status === 'running' || get().status === 'confirming') return;
    // The journal names workers only: their emails come from the sessions main recorded.
    const emails = new Map(
      useSessionsStore.getState().sessions.map((s) => [s.workerId, s.workerEmail] as const),
    );
    const targets = job.open.map((ref) => {
      const email = emails.get(ref.workerId);
      return email === undefined ? ref : { ...ref, workerEmail: email };
    });
    await run(targets, () => consoleApi().resumeBulkRevoke());
  },
  async stop() {
    if (get().status !== 'running') return;
    set({ cancelling: true });
    await call(() => consoleApi().cancelBulkRevoke());
  },
  async loadJob() {
    const result = await call(() => consoleApi().getBulkJob());
    if (result.ok) set({ job: result.data ?? undefined });
  },
  async dismissJob() {
    const result = await call(() => consoleApi().dismissBulkJob());
    if (result.ok) set({ job: undefined });
  },
  clearResults() {
    if (get().status !== 'running')
      set({ status: 'idle', targets: [], results: {}, error: undefined });
  },
  subscribe() {
    const offProgress = consoleApi().on('bulkProgress', (progress) => {
      if (get().status !== 'running') return;
      set((state) => ({
        done: Math.max(state.done, progress.done),
        total: progress.total,
        results: { ...state.results, [progress.result.workerId]: progress.result },
      }));
    });
    // Another organization (or host): the selection, a confirmation and the results of the
    // one before are not its own. The same connection (a dismissed warning) keeps them.
    const offConnection = consoleApi().on('connectionChanged', (status) => {
      const { connectionKey } = get();
      if (connectionKey === undefined || connectionKey === connectionKeyOf(status)) return;
      generation++;
      set({
        connectionKey: undefined,
        status: 'idle',
        selected: new Set(),
        anchor: undefined,
        search: '',
        targets: [],
        results: {},
        done: 0,
        total: 0,
        retrying: false,
        cancelling: false,
        error: undefined,
        cursor: 0,
      });
    });
    return () => {
      offProgress();
      offConnection();
    };
  },
}));
