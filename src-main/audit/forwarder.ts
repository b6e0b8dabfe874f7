import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { replaceFileDurably } from '../files/durable-write';
import { systemTimers, type Timers } from '../sessions/ports';
import type { StoredLine } from './audit-log';
import type { AuditEntry } from './entry';
import { forwardUrlProblem } from './forward-url';

/** Beside the log: the last entry the collector acknowledged (a 2xx). */
export const FORWARD_CURSOR_FILE = 'audit-forward-cursor.json';

/** What the forwarder reads: the log's stored lines (already redacted), oldest first. */
export interface ForwardSource {
  storedAfter(seq: number, limit: number): Promise<StoredLine[]>;
  countAfter(seq: number): Promise<number>;
}

export interface AuditForwarderOptions {
  /** The folder the cursor file lives in (the user-data folder, beside the log). */
  dir: string;
  source: ForwardSource;
  /** The collector's URL now ('' = off): read on every pass, so a Settings change applies. */
  url: () => string;
  /** http to a loopback collector allowed (a development build, or the developer setting). */
  allowLoopbackHttp: () => boolean;
  /** The collector's `Authorization` header value, if it needs one (read on every request). */
  authorization?: () => string | undefined;
  fetch?: typeof fetch;
  timers?: Timers;
  /** Entries per request (one NDJSON body). */
  batchSize?: number;
  /** A request unanswered this long is a failure (and retried). */
  timeoutMs?: number;
  /** The wait after the first failure, doubled on each further one up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/** What Settings shows about forwarding. */
export interface ForwardStatus {
  enabled: boolean;
  /** The last seq the collector acknowledged. */
  acknowledgedSeq: number;
  /** Entries written but not yet acknowledged. */
  pending: number;
  /** Why the last attempt failed (or why the URL is refused); none once it works again. */
  lastError?: string;
  /** When the current run of failures began (epoch ms). */
  failingSince?: number;
  /** When the next retry is due (epoch ms), while backing off. */
  retryAt?: number;
}

const cursorSchema = z.object({
  version: z.literal(1),
  /** The collector these entries were acknowledged by: another URL starts from the beginning. */
  url: z.string(),
  seq: z.number().int().nonnegative(),
  hash: z.string().optional(),
});
type Cursor = z.infer<typeof cursorSchema>;

/** The collector answered, but not with a 2xx. */
class CollectorRefused extends Error {}

/**
 * Forwards the audit log to an HTTPS collector (a SIEM's HTTP event endpoint), in order, each
 * entry once. Each POST carries a batch of stored lines as NDJSON (the lines as written: already
 * redacted, hash chain included); each entry's own `hash` is its idempotency key, and the batch
 * names its first and last in `Idempotency-Key` (a failed batch is retried as it was). The cursor (the last seq acknowledged) is
 * written durably only after a 2xx, so a collector that is down (refused, 5xx, timeout) gets the
 * same entries again after a back-off, and a restart resumes from the cursor: nothing is lost,
 * and nothing acknowledged is sent again. One request at a time, so the order is the log's.
 */
export class AuditForwarder {
  readonly cursorPath: string;
  readonly #options: AuditForwarderOptions;
  readonly #fetch: typeof fetch;
  readonly #timers: Timers;
  #cursor: Cursor | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;
  #cancelRetry: (() => void) | undefined;
  #abort: AbortController | undefined;
  #failures = 0;
  #lastError: string | undefined;
  #failingSince: number | undefined;
  #retryAt: number | undefined;
  #unacknowledged: { url: string; afterSeq: number; batch: StoredLine[] } | undefined;

  constructor(options: AuditForwarderOptions) {
    this.#options = options;
    this.cursorPath = join(options.dir, FORWARD_CURSOR_FILE);
    this.#fetch = options.fetch ?? fetch;
    this.#timers = options.timers ?? systemTimers;
  }

  /** Starts forwarding whatever is after the cursor (nothing when off). */
  start(): void {
    this.#stopped = false;
    this.nudge();
  }

  /** Something was appended, or the settings changed: send it now, unless backing off. */
  nudge(): void {
    if (this.#stopped || this.#cancelRetry) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pump().finally(() => {
      this.#running = undefined;
      if (this.#again && !this.#stopped && !this.#cancelRetry) {
        this.#again = false;
        this.nudge();
      }
    });
  }

  /** The URL or its policy changed: forget the back-off and try at once. */
  settingsChanged(): void {
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    this.#retryAt = undefined;
    this.#failures = 0;
    this.nudge();
  }

  /** Resolves once nothing is in flight (tests, and a clean stop). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    this.#retryAt = undefined;
    this.#abort?.abort();
    await this.idle();
  }

  async status(): Promise<ForwardStatus> {
    const url = this.#options.url().trim();
    const problem = forwardUrlProblem(url, this.#options.allowLoopbackHttp());
    if (url === '') return { enabled: false, acknowledgedSeq: 0, pending: 0 };
    const cursor = await this.#cursorFor(url);
    const lastError = problem ?? this.#lastError;
    return {
      enabled: problem === undefined,
      acknowledgedSeq: cursor.seq,
      pending: await this.#options.source.countAfter(cursor.seq),
      ...(lastError !== undefined && { lastError }),
      ...(this.#failingSince !== undefined && { failingSince: this.#failingSince }),
      ...(this.#retryAt !== undefined && { retryAt: this.#retryAt }),
    };
  }

  async #pump(): Promise<void> {
    const batchSize = this.#options.batchSize ?? 500;
    while (!this.#stopped) {
      const url = this.#options.url().trim();
      if (url === '') return;
      const problem = forwardUrlProblem(url, this.#options.allowLoopbackHttp());
      // A refused URL waits for Settings to change; nothing is sent and nothing is lost.
      if (problem) return;
      const cursor = await this.#cursorFor(url);
      // A failed batch is retried as it was (same entries, same key), so a collector that did
      // receive it the first time can tell the copy.
      const retry = this.#unacknowledged;
      const batch =
        retry && retry.url === url && retry.afterSeq === cursor.seq
          ? retry.batch
          : await this.#options.source.storedAfter(cursor.seq, batchSize);
      const first = batch[0]?.entry;
      const last = batch.at(-1)?.entry;
      if (!first || !last) return;
      this.#unacknowledged = { url, afterSeq: cursor.seq, batch };
      try {
        await this.#send(url, batch, { first, last });
      } catch (error) {
        this.#failed(error);
        return;
      }
      this.#unacknowledged = undefined;
      await this.#advance({ version: 1, url, seq: last.seq, hash: last.hash });
    }
  }

  async #send(
    url: string,
    batch: readonly StoredLine[],
    { first, last }: { first: AuditEntry; last: AuditEntry },
  ): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    const cancelTimeout = this.#timers.setTimer(() => abort.abort(), timeoutMs);
    const authorization = this.#options.authorization?.();
    try {
      const response = await this.#fetch(url, {
        method: 'POST',
        headers: {
          ...(authorization && { authorization }),
          'content-type': 'application/x-ndjson',
          'idempotency-key': `${first.hash}-${last.hash}`,
          'x-audit-seq-range': `${first.seq}-${last.seq}`,
        },
        body: batch.map(({ line }) => `${line}\n`).join(''),
        signal: abort.signal,
        redirect: 'error',
      });
      // The body is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status > 299)
        throw new CollectorRefused(`The collector answered HTTP ${response.status}.`);
    } catch (error) {
      if (abort.signal.aborted && !(error instanceof CollectorRefused))
        throw new Error(
          this.#stopped
            ? 'Stopped while sending.'
            : `The collector did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
          { cause: error },
        );
      throw error;
    } finally {
      cancelTimeout();
      this.#abort = undefined;
    }
  }

  async #advance(next: Cursor): Promise<void> {
    // Acknowledged: never sent again in this run, even if the cursor cannot be written now.
    this.#cursor = next;
    this.#failures = 0;
    this.#failingSince = undefined;
    this.#lastError = undefined;
    try {
      await replaceFileDurably(this.cursorPath, `${JSON.stringify(next)}\n`);
    } catch (error) {
      // The next acknowledged batch writes it again; until then a restart would resend these
      // entries (the collector can tell by their hashes).
      this.#lastError = `The forwarding cursor could not be saved (${describe(error)}).`;
    }
  }

  #failed(error: unknown): void {
    if (this.#stopped) return;
    this.#failures++;
    this.#lastError = error instanceof CollectorRefused ? error.message : describe(error);
    const now = this.#timers.now();
    this.#failingSince ??= now;
    const first = this.#options.firstRetryMs ?? 1_000;
    const max = this.#options.maxRetryMs ?? 60_000;
    const wait = Math.min(max, first * 2 ** Math.min(this.#failures - 1, 30));
    this.#retryAt = now + wait;
    this.#cancelRetry = this.#timers.setTimer(() => {
      this.#cancelRetry = undefined;
      this.#retryAt = undefined;
      this.nudge();
    }, wait);
  }

  /** The cursor for this collector: read from disk once; another collector starts at 0. */
  async #cursorFor(url: string): Promise<Cursor> {
    if (this.#cursor === undefined) {
      const saved = await readCursor(this.cursorPath);
      this.#cursor = saved && (await this.#stillInLog(saved)) ? saved : undefined;
    }
    if (this.#cursor && this.#cursor.url === url) return this.#cursor;
    return { version: 1, url, seq: 0 };
  }

  /**
   * Whether the entry the cursor names is still in the log as it was. A log replaced or cut
   * back (restored from a backup, say) starts again from its first entry: the collector gets
   * entries again rather than missing new ones under old numbers.
   */
  async #stillInLog(cursor: Cursor): Promise<boolean> {
    if (cursor.seq === 0) return true;
    const [at] = await this.#options.source.storedAfter(cursor.seq - 1, 1);
    return at !== undefined && at.entry.seq === cursor.seq && at.entry.hash === cursor.hash;
  }
}

async function readCursor(path: string): Promise<Cursor | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // A damaged cursor starts again from the first entry: resent, never lost (the collector
    // can tell a resent entry by its hash).
    return undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const code =
      cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
    return code ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
