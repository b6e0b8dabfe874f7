import { randomUUID } from 'node:crypto';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { bulkItemStates, type bulkJobStates } from '../../src-shared/contract';
import { isMissingFile, replaceFileDurably } from '../files/durable-write';

/**
 * A bulk revoke as a journaled job: its items and each one's state are on disk while it runs,
 * so a job cut by a crash, a quit or a connection switch is shown at the next start (or when
 * the operator switches back) with what was done and what was not, and can be resumed. A
 * cancel stops after the requests already sent. The journal is per connection, like the
 * sessions file: a job is only ever resumed against the organization it was started on.
 *
 * The per-token ledger stays the sessions file and the audit log (each DELETE still writes its
 * intent first); the journal only says which items of the run are finished.
 */

/**
 * An item's state in the journal. `queued`: not finished (never sent, or sent and cut before
 * its answer was written: the token's own session then says "may have happened").
 */
export type BulkItemState = (typeof bulkItemStates)[number];

/**
 * `running`: in this process; `interrupted`: the process that ran it ended mid-way (found at
 * open); `stopped`: the operator switched connection mid-way; `cancelled`; `finished`.
 */
export type BulkJobState = (typeof bulkJobStates)[number];

const itemSchema = z.strictObject({
  workerId: z.string().min(1).max(200),
  workerName: z.string().max(500),
  state: z.enum(bulkItemStates),
});

const journalSchema = z.strictObject({
  version: z.literal(1),
  id: z.string().min(1).max(100),
  startedAt: z.iso.datetime(),
  /** On disk, `running` means "was running when last written": read back, it is `interrupted`. */
  state: z.enum(['running', 'stopped', 'cancelled', 'finished']),
  items: z.array(itemSchema).max(10_000),
});
type Journal = z.infer<typeof journalSchema>;

export interface BulkItem {
  workerId: string;
  workerName: string;
}

/** What one item's revoke came to, as the job's runner reports it. */
export type BulkItemResult =
  | { workerId: string; outcome: 'revoked' | 'no-live-token'; requestId?: string }
  | { workerId: string; outcome: 'failed'; error: unknown }
  | { workerId: string; outcome: 'not-sent'; reason: 'cancelled' | 'connection-switch' };

export interface BulkJobView {
  id: string;
  startedAt: string;
  state: BulkJobState;
  items: { workerId: string; workerName: string; state: BulkItemState }[];
}

export interface BulkRevokeJobOptions {
  /** The journal's path; none: the job lives in memory only (demo data). */
  file?: string;
  now: () => Date;
  /** Parallel revokes; the client's limiter paces the actual requests. */
  concurrency?: number;
  /** Told when the journal starts or stops failing to be written (an errno code). */
  onWriteProblem?: (code: string | undefined) => void;
}

/** Thrown when a bulk job cannot start: nothing was sent to Deel. */
export class BulkJobRefusal extends Error {
  override readonly name = 'BulkJobRefusal';
  constructor(
    readonly reason: 'already-running' | 'journal-unwritable' | 'nothing-to-resume',
    readonly code?: string,
  ) {
    super(reason);
  }
}

interface BulkRun {
  /** Set by a cancel or a stop: the lanes take no new item. */
  cancel: 'cancelled' | 'connection-switch' | undefined;
  done: Promise<unknown>;
}

export class BulkRevokeJob {
  readonly #o: BulkRevokeJobOptions;
  #journal: Journal | undefined;
  /** Whether the journal read at open said "running": the process that ran it is gone. */
  #interrupted = false;
  #run: BulkRun | undefined;
  #saving: Promise<void> = Promise.resolve();
  #dirty = false;
  /** Where a journal that could not be read was copied, for the operator. */
  readonly unreadableCopy: string | undefined;

  private constructor(options: BulkRevokeJobOptions, unreadableCopy?: string) {
    this.#o = options;
    this.unreadableCopy = unreadableCopy;
  }

  /** Reads the journal; one that cannot be read is copied aside and ignored, never fatal. */
  static async open(options: BulkRevokeJobOptions): Promise<BulkRevokeJob> {
    if (!options.file) return new BulkRevokeJob(options);
    let text: string;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (error) {
      // Missing: no job. Unreadable (permissions): treated as none; a new job's write says why.
      if (isMissingFile(error)) return new BulkRevokeJob(options);
      return new BulkRevokeJob(options);
    }
    let journal: Journal | undefined;
    try {
      journal = journalSchema.parse(JSON.parse(text));
    } catch {
      const copy = `${options.file}.corrupt-${options.now().getTime()}`;
      await copyFile(options.file, copy).catch(() => undefined);
      return new BulkRevokeJob(options, copy);
    }
    const job = new BulkRevokeJob(options);
    job.#journal = journal;
    job.#interrupted = journal.state === 'running';
    return job;
  }

  /** The current or last job, until dismissed. */
  view(): BulkJobView | undefined {
    const journal = this.#journal;
    if (!journal) return undefined;
    const state: BulkJobState = this.#run
      ? 'running'
      : this.#interrupted
        ? 'interrupted'
        : journal.state === 'running'
          ? 'interrupted'
          : journal.state;
    return {
      id: journal.id,
      startedAt: journal.startedAt,
      state,
      items: journal.items.map((item) => ({ ...item })),
    };
  }

  running(): boolean {
    return this.#run !== undefined;
  }

  /**
   * Starts a job over `items`. The journal is written before the first request: when it
   * cannot be, nothing is sent.
   */
  async start(
    items: readonly BulkItem[],
    revoke: (workerId: string) => Promise<BulkItemResult>,
    onProgress: (done: number, total: number, result: BulkItemResult) => void,
  ): Promise<BulkItemResult[]> {
    if (this.#run) throw new BulkJobRefusal('already-running');
    const previous = this.#journal;
    const previousInterrupted = this.#interrupted;
    const journal: Journal = {
      version: 1,
      id: randomUUID(),
      startedAt: this.#o.now().toISOString(),
      state: 'running',
      items: items.map((item) => ({ ...item, state: 'queued' })),
    };
    this.#journal = journal;
    this.#interrupted = false;
    try {
      await this.#saveNow();
    } catch (error) {
      this.#journal = previous;
      this.#interrupted = previousInterrupted;
      throw new BulkJobRefusal('journal-unwritable', codeOf(error));
    }
    return this.#drive(
      journal,
      journal.items.map((_, index) => index),
      revoke,
      onProgress,
    );
  }

  /** Runs the items of the last job that are not finished (queued, failed, not sent). */
  async resume(
    revoke: (workerId: string) => Promise<BulkItemResult>,
    onProgress: (done: number, total: number, result: BulkItemResult) => void,
  ): Promise<BulkItemResult[]> {
    if (this.#run) throw new BulkJobRefusal('already-running');
    const journal = this.#journal;
    const open = journal?.items.flatMap((item, index) => (isFinished(item.state) ? [] : [index]));
    if (!journal || !open || open.length === 0) throw new BulkJobRefusal('nothing-to-resume');
    const before = { state: journal.state, interrupted: this.#interrupted };
    journal.state = 'running';
    this.#interrupted = false;
    try {
      await this.#saveNow();
    } catch (error) {
      journal.state = before.state;
      this.#interrupted = before.interrupted;
      throw new BulkJobRefusal('journal-unwritable', codeOf(error));
    }
    return this.#drive(journal, open, revoke, onProgress);
  }

  /** Stops taking new items; the requests already sent finish. Whether a job was running. */
  cancel(): boolean {
    if (!this.#run) return false;
    this.#run.cancel ??= 'cancelled';
    return true;
  }

  /** At a connection switch or quit: stops like a cancel, as "stopped", and waits for it. */
  async stop(): Promise<void> {
    const run = this.#run;
    if (run) {
      run.cancel ??= 'connection-switch';
      await run.done.catch(() => undefined);
    }
    await this.#saving;
  }

  /** Forgets the last job (not while one runs). */
  async dismiss(): Promise<void> {
    if (this.#run || !this.#journal) return;
    this.#journal = undefined;
    this.#interrupted = false;
    const file = this.#o.file;
    if (file)
      await (this.#saving = this.#saving
        .then(() => rm(file, { force: true }))
        .catch(() => undefined));
  }

  async #drive(
    journal: Journal,
    indexes: number[],
    revoke: (workerId: string) => Promise<BulkItemResult>,
    onProgress: (done: number, total: number, result: BulkItemResult) => void,
  ): Promise<BulkItemResult[]> {
    const run: BulkRun = { cancel: undefined, done: Promise.resolve() };
    this.#run = run;
    const results: BulkItemResult[] = new Array<BulkItemResult>(indexes.length);
    const picked = indexes.flatMap((index) => journal.items.slice(index, index + 1));
    const queue = picked.entries();
    let done = 0;
    const lane = async () => {
      for (const [position, item] of queue) {
        let result: BulkItemResult;
        if (run.cancel) {
          result = { workerId: item.workerId, outcome: 'not-sent', reason: run.cancel };
        } else {
          result = await revoke(item.workerId).catch((error: unknown): BulkItemResult => ({
            workerId: item.workerId,
            outcome: 'failed',
            error,
          }));
        }
        item.state = result.outcome;
        results[position] = result;
        this.#scheduleSave();
        onProgress(++done, indexes.length, result);
      }
    };
    const lanes = Math.max(1, Math.min(this.#o.concurrency ?? 4, indexes.length));
    run.done = Promise.all(Array.from({ length: lanes }, lane));
    try {
      await run.done;
    } finally {
      journal.state =
        run.cancel === 'cancelled' ? 'cancelled' : run.cancel ? 'stopped' : 'finished';
      this.#run = undefined;
      this.#scheduleSave();
      await this.#saving;
    }
    return results;
  }

  #scheduleSave(): void {
    if (!this.#o.file) return;
    if (this.#dirty) return;
    this.#dirty = true;
    this.#saving = this.#saving.then(async () => {
      this.#dirty = false;
      await this.#write().then(
        () => this.#o.onWriteProblem?.(undefined),
        (error: unknown) => this.#o.onWriteProblem?.(codeOf(error)),
      );
    });
  }

  async #saveNow(): Promise<void> {
    if (!this.#o.file) return;
    const write = this.#saving.then(() => this.#write());
    this.#saving = write.then(
      () => this.#o.onWriteProblem?.(undefined),
      (error: unknown) => this.#o.onWriteProblem?.(codeOf(error)),
    );
    await write;
  }

  async #write(): Promise<void> {
    const { file } = this.#o;
    const journal = this.#journal;
    if (file && journal) await replaceFileDurably(file, `${JSON.stringify(journal)}\n`);
  }
}

const isFinished = (state: BulkItemState) => state === 'revoked' || state === 'no-live-token';

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'write failed';
}
