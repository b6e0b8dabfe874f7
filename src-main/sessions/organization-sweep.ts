import { randomUUID } from 'node:crypto';
import {
  readSweepJournal,
  SweepJournalWriter,
  type SweepItemOutcome,
  type SweepLine,
  type SweepRecord,
  type SweepStopReason,
} from './sweep-journal';

/**
 * "Sweep the organization": `DELETE /workers/{id}/session` for every EOR worker, because Deel
 * offers no list of live worker sessions and tokens minted elsewhere (the company's White Label
 * backend, a colleague's console) are otherwise out of reach. A 404 means the worker had none.
 *
 * The sweep is a journaled job (see sweep-journal.ts): it lists the workers first, each page
 * on disk before anything is sent, then revokes them in a few lanes that the client's adaptive
 * limiter paces, so the organization's other integrations keep their share. Killed, it is found
 * `interrupted` at the next open; resumed, it sends only the workers whose answer it has not
 * written down (failed ones included). Cancel and stop finish the requests already sent.
 */

export interface SweepWorker {
  id: string;
  name: string;
}

/** One page of the organization's EOR workers; `total` when Deel says how many there are. */
export interface SweepPage {
  workers: readonly SweepWorker[];
  total: number | null;
}

export type SweepItemResult =
  | { workerId: string; outcome: 'revoked' | 'no-live-token'; requestId?: string }
  | { workerId: string; outcome: 'failed'; error: unknown };

export interface SweepPorts {
  /** The organization's EOR workers, page by page; stops when `signal` aborts. */
  listWorkers(signal: AbortSignal): AsyncIterable<SweepPage>;
  /** Ends the worker's token on Deel (the sessions service: write-ahead where it holds one). */
  revoke(workerId: string, workerName: string): Promise<SweepItemResult>;
  /**
   * Called once the list is on disk, before the first DELETE of this run (the audit log's
   * intent line). When it rejects, nothing is sent and the sweep stops as `journal-unwritable`.
   */
  beforeRevoking?(listed: number): Promise<void>;
}

export type SweepState = 'running' | 'interrupted' | 'stopped' | 'cancelled' | 'finished';

export interface SweepView {
  id: string;
  startedAt: string;
  organization: string;
  state: SweepState;
  /** While running: listing the workers, or revoking them. */
  phase: 'listing' | 'revoking';
  stoppedBecause?: SweepStopReason;
  /** Workers listed so far; `listComplete` once every page is in. */
  listed: number;
  listComplete: boolean;
  /** Deel's count of the organization's EOR workers, when it gave one. */
  expectedTotal: number | null;
  revoked: number;
  noLiveToken: number;
  failed: number;
  /** Listed workers without an answer written down: what a resume would send. */
  remaining: number;
  /** The error that stopped the listing, or the last failed revoke's (as thrown). */
  lastError?: unknown;
  /** A write of the journal failed (an errno code): the sweep stopped sending. */
  writeProblem?: string;
}

export interface OrganizationSweepOptions {
  /** The journal's path; none: the sweep lives in memory only (demo data). */
  file?: string;
  now: () => Date;
  /** Parallel revokes; the client's limiter paces the actual requests. */
  concurrency?: number;
  /** Revokes failing in a row before the sweep stops itself. */
  maxConsecutiveFailures?: number;
  /** Told after every change of the view (each answer): the caller throttles what it sends on. */
  onChange?: (view: SweepView) => void;
}

/** A sweep that has started: its first view, and the promise of its last. */
export interface LaunchedSweep {
  view: SweepView;
  ended: Promise<SweepView>;
}

/** Thrown when a sweep cannot start or resume: nothing was sent to Deel. */
export class SweepRefusal extends Error {
  override readonly name = 'SweepRefusal';
  constructor(
    readonly reason: 'already-running' | 'journal-unwritable' | 'nothing-to-resume',
    readonly code?: string,
  ) {
    super(reason);
  }
}

interface Run {
  cancel: 'cancelled' | SweepStopReason | undefined;
  abort: AbortController;
  phase: 'listing' | 'revoking';
  done: Promise<unknown>;
}

const isAnswered = (outcome: SweepItemOutcome | undefined) =>
  outcome === 'revoked' || outcome === 'no-live-token';

export class OrganizationSweep {
  readonly #o: OrganizationSweepOptions;
  #record: SweepRecord | undefined;
  #counts = { revoked: 0, noLiveToken: 0, failed: 0 };
  #expectedTotal: number | null = null;
  #run: Run | undefined;
  /** Set from a start or resume's first step: a second one is refused, never interleaved. */
  #busy = false;
  #writer: SweepJournalWriter | undefined;
  #lastError: unknown;
  #writeProblem: string | undefined;
  /** Where a journal that could not be read was copied, for the operator. */
  readonly unreadableCopy: string | undefined;

  private constructor(options: OrganizationSweepOptions, unreadableCopy?: string) {
    this.#o = options;
    this.unreadableCopy = unreadableCopy;
  }

  static async open(options: OrganizationSweepOptions): Promise<OrganizationSweep> {
    if (!options.file) return new OrganizationSweep(options);
    const read = await readSweepJournal(options.file, options.now);
    if (read.kind === 'unreadable') return new OrganizationSweep(options, read.copy);
    const sweep = new OrganizationSweep(options);
    if (read.kind === 'ok') sweep.#adopt(read.record);
    return sweep;
  }

  view(): SweepView | undefined {
    return this.#record && this.#viewOf(this.#record);
  }

  #viewOf(record: SweepRecord): SweepView {
    const run = this.#run;
    const state: SweepState = run
      ? 'running'
      : record.state === 'running'
        ? 'interrupted'
        : record.state;
    const answered = this.#counts.revoked + this.#counts.noLiveToken;
    return {
      id: record.id,
      startedAt: record.startedAt,
      organization: record.organization,
      state,
      phase: run?.phase ?? (record.listed ? 'revoking' : 'listing'),
      ...(record.stoppedBecause && !run && { stoppedBecause: record.stoppedBecause }),
      listed: record.workers.size,
      listComplete: record.listed,
      expectedTotal: this.#expectedTotal,
      ...this.#counts,
      remaining: record.workers.size - answered,
      ...(this.#lastError !== undefined && { lastError: this.#lastError }),
      ...(this.#writeProblem && { writeProblem: this.#writeProblem }),
    };
  }

  running(): boolean {
    return this.#busy;
  }

  /**
   * Starts a new sweep of `organization` (replacing the last one's journal). Resolves with the
   * final view when the sweep ends: finished, cancelled or stopped.
   */
  async start(organization: string, ports: SweepPorts): Promise<SweepView> {
    return (await this.launch(organization, ports)).ended;
  }

  /** Goes on with the last sweep: lists what was not listed, sends what was not answered. */
  async resume(ports: SweepPorts): Promise<SweepView> {
    return (await this.launchResume(ports)).ended;
  }

  /**
   * Starts a sweep and resolves as soon as its journal is on disk (a refusal rejects: nothing
   * was sent), with its first view and the promise of its end. A sweep runs for hours: the
   * caller does not wait for it.
   */
  async launch(organization: string, ports: SweepPorts): Promise<LaunchedSweep> {
    return this.#launch(() => this.#prepareStart(organization), ports);
  }

  /** `resume`, resolving as `launch` does. */
  async launchResume(ports: SweepPorts): Promise<LaunchedSweep> {
    return this.#launch(() => this.#prepareResume(), ports);
  }

  async #launch(prepare: () => Promise<SweepRecord>, ports: SweepPorts): Promise<LaunchedSweep> {
    if (this.#busy) throw new SweepRefusal('already-running');
    this.#busy = true;
    let record: SweepRecord;
    try {
      record = await prepare();
    } catch (error) {
      this.#busy = false;
      throw error;
    }
    const ended = this.#drive(record, ports).finally(() => {
      this.#busy = false;
    });
    return { view: this.#viewOf(record), ended };
  }

  async #prepareStart(organization: string): Promise<SweepRecord> {
    const start: SweepLine = {
      t: 'start',
      v: 1,
      id: randomUUID(),
      startedAt: this.#o.now().toISOString(),
      organization,
    };
    if (this.#o.file) {
      try {
        this.#writer = await SweepJournalWriter.create(this.#o.file, start);
      } catch (error) {
        throw new SweepRefusal('journal-unwritable', codeOf(error));
      }
    }
    const record: SweepRecord = {
      id: start.id,
      startedAt: start.startedAt,
      organization,
      workers: new Map(),
      listed: false,
      outcomes: new Map(),
      state: 'running',
    };
    this.#adopt(record);
    this.#expectedTotal = null;
    this.#lastError = undefined;
    this.#writeProblem = undefined;
    return record;
  }

  async #prepareResume(): Promise<SweepRecord> {
    const record = this.#record;
    if (!record || (record.listed && this.#viewOf(record).remaining === 0)) {
      throw new SweepRefusal('nothing-to-resume');
    }
    if (this.#o.file) {
      try {
        this.#writer = await SweepJournalWriter.reopen(this.#o.file);
        await this.#writer.append([{ t: 'state', s: 'running', at: this.#o.now().toISOString() }]);
      } catch (error) {
        await this.#writer?.close();
        this.#writer = undefined;
        throw new SweepRefusal('journal-unwritable', codeOf(error));
      }
    }
    record.state = 'running';
    delete record.stoppedBecause;
    this.#lastError = undefined;
    this.#writeProblem = undefined;
    return record;
  }

  /** Stops taking new workers; the requests already sent finish. Whether a sweep was running. */
  cancel(): boolean {
    if (!this.#run) return false;
    this.#halt('cancelled');
    return true;
  }

  /** At a connection switch or quit: stops like a cancel, as "stopped", and waits for it. */
  async stop(): Promise<void> {
    const run = this.#run;
    if (!run) return;
    this.#halt('connection-switch');
    await run.done.catch(() => undefined);
  }

  /** Forgets the last sweep (not while one runs). */
  async dismiss(): Promise<void> {
    if (this.#run || !this.#record) return;
    this.#record = undefined;
    this.#counts = { revoked: 0, noLiveToken: 0, failed: 0 };
    if (this.#o.file) await SweepJournalWriter.remove(this.#o.file).catch(() => undefined);
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  #adopt(record: SweepRecord): void {
    this.#record = record;
    this.#counts = { revoked: 0, noLiveToken: 0, failed: 0 };
    for (const { outcome } of record.outcomes.values()) this.#count(outcome, +1);
  }

  #count(outcome: SweepItemOutcome, delta: number): void {
    if (outcome === 'revoked') this.#counts.revoked += delta;
    else if (outcome === 'no-live-token') this.#counts.noLiveToken += delta;
    else this.#counts.failed += delta;
  }

  #halt(why: 'cancelled' | SweepStopReason): void {
    const run = this.#run;
    if (!run || run.cancel) return;
    run.cancel = why;
    run.abort.abort();
  }

  #changed(): void {
    const view = this.view();
    if (view) this.#o.onChange?.(view);
  }

  /** Appends journal lines; a failure stops the sweep (nothing more is sent without them). */
  async #append(lines: SweepLine[]): Promise<boolean> {
    if (!this.#writer) return true;
    try {
      await this.#writer.append(lines);
      return true;
    } catch (error) {
      this.#writeProblem = codeOf(error);
      this.#halt('journal-unwritable');
      return false;
    }
  }

  async #drive(record: SweepRecord, ports: SweepPorts): Promise<SweepView> {
    const run: Run = {
      cancel: undefined,
      abort: new AbortController(),
      phase: record.listed ? 'revoking' : 'listing',
      done: Promise.resolve(),
    };
    this.#run = run;
    const work = (async () => {
      if (!record.listed) await this.#list(record, run, ports);
      if (!run.cancel) {
        run.phase = 'revoking';
        this.#changed();
        try {
          await ports.beforeRevoking?.(record.workers.size);
        } catch (error) {
          this.#writeProblem = codeOf(error);
          this.#halt('journal-unwritable');
          return;
        }
        await this.#revokeAll(record, run, ports);
      }
    })();
    run.done = work;
    try {
      await work;
    } finally {
      const state = run.cancel === 'cancelled' ? 'cancelled' : run.cancel ? 'stopped' : 'finished';
      const why = run.cancel && run.cancel !== 'cancelled' ? run.cancel : undefined;
      await this.#append([
        { t: 'state', s: state, at: this.#o.now().toISOString(), ...(why && { why }) },
      ]).catch(() => false);
      record.state = state;
      if (why) record.stoppedBecause = why;
      await this.#writer?.close().catch(() => undefined);
      this.#writer = undefined;
      this.#run = undefined;
      this.#changed();
    }
    return this.#viewOf(record);
  }

  async #list(record: SweepRecord, run: Run, ports: SweepPorts): Promise<void> {
    try {
      for await (const page of ports.listWorkers(run.abort.signal)) {
        if (run.cancel) return;
        if (page.total !== null) this.#expectedTotal = page.total;
        const fresh = page.workers.filter((worker) => !record.workers.has(worker.id));
        // Durable before any of them is sent: this is the sweep's write-ahead intent.
        for (let at = 0; at < fresh.length; at += 1000) {
          const chunk = fresh.slice(at, at + 1000);
          if (!(await this.#append([{ t: 'workers', w: chunk.map((w) => [w.id, w.name]) }]))) {
            return;
          }
          for (const worker of chunk) record.workers.set(worker.id, worker.name);
        }
        this.#changed();
      }
    } catch (error) {
      if (run.cancel) return;
      this.#lastError = error;
      this.#halt('list-failed');
      return;
    }
    if (run.cancel) return;
    if (await this.#append([{ t: 'listed', total: record.workers.size }])) record.listed = true;
  }

  async #revokeAll(record: SweepRecord, run: Run, ports: SweepPorts): Promise<void> {
    const open = [...record.workers.keys()].filter(
      (workerId) => !isAnswered(record.outcomes.get(workerId)?.outcome),
    );
    const queue = open.values();
    const limit = this.#o.maxConsecutiveFailures ?? 20;
    let failuresInARow = 0;
    const lane = async () => {
      for (const workerId of queue) {
        if (run.cancel) return;
        const result = await ports
          .revoke(workerId, record.workers.get(workerId) ?? '')
          .catch((error: unknown): SweepItemResult => ({ workerId, outcome: 'failed', error }));
        const before = record.outcomes.get(workerId)?.outcome;
        if (before) this.#count(before, -1);
        this.#count(result.outcome, +1);
        const requestId = result.outcome === 'failed' ? undefined : result.requestId;
        record.outcomes.set(workerId, { outcome: result.outcome, ...(requestId && { requestId }) });
        if (result.outcome === 'failed') {
          this.#lastError = result.error;
          if (++failuresInARow >= limit) this.#halt('too-many-failures');
        } else {
          failuresInARow = 0;
        }
        this.#changed();
        await this.#append([
          { t: 'done', w: workerId, o: result.outcome, ...(requestId && { r: requestId }) },
        ]);
      }
    };
    const lanes = Math.max(1, Math.min(this.#o.concurrency ?? 4, open.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'write failed';
}
