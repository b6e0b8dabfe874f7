import { create } from 'zustand';
import type { BulkJob, RevokeResult } from '../../../src-shared/contract';
import type { IpcError, IpcResult } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { call } from './call';
import type { WorkerRef } from './sessions-store';

/** What the Live tokens view needs to know about the selection, over ALL live rows. */
export interface SelectionSummary {
  ids: string[];
  allSelected: boolean;
  someSelected: boolean;
  /** The selected live workers, in list order: what "Revoke selected" revokes. */
  chosen: WorkerRef[];
}

export function summarizeSelection(
  live: readonly WorkerRef[],
  selected: ReadonlySet<string>,
): SelectionSummary {
  const ids = live.map((s) => s.workerId);
  const chosen = live
    .filter((s) => selected.has(s.workerId))
    .map((s) => ({ workerId: s.workerId, workerName: s.workerName }));
  return {
    ids,
    allSelected: ids.length > 0 && chosen.length === ids.length,
    someSelected: chosen.length > 0,
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
  /** Selects every given worker, or clears the selection when all are already selected. */
  toggleAll(workerIds: readonly string[]): void;
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

/** Runs a bulk call (new job or resume) and keeps its results for the page. */
async function run(
  targets: WorkerRef[],
  invoke: () => Promise<IpcResult<{ results: RevokeResult[] }>>,
): Promise<void> {
  const set = useBulkStore.setState;
  set({
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
    set({ selected });
  },
  toggleAll(workerIds) {
    const { selected } = get();
    const all = workerIds.length > 0 && workerIds.every((id) => selected.has(id));
    set({ selected: all ? new Set() : new Set(workerIds) });
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
  async start() {
    const { status, targets } = get();
    if (status !== 'confirming') return;
    await run(targets, () =>
      consoleApi().bulkRevoke({ workerIds: targets.map((t) => t.workerId) }),
    );
  },
  async resume() {
    const job = unfinishedJob(get().job);
    if (!job || get().status === 'running' || get().status === 'confirming') return;
    await run(job.open, () => consoleApi().resumeBulkRevoke());
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
    return consoleApi().on('bulkProgress', (progress) => {
      if (get().status !== 'running') return;
      set((state) => ({
        done: Math.max(state.done, progress.done),
        total: progress.total,
        results: { ...state.results, [progress.result.workerId]: progress.result },
      }));
    });
  },
}));
