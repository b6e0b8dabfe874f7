import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Environment } from '../../src-shared/contract';
import { replaceFileDurably, restrictToOwner } from '../files/durable-write';
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
import { HeadAnchor, type AnchorKeySource, type LogView } from './head-anchor';
import { secretLookingFields } from './token-guard';
import { acquireWriterLock, AuditLogLockedError, type WriterLock } from './writer-lock';

export const AUDIT_FILE_NAME = 'audit-log.jsonl';
/** Beside the log: its anchored head, and the lock its one writer holds. */
export const anchorPathOf = (logPath: string) => `${logPath}.head.json`;
export const lockPathOf = (logPath: string) => `${logPath}.lock`;

export interface AuditLogOptions {
  /** The folder holding the log (the Electron userData folder in the app). */
  dir: string;
  fileName?: string;
  now?: () => Date;
  /** Secrets the process holds right now; an entry containing one is refused. */
  knownSecrets?: () => Iterable<string>;
  /** Where the head is anchored outside the log; unanchored when omitted. */
  anchor?: HeadAnchor;
  /** Who is operating the console now: stamped on every entry that does not name someone. */
  operator?: () => { account: string; name?: string };
}

export interface AuditOpenOptions extends Omit<AuditLogOptions, 'anchor'> {
  /** The keyring-sealed key that anchors the log's head; the log is unanchored without one. */
  anchorKeys?: AnchorKeySource;
  /** The connection the log's own entries (what a start recovered) are written under. */
  context: () => { environment: Environment; organization: string };
}

/** What opening the log found. */
export interface AuditStartup {
  /** What this start repaired or detected, each also written as an `audit-recovered` entry. */
  recovered: string[];
  /** Another live process holds the writer lock: every append is refused until it exits. */
  locked?: { pid: number; lockPath: string };
}

/** An `audit-recovered` entry: something that happened to the log itself. */
export interface AuditIncident {
  seq: number;
  time: string;
  detail: string;
  /** `failure`: entries were lost; `success`: only a torn, never-finished line was set aside. */
  outcome: AuditOutcome;
}

/** Whether the log's end is anchored, so that removed or rewritten entries can be told. */
export interface AnchorStatus {
  anchored: boolean;
  /** Why not (no keyring), or why the newest entries are not yet (a failed anchor write). */
  note?: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditVerifyResult = (
  | { ok: true; entries: number; head: AuditHead | null }
  | {
      ok: false;
      /** Entries that verified before the break. */
      entries: number;
      /** 1-based line number in the file of the first broken link. */
      line: number;
      reason: string;
    }
) & { anchor: AnchorStatus; incidents: AuditIncident[] };

export interface AuditQuery {
  offset?: number;
  limit?: number;
  action?: AuditAction | readonly AuditAction[];
  workerId?: string;
  outcome?: AuditOutcome;
  /** The organization's name, exactly as its lines name it. */
  organization?: string;
  environment?: string;
  /** Text found, case-insensitively, in the worker's name, email or id. */
  worker?: string;
  /** ISO instants: lines written at or after `from`, and before `to`. */
  from?: string;
  to?: string;
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
  /** Every organization the log names (whatever the filters), for the page's filter. */
  organizations: string[];
}

const MAX_PAGE = 500;
const FREE_TEXT_FIELDS = new Set([
  'organization',
  'workerName',
  'workerEmail',
  'detail',
  'operatorName',
  'reason',
]);

/** What a value that looked like a token is written as: the field, never the value. */
export const REDACTED = '[redacted: it looked like a token]';

/** The longest value each text field may hold (auditInputSchema's limits). */
const FIELD_LIMITS: Readonly<Record<string, number>> = {
  organization: 500,
  workerId: 200,
  workerName: 500,
  workerEmail: 320,
  requestId: 200,
  detail: 2000,
  operatorAccount: 200,
  operatorName: 100,
  reason: 200,
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
  readonly #operator: (() => { account: string; name?: string }) | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Where the chain continues; undefined until read from disk (again after a failed write). */
  #tail: { head: AuditHead | null; endsWithNewline: boolean } | undefined;
  readonly #anchor: HeadAnchor;
  #lock: WriterLock | undefined;
  #startup: AuditStartup = { recovered: [] };

  constructor(options: AuditLogOptions) {
    this.path = join(options.dir, options.fileName ?? AUDIT_FILE_NAME);
    this.#now = options.now ?? (() => new Date());
    this.#knownSecrets = options.knownSecrets ?? (() => []);
    this.#operator = options.operator;
    this.#anchor =
      options.anchor ?? HeadAnchor.none('no keyring-sealed key was given to anchor it');
  }

  /**
   * The log as the console opens it: the writer lock taken, a torn last line (a crash
   * mid-write) set aside, and the head checked against its anchor. What was found is written
   * as an `audit-recovered` entry that chains on, so the log verifies again and says what
   * happened; `startup` lists it for the page.
   */
  static async open(options: AuditOpenOptions): Promise<AuditLog> {
    const path = join(options.dir, options.fileName ?? AUDIT_FILE_NAME);
    const anchor = options.anchorKeys
      ? await HeadAnchor.open(anchorPathOf(path), options.anchorKeys)
      : HeadAnchor.none('no keyring-sealed key was given to anchor it');
    const log = new AuditLog({ ...options, anchor });
    for (const file of [path, anchorPathOf(path)])
      await restrictToOwner(file).catch(() => undefined);
    await log.#queue;
    log.#queue = log.#startUp(options.context).catch(() => undefined);
    await log.#queue;
    return log;
  }

  /** What opening the log found (empty for a log made with `new`). */
  startup(): AuditStartup {
    return this.#startup;
  }

  /** Releases the writer lock. */
  async close(): Promise<void> {
    await this.#queue;
    await this.#lock?.release();
    this.#lock = undefined;
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

  /**
   * Checks every link of the chain, then the head against its anchor: an edited, inserted,
   * reordered or deleted line, a tail cut short, a deleted file and a chain rewritten from its
   * first line are each reported. Incidents the log recorded about itself are listed.
   */
  async verify(): Promise<AuditVerifyResult> {
    await this.#queue;
    const lines = await this.#lines();
    const chain = verifyChain(lines);
    const view = logView(lines, await exists(this.path));
    const check = this.#anchor.check(view);
    const behind = this.#anchor.behind();
    const anchor: AnchorStatus =
      check.state === 'unanchored'
        ? { anchored: false, note: check.reason }
        : behind
          ? { anchored: true, note: `the newest entries are not anchored yet (${behind})` }
          : { anchored: true };
    const extra = { anchor, incidents: view.incidents };
    if (!chain.ok) return { ...chain, ...extra };
    if (check.state === 'lost') {
      return {
        ok: false,
        entries: chain.entries,
        line: lines.length + 1,
        reason: check.reason,
        ...extra,
      };
    }
    return { ...chain, ...extra };
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
      organizations: [...new Set(entries.map((entry) => entry.organization))].sort(),
    };
  }

  /** The readable entries written at or after `since` under one connection, oldest first. */
  async entriesSince(
    since: Date,
    where: { environment: string; organization: string },
  ): Promise<AuditEntry[]> {
    await this.#queue;
    const from = since.toISOString();
    const { entries } = await this.#entries();
    return entries.filter(
      (entry) =>
        entry.time >= from &&
        entry.environment === where.environment &&
        entry.organization === where.organization,
    );
  }

  /** Writes the matching entries, oldest first, as CSV; returns the number of rows. */
  async exportCsv(
    destination: string,
    filter: Omit<AuditQuery, 'offset' | 'limit'> = {},
  ): Promise<number> {
    await this.#queue;
    const { entries } = await this.#entries();
    const rows = entries.filter(matcher(filter));
    await writeExport(destination, auditEntriesToCsv(rows));
    return rows.length;
  }

  /**
   * Writes the matching entries, oldest first, as NDJSON: each line exactly as the log stores
   * it (the hash-chain fields included), so `npm run audit:verify` checks the export offline.
   * Returns the number of entries.
   */
  async exportNdjson(
    destination: string,
    filter: Omit<AuditQuery, 'offset' | 'limit'> = {},
  ): Promise<number> {
    await this.#queue;
    const matches = matcher(filter);
    const lines = storedLines(await this.#lines())
      .filter(({ entry }) => matches(entry))
      .map(({ line }) => line);
    await writeExport(destination, lines.map((line) => `${line}\n`).join(''));
    return lines.length;
  }

  /**
   * The stored lines of the readable entries after `seq`, oldest first, at most `limit` (what
   * the forwarder sends: the line as written, already redacted).
   */
  async storedAfter(seq: number, limit: number): Promise<StoredLine[]> {
    await this.#queue;
    const out: StoredLine[] = [];
    for (const line of await this.#lines()) {
      // Only the lines after `seq` are checked against the schema: a long backlog is sent in
      // many batches, and each batch reads the file again.
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        continue;
      }
      const lineSeq = (raw as { seq?: unknown } | null)?.seq;
      if (typeof lineSeq === 'number' && lineSeq <= seq) continue;
      const parsed = storedAuditEntrySchema.safeParse(raw);
      if (!parsed.success || parsed.data.seq <= seq) continue;
      out.push({ entry: parsed.data, line });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** How many readable entries come after `seq`. */
  async countAfter(seq: number): Promise<number> {
    await this.#queue;
    return (await this.#entries()).entries.filter((entry) => entry.seq > seq).length;
  }

  async #startUp(context: AuditOpenOptions['context']): Promise<void> {
    try {
      await this.#takeLock();
    } catch (error) {
      if (error instanceof AuditLogLockedError) {
        this.#startup = {
          recovered: [],
          locked: { pid: error.holderPid, lockPath: error.lockPath },
        };
        return;
      }
      // Not fatal here (a full disk, say): every append tries again, and fails until it works.
    }
    const notes: { outcome: AuditOutcome; detail: string }[] = [];
    const torn = await this.#setTornTailAside().catch(() => undefined);
    if (torn) notes.push({ outcome: 'success', detail: torn });
    const keyNote = this.#anchor.startNote();
    if (keyNote) notes.push({ outcome: 'failure', detail: keyNote });
    const check = this.#anchor.check(logView(await this.#lines(), await exists(this.path)));
    if (check.state === 'lost')
      notes.push({ outcome: 'failure', detail: `Detected at start: ${check.reason}.` });
    for (const note of notes) {
      await this.#writeEntry(
        auditInputSchema.parse({
          action: 'audit-recovered',
          ...context(),
          ...this.#operatorStamp(),
          ...note,
        }),
      );
    }
    if (notes.length === 0 && check.state !== 'unanchored') {
      // Nothing to write: anchor the head as it is (a first start anchors the existing log).
      await this.#anchor.record((await this.#readTail()).head ?? GENESIS_HEAD);
    }
    await this.#anchor.keepKey();
    this.#startup = { recovered: notes.map((note) => note.detail) };
  }

  /** The operator fields of a new entry (none when the log was opened without an operator). */
  #operatorStamp(): Pick<AuditInput, 'operatorAccount' | 'operatorName'> {
    const operator = this.#operator?.();
    if (!operator) return {};
    return {
      operatorAccount: operator.account.slice(0, 200),
      ...(operator.name?.trim() && { operatorName: operator.name.trim().slice(0, 100) }),
    };
  }

  async #takeLock(): Promise<void> {
    if (this.#lock) return;
    await mkdir(dirname(this.path), { recursive: true });
    this.#lock = await acquireWriterLock(lockPathOf(this.path));
  }

  async #append(input: AuditInput): Promise<AuditEntry> {
    // Server text (a request id, Deel's words) is clipped to the log's limits, and a value the
    // secret guard refuses is written redacted: the line is kept either way, because an audit
    // line dropped after Deel acted is a record lost.
    const fields = auditInputSchema.parse(clipped({ ...this.#operatorStamp(), ...input }));
    for (const field of secretLookingFields(fields, {
      knownSecrets: this.#knownSecrets(),
      freeTextFields: FREE_TEXT_FIELDS,
    })) {
      (fields as Record<string, unknown>)[field] = REDACTED;
    }
    await this.#takeLock();
    if (!(await this.#readTail()).endsWithNewline) {
      // A write cut short in this run (a full disk): set it aside first, and say so.
      const torn = await this.#setTornTailAside();
      if (torn) {
        await this.#writeEntry(
          auditInputSchema.parse({
            action: 'audit-recovered',
            environment: fields.environment,
            organization: fields.organization,
            outcome: 'success',
            detail: torn,
          }),
        );
      }
    }
    return this.#writeEntry(fields);
  }

  /**
   * A last line without its newline is a write a crash or a full disk cut short: never a
   * complete entry, so nothing the console reported done. It is moved to a side file and the
   * log cut back to its last complete line; returns what was done, for the recovered entry.
   * A complete entry that only lacks its newline gets the newline.
   */
  async #setTornTailAside(): Promise<string | undefined> {
    const bytes = await readBytesIfExists(this.path);
    if (bytes.length === 0 || bytes.at(-1) === NEWLINE) return undefined;
    const cut = bytes.lastIndexOf(NEWLINE) + 1;
    const torn = bytes.subarray(cut);
    this.#tail = undefined;
    if (isCompleteEntry(torn.toString('utf8'))) {
      await this.#writeDurably('\n');
      return undefined;
    }
    const asideName = `${basename(this.path)}.torn-${this.#now().toISOString().replace(/[:.]/g, '-')}`;
    await replaceFileDurably(join(dirname(this.path), asideName), torn);
    const handle = await open(this.path, 'r+');
    try {
      await handle.truncate(cut);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return `A line cut short by an interrupted write (${torn.length} bytes, never a complete entry) was moved to ${asideName}.`;
  }

  async #writeEntry(fields: AuditInput): Promise<AuditEntry> {
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
    const head = { seq: entry.seq, hash: entry.hash };
    this.#tail = { head, endsWithNewline: true };
    await this.#anchor.record(head);
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

/** One readable entry and its line exactly as stored. */
export interface StoredLine {
  entry: AuditEntry;
  line: string;
}

function storedLines(lines: readonly string[]): StoredLine[] {
  const out: StoredLine[] = [];
  for (const line of lines) {
    try {
      const parsed = storedAuditEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) out.push({ entry: parsed.data, line });
    } catch {
      // Unreadable: verify() says where and why.
    }
  }
  return out;
}

/**
 * Writes an export beside the target and renames it, so a failed export never leaves half a
 * file. The temp name is random and created exclusively: a symlink planted there is never
 * followed.
 */
async function writeExport(destination: string, content: string): Promise<void> {
  const temporary = `${destination}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(temporary, 'wx', 0o600);
  try {
    await file.writeFile(content, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, destination);
}

const NEWLINE = 0x0a;
const GENESIS_HEAD: AuditHead = { seq: 0, hash: GENESIS_HASH };

type ChainResult =
  | { ok: true; entries: number; head: AuditHead | null }
  | { ok: false; entries: number; line: number; reason: string };

function verifyChain(lines: readonly string[]): ChainResult {
  let prev: AuditHead | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const broken = (reason: string): ChainResult => ({ ok: false, entries: index, line, reason });
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
  return { ok: true, entries: lines.length, head: prev };
}

/** The entries as the anchor checks them, and the incidents the log recorded about itself. */
function logView(
  lines: readonly string[],
  fileExists: boolean,
): LogView & { incidents: AuditIncident[] } {
  const { entries } = parseEntries(lines);
  const bySeq = new Map<number, string>();
  const incidents: AuditIncident[] = [];
  let lastSeq = 0;
  for (const entry of entries) {
    bySeq.set(entry.seq, entry.hash);
    lastSeq = Math.max(lastSeq, entry.seq);
    if (entry.action === 'audit-recovered') {
      incidents.push({
        seq: entry.seq,
        time: entry.time,
        detail: entry.detail ?? '',
        outcome: entry.outcome,
      });
    }
  }
  return { hashAt: (seq) => bySeq.get(seq), lastSeq, fileExists, incidents };
}

function isCompleteEntry(text: string): boolean {
  try {
    const parsed = storedAuditEntrySchema.safeParse(JSON.parse(text));
    return parsed.success && hashEntry(parsed.data) === parsed.data.hash;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return false;
    throw error;
  }
}

async function readBytesIfExists(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
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
  const worker = query.worker?.trim().toLowerCase() || undefined;
  const from = query.from === undefined ? undefined : Date.parse(query.from);
  const to = query.to === undefined ? undefined : Date.parse(query.to);
  return (entry) =>
    (actions === undefined || actions.has(entry.action)) &&
    (query.workerId === undefined || entry.workerId === query.workerId) &&
    (query.outcome === undefined || entry.outcome === query.outcome) &&
    (query.organization === undefined || entry.organization === query.organization) &&
    (query.environment === undefined || entry.environment === query.environment) &&
    (worker === undefined ||
      [entry.workerName, entry.workerEmail, entry.workerId].some((field) =>
        field?.toLowerCase().includes(worker),
      )) &&
    (from === undefined || Date.parse(entry.time) >= from) &&
    (to === undefined || Date.parse(entry.time) < to);
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
