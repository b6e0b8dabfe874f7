import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  storedAuditEntrySchema,
  auditInputSchema,
  GENESIS_HASH,
  hashEntry,
  type AuditAction,
  type AuditEntry,
  type AuditInput,
  type AuditOutcome,
} from './entry';
import { auditEntriesToCsv } from './csv';
import { secretLookingFields } from './token-guard';

export const AUDIT_FILE_NAME = 'audit-log.jsonl';

export interface AuditLogOptions {
  /** The folder holding the log (the Electron userData folder in the app). */
  dir: string;
  fileName?: string;
  now?: () => Date;
  /** Secrets the process holds right now; an entry containing one is refused. */
  knownSecrets?: () => Iterable<string>;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditVerifyResult =
  | { ok: true; entries: number; head: AuditHead | null }
  | {
      ok: false;
      /** Entries that verified before the break. */
      entries: number;
      /** 1-based line number in the file of the first broken link. */
      line: number;
      reason: string;
    };

export interface AuditQuery {
  offset?: number;
  limit?: number;
  action?: AuditAction | readonly AuditAction[];
  workerId?: string;
  outcome?: AuditOutcome;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Entries matching the filters. */
  total: number;
  offset: number;
  limit: number;
  /** Lines that could not be read as entries (run verify() for where and why). */
  unreadableLines: number;
}

const MAX_PAGE = 500;
const FREE_TEXT_FIELDS = new Set(['organization', 'workerName', 'detail']);

/** What a value that looked like a token is written as: the field, never the value. */
export const REDACTED = '[redacted: it looked like a token]';

/** The longest value each text field may hold (auditInputSchema's limits). */
const FIELD_LIMITS: Readonly<Record<string, number>> = {
  organization: 500,
  workerId: 200,
  workerName: 500,
  requestId: 200,
  detail: 2000,
};

function clipped(input: AuditInput): AuditInput {
  const out: Record<string, unknown> = { ...input };
  for (const [field, limit] of Object.entries(FIELD_LIMITS)) {
    const value = out[field];
    if (typeof value === 'string' && value.length > limit)
      out[field] = `${value.slice(0, limit - 1)}…`;
  }
  return out as AuditInput;
}

/**
 * Append-only, hash-chained JSON Lines. Each entry carries the SHA-256 of the previous one, so
 * an edited, deleted, inserted or reordered line breaks the chain at that point. Appends are
 * serialized (one chain, no interleaving) and fsync'd before the promise resolves, so when the
 * console reports an operation done its audit line is on disk.
 */
export class AuditLog {
  readonly path: string;
  readonly #now: () => Date;
  readonly #knownSecrets: () => Iterable<string>;
  #queue: Promise<unknown> = Promise.resolve();
  /** Where the chain continues; undefined until read from disk (again after a failed write). */
  #tail: { head: AuditHead | null; endsWithNewline: boolean } | undefined;

  constructor(options: AuditLogOptions) {
    this.path = join(options.dir, options.fileName ?? AUDIT_FILE_NAME);
    this.#now = options.now ?? (() => new Date());
    this.#knownSecrets = options.knownSecrets ?? (() => []);
  }

  append(input: AuditInput): Promise<AuditEntry> {
    const run = this.#queue.then(() => this.#append(input));
    // A failed append must not block the ones queued after it.
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The last entry written, for anchoring outside the file (detects truncation). */
  async head(): Promise<AuditHead | null> {
    await this.#queue;
    return (await this.#readTail()).head;
  }

  async verify(options: { expectedHead?: AuditHead } = {}): Promise<AuditVerifyResult> {
    await this.#queue;
    const lines = await this.#lines();
    let prev: AuditHead | null = null;
    for (let index = 0; index < lines.length; index++) {
      const line = index + 1;
      const broken = (reason: string): AuditVerifyResult => ({
        ok: false,
        entries: index,
        line,
        reason,
      });
      const text = lines[index] ?? '';
      if (text.trim() === '') return broken('empty line');
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return broken('not valid JSON');
      }
      const parsed = storedAuditEntrySchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.map(String).join('.') || 'entry';
        return broken(`not a valid audit entry (${where}: ${issue?.message ?? 'invalid'})`);
      }
      const entry = parsed.data;
      if (hashEntry(entry) !== entry.hash) {
        return broken('content does not match its hash: the line was edited');
      }
      const expectedPrev: string = prev?.hash ?? GENESIS_HASH;
      if (entry.prevHash !== expectedPrev) {
        return broken(
          'prevHash does not match the previous line: a line was deleted, inserted or reordered',
        );
      }
      const expectedSeq: number = (prev?.seq ?? 0) + 1;
      if (entry.seq !== expectedSeq) {
        return broken(`seq is ${entry.seq}, expected ${expectedSeq}`);
      }
      prev = { seq: entry.seq, hash: entry.hash };
    }
    const expected = options.expectedHead;
    if (expected && (prev === null || prev.seq < expected.seq)) {
      return {
        ok: false,
        entries: lines.length,
        line: lines.length + 1,
        reason: `the log ends before entry ${expected.seq}: lines were removed from its end`,
      };
    }
    if (expected && prev !== null && prev.seq === expected.seq && prev.hash !== expected.hash) {
      return {
        ok: false,
        entries: lines.length - 1,
        line: lines.length,
        reason: 'the last entry differs from the one recorded: the log was rewritten',
      };
    }
    return { ok: true, entries: lines.length, head: prev };
  }

  async read(query: AuditQuery = {}): Promise<AuditPage> {
    await this.#queue;
    const offset = Math.max(0, Math.trunc(query.offset ?? 0));
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.trunc(query.limit ?? 50)));
    const { entries, unreadable } = await this.#entries();
    const matching = entries.filter(matcher(query)).reverse();
    return {
      entries: matching.slice(offset, offset + limit),
      total: matching.length,
      offset,
      limit,
      unreadableLines: unreadable,
    };
  }

  /** Writes the matching entries, oldest first, as CSV; returns the number of rows. */
  async exportCsv(
    destination: string,
    filter: Omit<AuditQuery, 'offset' | 'limit'> = {},
  ): Promise<number> {
    await this.#queue;
    const { entries } = await this.#entries();
    const rows = entries.filter(matcher(filter));
    // Write beside the target and rename, so a failed export never leaves half a file.
    const temporary = `${destination}.${process.pid}.tmp`;
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(auditEntriesToCsv(rows), 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, destination);
    return rows.length;
  }

  async #append(input: AuditInput): Promise<AuditEntry> {
    // Server text (a request id, Deel's words) is clipped to the log's limits, and a value the
    // secret guard refuses is written redacted: the line is kept either way, because an audit
    // line dropped after Deel acted is a record lost.
    const fields = auditInputSchema.parse(clipped(input));
    for (const field of secretLookingFields(fields, {
      knownSecrets: this.#knownSecrets(),
      freeTextFields: FREE_TEXT_FIELDS,
    })) {
      (fields as Record<string, unknown>)[field] = REDACTED;
    }
    const tail = await this.#readTail();
    const unsigned = {
      ...fields,
      seq: (tail.head?.seq ?? 0) + 1,
      time: this.#now().toISOString(),
      prevHash: tail.head?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...unsigned, hash: hashEntry(unsigned) };
    // A torn last line (crash mid-write) is left for verify() to report; never glue onto it.
    const text = `${tail.endsWithNewline ? '' : '\n'}${JSON.stringify(entry)}\n`;
    this.#tail = undefined;
    const created = await this.#writeDurably(text);
    if (created) await syncDirectory(dirname(this.path));
    this.#tail = { head: { seq: entry.seq, hash: entry.hash }, endsWithNewline: true };
    return entry;
  }

  /** Appends and fsyncs; returns whether the file was new. */
  async #writeDurably(text: string): Promise<boolean> {
    await mkdir(dirname(this.path), { recursive: true });
    const file = await open(this.path, 'a', 0o600);
    try {
      const { size } = await file.stat();
      await file.appendFile(text, 'utf8');
      await file.sync();
      return size === 0;
    } finally {
      await file.close();
    }
  }

  async #readTail(): Promise<{ head: AuditHead | null; endsWithNewline: boolean }> {
    if (this.#tail) return this.#tail;
    const content = await readIfExists(this.path);
    const { entries } = parseEntries(splitLines(content));
    const last = entries.at(-1);
    this.#tail = {
      head: last ? { seq: last.seq, hash: last.hash } : null,
      endsWithNewline: content === '' || content.endsWith('\n'),
    };
    return this.#tail;
  }

  async #lines(): Promise<string[]> {
    return splitLines(await readIfExists(this.path));
  }

  async #entries(): Promise<{ entries: AuditEntry[]; unreadable: number }> {
    return parseEntries(await this.#lines());
  }
}

function splitLines(content: string): string[] {
  if (content === '') return [];
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function parseEntries(lines: readonly string[]): { entries: AuditEntry[]; unreadable: number } {
  const entries: AuditEntry[] = [];
  let unreadable = 0;
  for (const line of lines) {
    try {
      const parsed = storedAuditEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else unreadable++;
    } catch {
      unreadable++;
    }
  }
  return { entries, unreadable };
}

function matcher(query: Omit<AuditQuery, 'offset' | 'limit'>): (entry: AuditEntry) => boolean {
  const actions =
    query.action === undefined
      ? undefined
      : new Set<string>(typeof query.action === 'string' ? [query.action] : query.action);
  return (entry) =>
    (actions === undefined || actions.has(entry.action)) &&
    (query.workerId === undefined || entry.workerId === query.workerId) &&
    (query.outcome === undefined || entry.outcome === query.outcome);
}

async function readIfExists(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return '';
    throw error;
  }
}

/** Makes a new file's directory entry durable too; not supported on Windows, hence best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file content itself is already fsync'd.
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
