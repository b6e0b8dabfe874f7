import { randomUUID } from 'node:crypto';
import type { WorkerQuery, WorkerRow, WorkersPage } from '../../src-shared/contract';

/** One page of workers from Deel, already mapped to rows. */
export interface RowPage {
  rows: WorkerRow[];
  /** Deel's total for the query, when it says (contracts' total is unreliable with filters). */
  total: number | null;
}

/** A page of a running query; a failure carries the error as thrown (ipc/ makes it wire-safe). */
export type StreamedPage = Omit<WorkersPage, 'error'> & { error?: unknown };

/** Streams the pages of one query, in order; stops when `signal` aborts. */
export type WorkerSource = (query: WorkerQuery, signal: AbortSignal) => AsyncIterable<RowPage>;

/**
 * Runs worker queries and streams their pages to the page as they arrive, so the first rows show
 * at once. A new query aborts the one before it: only the newest search is worth Deel's budget.
 */
/** How many listed workers' names main remembers (a Map in insertion order: oldest go first). */
export const REMEMBERED_NAMES = 100_000;

export class WorkerQueries {
  #current: AbortController | undefined;
  /** The name each worker had when main last listed it: the page does not name workers to main. */
  readonly #names = new Map<string, string>();

  constructor(
    private readonly source: WorkerSource,
    private readonly onPage: (page: StreamedPage) => void,
  ) {}

  start(query: WorkerQuery): { queryId: string } {
    this.#current?.abort();
    const controller = new AbortController();
    this.#current = controller;
    const queryId = randomUUID();
    void this.#run(queryId, query, controller.signal);
    return { queryId };
  }

  stop(): void {
    this.#current?.abort();
    this.#current = undefined;
  }

  /** The worker's name as main last listed it (undefined: not listed since the connection). */
  nameOf(workerId: string): string | undefined {
    return this.#names.get(workerId);
  }

  /** A new connection: names listed for another organization no longer apply. */
  forgetNames(): void {
    this.#names.clear();
  }

  #remember(rows: readonly WorkerRow[]): void {
    for (const row of rows) {
      this.#names.delete(row.id);
      this.#names.set(row.id, row.name);
    }
    for (const oldest of this.#names.keys()) {
      if (this.#names.size <= REMEMBERED_NAMES) break;
      this.#names.delete(oldest);
    }
  }

  async #run(queryId: string, query: WorkerQuery, signal: AbortSignal): Promise<void> {
    let loaded = 0;
    let total: number | null = null;
    try {
      for await (const page of this.source(query, signal)) {
        if (signal.aborted) return;
        loaded += page.rows.length;
        this.#remember(page.rows);
        total = page.total ?? total;
        this.onPage({ queryId, rows: page.rows, loaded, total, done: false });
      }
      if (!signal.aborted)
        this.onPage({ queryId, rows: [], loaded, total: total ?? loaded, done: true });
    } catch (error) {
      if (signal.aborted) return;
      this.onPage({ queryId, rows: [], loaded, total, done: true, error });
    }
  }
}
