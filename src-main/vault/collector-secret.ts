import { z } from 'zod';
import { BASIC_TEXT_BACKEND, type Cipher } from './cipher';
import type { KeyValueStore } from './store';

/** The store key of the audit collector's sealed `Authorization` header value. */
export const COLLECTOR_SECRET_KEY = 'auditCollectorSecret';

const recordSchema = z.strictObject({
  version: z.literal(1),
  /** The last 4 characters, e.g. `…f3a9`. */
  hint: z.string().max(8),
  backend: z.string().max(40),
  ciphertext: z.string().min(4).max(65_536),
});

/** What the page may know of the collector secret: never its value. */
export interface CollectorSecretStatus {
  set: boolean;
  hint?: string;
  /** Sealed on disk (survives a restart); false: kept for this run only, or none. */
  persisted: boolean;
  /** A saved secret that could not be opened (the keyring was reset): enter it again. */
  unavailable?: true;
}

const hintOf = (value: string) => `…${value.slice(-4)}`;

/**
 * The audit collector's `Authorization` header value (a SIEM's HTTP event token, e.g.
 * `Splunk 1234-…`): a secret like the org token, so it is sealed by the OS keyring in the
 * settings file, held open in main's memory only, and never sent to the page (only its hint).
 * Without a keyring it is kept for this run only, never written.
 */
export class CollectorSecret {
  #value: string | undefined;
  #persisted = false;
  #unavailable = false;

  private constructor(
    private readonly store: KeyValueStore,
    private readonly cipher: Cipher,
  ) {}

  static async open(store: KeyValueStore, cipher: Cipher): Promise<CollectorSecret> {
    const secret = new CollectorSecret(store, cipher);
    await secret.#load();
    return secret;
  }

  value(): string | undefined {
    return this.#value;
  }

  status(): CollectorSecretStatus {
    const value = this.#value;
    return {
      set: value !== undefined,
      ...(value !== undefined && { hint: hintOf(value) }),
      persisted: this.#persisted,
      ...(this.#unavailable && { unavailable: true as const }),
    };
  }

  /** Holds a new value ('' clears it) and seals it when the keyring allows. */
  async set(value: string): Promise<CollectorSecretStatus> {
    const trimmed = value.trim();
    this.#unavailable = false;
    this.#persisted = false;
    if (trimmed === '') {
      this.#value = undefined;
      this.#delete();
      return this.status();
    }
    this.#value = trimmed;
    try {
      if (this.cipher.backend() === BASIC_TEXT_BACKEND || !(await this.cipher.isAvailable())) {
        // Sealed with a hard-coded key is plaintext in all but name: keep it for this run only.
        this.#delete();
        return this.status();
      }
      const sealed = await this.cipher.encrypt(trimmed);
      if (this.#value !== trimmed) return this.status();
      this.store.set(COLLECTOR_SECRET_KEY, {
        version: 1,
        hint: hintOf(trimmed),
        backend: this.cipher.backend(),
        ciphertext: sealed.toString('base64'),
      } satisfies z.infer<typeof recordSchema>);
      this.#persisted = true;
    } catch {
      this.#delete();
    }
    return this.status();
  }

  async #load(): Promise<void> {
    let raw: unknown;
    try {
      raw = this.store.get(COLLECTOR_SECRET_KEY);
    } catch {
      return;
    }
    if (raw === undefined) return;
    const parsed = recordSchema.safeParse(raw);
    try {
      if (!parsed.success) throw new Error('not a sealed record');
      if (!(await this.cipher.isAvailable())) throw new Error('encryption unavailable');
      const { plain } = await this.cipher.decrypt(Buffer.from(parsed.data.ciphertext, 'base64'));
      if (plain === '' || hintOf(plain) !== parsed.data.hint) throw new Error('something else');
      this.#value = plain;
      this.#persisted = true;
    } catch {
      this.#unavailable = true;
    }
  }

  #delete(): void {
    try {
      this.store.delete(COLLECTOR_SECRET_KEY);
    } catch {
      // Memory is the source of truth; a store that cannot be written keeps nothing new.
    }
  }
}
