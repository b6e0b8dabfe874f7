import { randomUUID } from 'node:crypto';
import type { WorkerQuery, WorkerRow, WorkersPage } from '../../src-shared/contract';

/** What main keeps about a listed worker beyond its row: what a Verify compares `/people/me` to. */
export interface ListedIdentity {
  /** Deel's numeric `worker_id`. */
  workerId: string | null;
  hrisOrganizationUserId: string | null;
  /** Every email Deel listed (the row shows one). */
  emails: readonly string[];
}

/** One page of workers from Deel, already mapped to rows. */
export interface RowPage {
  rows: WorkerRow[];
  /** Deel's total for the query, when it says (contracts' total is unreliable with filters). */
  total: number | null;
  /** Per row id, what the page knew beyond the row (main only: never sent to the page). */
  identities?: ReadonlyMap<string, ListedIdentity>;
}

/** What main remembers of a worker it listed. */
export interface RememberedWorker extends Partial<ListedIdentity> {
  name: string;
  /** The email its row showed (null: none, or Deel hides it): what a session records. */
  email?: string | null;
}

/**
 * Deel's "sensitive data" toggles off: every row of a page has no name and no email (an empty
 * page says nothing).
 */
export function sensitiveDataHidden(rows: readonly WorkerRow[]): boolean {
  return rows.length > 0 && rows.every((row) => !row.name.trim() && !row.email);
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
  /**
   * Each worker as main last listed it (name, ids, emails): the page does not name workers to
   * main, and a Verify compares `/people/me` with it.
   */
  readonly #known = new Map<string, RememberedWorker>();

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
    return this.#known.get(workerId)?.name;
  }

  /** The worker as main last listed it (undefined: not listed since the connection). */
  listed(workerId: string): RememberedWorker | undefined {
    return this.#known.get(workerId);
  }

  /** A new connection: names listed for another organization no longer apply. */
  forgetNames(): void {
    this.#known.clear();
  }

  #remember(page: RowPage): void {
    for (const row of page.rows) {
      const identity = page.identities?.get(row.id);
      this.#known.delete(row.id);
      this.#known.set(
        row.id,
        identity
          ? { name: row.name, email: row.email, ...identity }
          : { name: row.name, email: row.email, emails: row.email ? [row.email] : [] },
      );
    }
    for (const oldest of this.#known.keys()) {
      if (this.#known.size <= REMEMBERED_NAMES) break;
      this.#known.delete(oldest);
    }
  }

  async #run(queryId: string, query: WorkerQuery, signal: AbortSignal): Promise<void> {
    let loaded = 0;
    let total: number | null = null;
    try {
      for await (const page of this.source(query, signal)) {
        if (signal.aborted) return;
        loaded += page.rows.length;
        this.#remember(page);
        total = page.total ?? total;
        this.onPage({
          queryId,
          rows: page.rows,
          loaded,
          total,
          done: false,
          ...(sensitiveDataHidden(page.rows) && { piiHidden: true as const }),
        });
      }
      if (!signal.aborted)
        this.onPage({ queryId, rows: [], loaded, total: total ?? loaded, done: true });
    } catch (error) {
      if (signal.aborted) return;
      this.onPage({ queryId, rows: [], loaded, total, done: true, error });
    }
  }
}
