import { copyFile, mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { sweepStopReasons } from '../../src-shared/contract';
import { isMissingFile, syncFolder } from '../files/durable-write';

/**
 * The journal of an organization sweep: an append-only JSON-lines file, because a sweep has
 * tens of thousands of items and rewriting a whole journal per answer (as the bulk revoke job
 * does for its at most 1,000) would write gigabytes. Each line is one fact:
 *
 *   {"t":"start","v":1,"id":…,"startedAt":…,"organization":…}    the job, first line
 *   {"t":"workers","w":[[id,name],…]}                             one listed page of workers
 *   {"t":"listed","total":n}                                      the list is complete
 *   {"t":"done","w":id,"o":"revoked"|"no-live-token"|"failed","r"?:requestId}
 *   {"t":"state","s":"running"|"cancelled"|"stopped"|"finished","at":…,"why"?:…}
 *
 * `append` resolves once its lines are on disk (fsync), so the worker list is durable before
 * any DELETE for those workers is sent, which is the sweep's write-ahead intent. A torn last
 * line (a crash mid-write) is dropped on read; damage anywhere else makes the journal
 * unreadable, and it is copied aside rather than guessed at.
 */

export const sweepItemOutcomes = ['revoked', 'no-live-token', 'failed'] as const;
export type SweepItemOutcome = (typeof sweepItemOutcomes)[number];
export type SweepJournalState = 'running' | 'cancelled' | 'stopped' | 'finished';
export type SweepStopReason = (typeof sweepStopReasons)[number];

const id = z.string().min(1).max(200);
const lineSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('start'),
    v: z.literal(1),
    id: z.string().min(1).max(100),
    startedAt: z.iso.datetime(),
    organization: z.string().max(500),
  }),
  z.strictObject({
    t: z.literal('workers'),
    w: z.array(z.tuple([id, z.string().max(500)])).max(1000),
  }),
  z.strictObject({ t: z.literal('listed'), total: z.number().int().nonnegative() }),
  z.strictObject({
    t: z.literal('done'),
    w: id,
    o: z.enum(sweepItemOutcomes),
    r: z.string().max(200).optional(),
  }),
  z.strictObject({
    t: z.literal('state'),
    s: z.enum(['running', 'cancelled', 'stopped', 'finished']),
    at: z.iso.datetime(),
    why: z.enum(sweepStopReasons).optional(),
  }),
]);
export type SweepLine = z.infer<typeof lineSchema>;

/** A journal as read back: the job, its workers in listed order, and each one's last outcome. */
export interface SweepRecord {
  id: string;
  startedAt: string;
  organization: string;
  workers: Map<string, string>;
  listed: boolean;
  outcomes: Map<string, { outcome: SweepItemOutcome; requestId?: string }>;
  /** The last state line; `running` read back means the process that ran it ended. */
  state: SweepJournalState;
  stoppedBecause?: SweepStopReason;
}

export type SweepReadResult =
  | { kind: 'none' }
  | { kind: 'ok'; record: SweepRecord }
  | { kind: 'unreadable'; copy: string | undefined };

export function applyLine(record: SweepRecord | undefined, line: SweepLine): SweepRecord {
  if (line.t === 'start') {
    return {
      id: line.id,
      startedAt: line.startedAt,
      organization: line.organization,
      workers: new Map(),
      listed: false,
      outcomes: new Map(),
      state: 'running',
    };
  }
  if (!record) throw new Error('a sweep journal starts with its start line');
  switch (line.t) {
    case 'workers':
      for (const [workerId, name] of line.w) record.workers.set(workerId, name);
      break;
    case 'listed':
      record.listed = true;
      break;
    case 'done':
      record.outcomes.set(line.w, { outcome: line.o, ...(line.r && { requestId: line.r }) });
      break;
    case 'state':
      record.state = line.s;
      if (line.why) record.stoppedBecause = line.why;
      else delete record.stoppedBecause;
      break;
  }
  return record;
}

/** Reads a journal; `now` names the copy of one that cannot be read. */
export async function readSweepJournal(file: string, now: () => Date): Promise<SweepReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return { kind: 'none' };
    return { kind: 'unreadable', copy: undefined };
  }
  const lines = text.split('\n');
  // A complete journal ends with "\n": what follows the last one is a torn line, dropped.
  lines.pop();
  let record: SweepRecord | undefined;
  try {
    for (const raw of lines) record = applyLine(record, lineSchema.parse(JSON.parse(raw)));
  } catch {
    record = undefined;
  }
  if (record) return { kind: 'ok', record };
  if (text.trim() === '') return { kind: 'none' };
  const copy = `${file}.corrupt-${now().getTime()}`;
  const copied = await copyFile(file, copy).then(
    () => copy,
    () => undefined,
  );
  return { kind: 'unreadable', copy: copied };
}

/** Appends lines durably, one write and one fsync for all the lines queued meanwhile. */
export class SweepJournalWriter {
  #handle: FileHandle | undefined;
  #queue: { text: string; done: (error?: unknown) => void }[] = [];
  #draining: Promise<void> | undefined;

  private constructor(private readonly file: string) {}

  /** Starts a new journal (replacing any), its first line durable when this resolves. */
  static async create(file: string, start: SweepLine): Promise<SweepJournalWriter> {
    await mkdir(dirname(file), { recursive: true });
    const writer = new SweepJournalWriter(file);
    writer.#handle = await open(file, 'w', 0o600);
    try {
      await writer.append([start]);
      await syncFolder(dirname(file));
    } catch (error) {
      await writer.close();
      throw error;
    }
    return writer;
  }

  /** Goes on writing an existing journal; a torn last line is cut off first. */
  static async reopen(file: string): Promise<SweepJournalWriter> {
    const text = await readFile(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    const writer = new SweepJournalWriter(file);
    writer.#handle = await open(file, 'r+');
    try {
      await writer.#handle.truncate(end);
      await writer.#handle.sync();
    } catch (error) {
      await writer.close();
      throw error;
    }
    await writer.#handle.close();
    writer.#handle = await open(file, 'a');
    return writer;
  }

  /** Resolves when the lines are on disk; rejects (with the fs error) when they are not. */
  append(lines: readonly SweepLine[]): Promise<void> {
    const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ text, done: (error) => (error ? reject(error) : resolve()) });
      this.#draining ??= this.#drain().finally(() => (this.#draining = undefined));
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0);
      try {
        const handle = this.#handle;
        if (!handle) throw Object.assign(new Error('journal closed'), { code: 'ECLOSED' });
        await handle.appendFile(batch.map((entry) => entry.text).join(''));
        await handle.datasync();
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.done(error);
      }
    }
  }

  async close(): Promise<void> {
    await this.#draining;
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }

  /** Removes the journal (a dismissed job). */
  static async remove(file: string): Promise<void> {
    await rm(file, { force: true });
  }
}
