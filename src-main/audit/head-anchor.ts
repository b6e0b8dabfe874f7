import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { isMissingFile, replaceFileDurably } from '../files/durable-write';
import { GENESIS_HASH } from './entry';

/**
 * The hash chain shows an edited, inserted or reordered line, but not a log cut short, deleted
 * or rewritten from its first line: each of those is a valid chain. So the head (last seq and
 * hash) is also kept outside the log, sealed with an HMAC whose key only the OS keyring opens,
 * and verify checks that the log still holds the anchored entry. Someone who can edit files
 * but not use the keyring can neither forge the head nor rewrite the log to match it.
 *
 * What it cannot see: an older anchor file copied back together with a log cut to match it
 * (a replay), and all three (log, anchor, key) deleted, which looks like a first start.
 */

export interface AnchoredHead {
  seq: number;
  hash: string;
}

/** The HMAC key, as the keyring gives it back. */
export type AnchorKey =
  | {
      key: Buffer;
      /**
       * `existing`: sealed by an earlier run; `created`: made now (first start);
       * `replaced`: the old one could not be opened (the keyring changed), so a new one was made.
       */
      origin: 'existing' | 'created' | 'replaced';
      /**
       * Stores a new key (sealed). Called once the head is anchored with it, so a crash in
       * between never leaves a stored key without its anchor (which would read as tampering).
       */
      keep?: () => Promise<void>;
    }
  | { unavailable: string };

/** The keyring port: the composition root seals the key with the OS keyring (safeStorage). */
export interface AnchorKeySource {
  key(): Promise<AnchorKey>;
}

const anchorFileSchema = z.strictObject({
  version: z.literal(1),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What the anchor says about the log as it is now. */
export type AnchorCheck =
  | { state: 'unanchored'; reason: string }
  | { state: 'holds'; anchored: AnchoredHead }
  | { state: 'lost'; reason: string; anchored?: AnchoredHead };

/** The entries' seq -> hash, and the log's last seq (0 when empty or missing). */
export interface LogView {
  hashAt(seq: number): string | undefined;
  lastSeq: number;
  fileExists: boolean;
}

export class HeadAnchor {
  readonly #path: string;
  readonly #key: Buffer | undefined;
  readonly #unavailable: string | undefined;
  /** The last head written here, or read back at open. */
  #anchored: AnchoredHead | undefined;
  /** Why the anchor file could not be trusted at open (missing or its seal broken). */
  #openProblem: string | undefined;
  /** The last write that failed (a full disk): the anchor is behind the log until one works. */
  #writeProblem: string | undefined;
  /** What a start must write down about the key itself (made anew over an older anchor). */
  #startNote: string | undefined;
  #keep: (() => Promise<void>) | undefined;
  /** Read without its seal (the offline verifier, which has no keyring): never writes. */
  #unsealed = false;

  private constructor(path: string, key: AnchorKey) {
    this.#path = path;
    if ('key' in key) {
      this.#key = key.key;
      this.#keep = key.keep;
    } else this.#unavailable = key.unavailable;
  }

  /**
   * Reads the anchor file. A key made now (`created` or `replaced`) has nothing to check yet;
   * with an `existing` key the file must be there and its seal must hold.
   */
  static async open(path: string, keys: AnchorKeySource): Promise<HeadAnchor> {
    const key = await keys.key();
    const anchor = new HeadAnchor(path, key);
    if (!('key' in key)) return anchor;
    if (key.origin === 'replaced') {
      anchor.#startNote =
        "The key that seals the record of the log's end could not be opened (the system keyring changed or was reset), so entries removed before this start cannot be detected. The log is anchored again from here.";
    } else if (key.origin === 'created' && (await fileExists(path))) {
      anchor.#startNote =
        "The key that seals the record of the log's end was missing (the settings file was reset or edited), so entries removed before this start cannot be detected. The log is anchored again from here.";
    }
    if (key.origin !== 'existing') return anchor;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      anchor.#openProblem = isMissingFile(error)
        ? `the record of the log's end (${path}) is missing, so entries may have been removed`
        : `the record of the log's end (${path}) cannot be read (${errorCode(error)})`;
      return anchor;
    }
    let parsed: z.infer<typeof anchorFileSchema> | undefined;
    try {
      parsed = anchorFileSchema.parse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed || !macMatches(key.key, parsed, parsed.mac)) {
      anchor.#openProblem = `the record of the log's end (${path}) was altered: its seal does not match`;
      return anchor;
    }
    anchor.#anchored = { seq: parsed.seq, hash: parsed.hash };
    return anchor;
  }

  /**
   * The anchor file read WITHOUT checking its seal, for `npm run audit:verify` outside the app:
   * the keyring that seals the HMAC key is the console's, so this sees a cut, emptied, deleted
   * or rewritten log as the app does, but not an anchor file forged to match one. Writes nothing.
   */
  static async readUnsealed(path: string): Promise<HeadAnchor> {
    const anchor = new HeadAnchor(path, { unavailable: 'read without its seal' });
    anchor.#unsealed = true;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      anchor.#openProblem = isMissingFile(error)
        ? `the record of the log's end (${path}) is missing, so entries may have been removed`
        : `the record of the log's end (${path}) cannot be read (${errorCode(error)})`;
      return anchor;
    }
    try {
      const parsed = anchorFileSchema.parse(JSON.parse(text));
      anchor.#anchored = { seq: parsed.seq, hash: parsed.hash };
    } catch {
      anchor.#openProblem = `the record of the log's end (${path}) is not an anchor file`;
    }
    return anchor;
  }

  /** The anchor for a log no keyring protects: reports "unanchored" and writes nothing. */
  static none(reason: string): HeadAnchor {
    return new HeadAnchor('', { unavailable: reason });
  }

  check(log: LogView): AnchorCheck {
    if (!this.#key && !this.#unsealed) {
      return { state: 'unanchored', reason: this.#unavailable ?? 'no key' };
    }
    if (this.#openProblem) return { state: 'lost', reason: this.#openProblem };
    const anchored = this.#anchored;
    if (!anchored || anchored.seq === 0) return { state: 'holds', anchored: GENESIS };
    if (log.lastSeq < anchored.seq) {
      const reason =
        !log.fileExists || log.lastSeq === 0
          ? `the audit log is ${log.fileExists ? 'empty' : 'missing'}, but it held ${anchored.seq} entr${anchored.seq === 1 ? 'y' : 'ies'}: the file was deleted or emptied`
          : `the log ends at entry ${log.lastSeq}, but ${anchored.seq} entries were written: ${anchored.seq - log.lastSeq} were removed from its end`;
      return { state: 'lost', reason, anchored };
    }
    if (log.hashAt(anchored.seq) !== anchored.hash) {
      return {
        state: 'lost',
        reason: `entry ${anchored.seq} is not the one that was written: the log was rewritten`,
        anchored,
      };
    }
    return { state: 'holds', anchored };
  }

  /** Anchors a new head. Never throws: the entry is already on disk, so a failure only leaves the anchor behind, which verify then says. */
  async record(head: AnchoredHead): Promise<void> {
    if (!this.#key) return;
    const mac = macOf(this.#key, head);
    try {
      await replaceFileDurably(
        this.#path,
        `${JSON.stringify({ version: 1, seq: head.seq, hash: head.hash, mac })}\n`,
      );
      this.#anchored = head;
      this.#openProblem = undefined;
      this.#writeProblem = undefined;
    } catch (error) {
      this.#writeProblem = errorCode(error);
    }
  }

  /** Something about the key this start must write down, if anything. */
  startNote(): string | undefined {
    return this.#startNote;
  }

  /** Stores a key made at this start, once the head is anchored with it. */
  async keepKey(): Promise<void> {
    if (!this.#keep || this.#writeProblem !== undefined || this.#anchored === undefined) return;
    const keep = this.#keep;
    this.#keep = undefined;
    await keep();
  }

  /** Why the newest entries are not anchored yet (a failed anchor write), if they are not. */
  behind(): string | undefined {
    return this.#writeProblem;
  }
}

const GENESIS: AnchoredHead = { seq: 0, hash: GENESIS_HASH };

function macOf(key: Buffer, head: AnchoredHead): string {
  return createHmac('sha256', key)
    .update(`deel-console-audit-head:v1:${head.seq}:${head.hash}`)
    .digest('hex');
}

function macMatches(key: Buffer, head: AnchoredHead, mac: string): boolean {
  const expected = Buffer.from(macOf(key, head), 'hex');
  const given = Buffer.from(mac, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissingFile(error)) return false;
    throw error;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'write failed';
}
