import { z } from 'zod';
import type { ConnectionWarningCode, LiveEnvironment } from '../../src-shared/contract';
import { BASIC_TEXT_BACKEND, type Cipher, type Decrypted } from './cipher';
import { VAULT_KEY, vaultRecordSchema, type VaultRecord } from './schema';
import type { KeyValueStore } from './store';
import { recoveryMessage, type StoreRecovery } from './store-recovery';

/** The warnings about the org token itself (the sessions file's and the audit log's are raised elsewhere). */
export type VaultWarningCode = Extract<
  ConnectionWarningCode,
  'basic-text-keyring' | 'keyring-unavailable' | 'token-unavailable' | 'store-recovered'
>;

export interface VaultWarning {
  code: VaultWarningCode;
  message: string;
}

export interface Organization {
  id: string;
  name: string;
}

/** Everything the renderer may learn about the org token: never the token itself. */
export interface VaultStatus {
  /** A usable token is held (in memory, and on disk when `persisted`). */
  configured: boolean;
  environment?: LiveEnvironment;
  baseUrl?: string;
  organization?: Organization;
  /** `…` and the last 4 characters. */
  hint?: string;
  /** The token is sealed on disk and survives a restart. */
  persisted: boolean;
  /** When the operator entered the token held now (the rotation reminder counts from it). */
  enteredAt?: string;
  warnings: VaultWarning[];
}

/** Main-process only: what a Deel client needs. Never send this over IPC. */
export interface VaultConnection {
  environment: LiveEnvironment;
  baseUrl: string;
  token: string;
  organization: Organization;
}

export interface OrgTokenVaultOptions {
  store: KeyValueStore;
  cipher: Cipher;
  /** What startup did about a damaged settings file, shown once as a warning. */
  recovery?: StoreRecovery;
  now?: () => Date;
  /**
   * Where a saved token may be sent: the preset's own URL for a preset (whatever the file
   * says), the normalised custom URL otherwise. Throws for a URL that is refused; the token is
   * then unavailable (enter it again), never a start-up crash. Given by the composition root,
   * which owns the URL rules (the vault never imports deel/).
   */
  baseUrlFor?: (environment: LiveEnvironment, stored: string) => string;
  /** The store key of this vault's record (one per connection profile); `vault` when omitted. */
  key?: string;
}

export interface KeepResult {
  status: VaultStatus;
  /** A token was held before (audit this as `token-replaced`, else as `connect`). */
  replaced: boolean;
  previous?: { environment: LiveEnvironment; organization: Organization };
}

const messages = {
  'basic-text-keyring':
    'No system keyring is available (Linux "basic_text" storage), so the token is not saved: it is kept in memory for this run only and must be entered again after a restart. Install or unlock a keyring (e.g. GNOME Keyring, KWallet) to have it saved encrypted.',
  'keyring-unavailable':
    "The system's encryption is not available right now, so the token is kept in memory for this run only.",
  'token-unavailable':
    'The saved organization token could not be decrypted (the keyring was reset, or this is another user account). Token unavailable: enter it again.',
} as const;

/**
 * What version 2 seals: the token together with where it may be sent. The plaintext fields of
 * the record are checked against it on load, so editing `environment` or `baseUrl` in the
 * settings file (to send the token to another host) makes the token unavailable instead.
 */
const sealedConnectionSchema = z.strictObject({
  token: z.string().min(1),
  environment: z.string(),
  baseUrl: z.string(),
  organizationId: z.string(),
});
type SealedConnection = z.infer<typeof sealedConnectionSchema>;

/** The token of a decrypted record, after checking what it was sealed with; throws otherwise. */
function openSealed(plain: string, record: VaultRecord): string {
  if (record.version === 1) return plain;
  const sealed = sealedConnectionSchema.parse(JSON.parse(plain));
  if (
    sealed.environment !== record.environment ||
    sealed.baseUrl !== record.baseUrl ||
    sealed.organizationId !== record.organization.id
  ) {
    throw new Error('the record was edited: it no longer matches what was sealed');
  }
  return sealed.token;
}

function hintOf(token: string): string {
  return `…${token.slice(-4)}`;
}

/**
 * The organization token: sealed on disk through the cipher port, open in memory only. Only
 * ciphertext and non-secret metadata are persisted, and only when the cipher is backed by a real
 * keyring. Every failure to open the saved token degrades to "enter it again", never a crash.
 *
 * Open it with `OrgTokenVault.open()`: the keyring is only reached asynchronously, so loading the
 * saved token is too. `status()` stays synchronous by answering from what the last keyring call
 * said.
 */
export class OrgTokenVault {
  readonly #store: KeyValueStore;
  readonly #key: string;
  readonly #cipher: Cipher;
  readonly #now: () => Date;
  #recovery: StoreRecovery | undefined;
  #connection: VaultConnection | undefined;
  /** When the token held now was entered: the sealed record's `savedAt`, or this run's `keep`. */
  #enteredAt: string | undefined;
  #persisted = false;
  /** What `cipher.isAvailable()` last said: refreshed on open and before every seal. */
  #available = false;
  /** Metadata of a saved token that could not be opened, shown so the operator knows which. */
  #unopened: Pick<VaultRecord, 'environment' | 'baseUrl' | 'organization' | 'hint'> | undefined;
  #loadWarning: Exclude<VaultWarningCode, 'store-recovered'> | undefined;

  /**
   * Reads the saved token, if any, and opens it (re-sealing it when the keyring rotated its key).
   * Resolves once that is settled; keyring trouble shows up in `status()`, it never rejects.
   */
  static async open(options: OrgTokenVaultOptions): Promise<OrgTokenVault> {
    const vault = new OrgTokenVault(options);
    await vault.#load();
    return vault;
  }

  readonly #baseUrlFor: (environment: LiveEnvironment, stored: string) => string;

  /** Touches neither the store nor the keyring: `open()` does, asynchronously. */
  private constructor(options: OrgTokenVaultOptions) {
    this.#store = options.store;
    this.#key = options.key ?? VAULT_KEY;
    this.#cipher = options.cipher;
    this.#now = options.now ?? (() => new Date());
    this.#recovery = options.recovery;
    this.#baseUrlFor = options.baseUrlFor ?? ((_environment, stored) => stored);
  }

  status(): VaultStatus {
    const warnings: VaultWarning[] = [];
    if (this.#recovery?.recovered) {
      warnings.push({ code: 'store-recovered', message: recoveryMessage(this.#recovery) });
    }
    const storage = this.#storageProblem();
    if (storage) warnings.push({ code: storage, message: messages[storage] });
    if (this.#loadWarning && this.#loadWarning !== storage) {
      warnings.push({ code: this.#loadWarning, message: messages[this.#loadWarning] });
    }
    const connection = this.#connection;
    if (connection) {
      return {
        configured: true,
        environment: connection.environment,
        baseUrl: connection.baseUrl,
        organization: { ...connection.organization },
        hint: hintOf(connection.token),
        persisted: this.#persisted,
        ...(this.#enteredAt && { enteredAt: this.#enteredAt }),
        warnings,
      };
    }
    const unopened = this.#unopened;
    return {
      configured: false,
      persisted: false,
      warnings,
      ...(unopened && {
        environment: unopened.environment,
        baseUrl: unopened.baseUrl,
        organization: { ...unopened.organization },
        hint: unopened.hint,
      }),
    };
  }

  /** For the main process to build its Deel client. Never expose it to the renderer. */
  connection(): VaultConnection | undefined {
    return this.#connection && { ...this.#connection };
  }

  /**
   * Holds a token the caller has verified with Deel (the connection manager), and seals it to
   * disk when the keyring allows. The vault itself never talks to Deel: it seals, stores and
   * unseals.
   */
  async keep(connection: VaultConnection): Promise<KeepResult> {
    const previous = this.#connection;
    this.#connection = { ...connection, organization: { ...connection.organization } };
    this.#enteredAt = this.#now().toISOString();
    this.#unopened = undefined;
    this.#loadWarning = undefined;
    await this.#persist(this.#connection);
    return {
      status: this.status(),
      replaced: previous !== undefined,
      ...(previous && {
        previous: { environment: previous.environment, organization: previous.organization },
      }),
    };
  }

  /** Drops the token from memory and disk. Returns what was forgotten, for the audit log. */
  forget(): {
    status: VaultStatus;
    forgotten?: { environment: LiveEnvironment; organization: Organization };
  } {
    const previous = this.#connection ?? this.#unopened;
    this.#connection = undefined;
    this.#enteredAt = undefined;
    this.#unopened = undefined;
    this.#loadWarning = undefined;
    this.#persisted = false;
    this.#safeDelete();
    return {
      status: this.status(),
      ...(previous && {
        forgotten: { environment: previous.environment, organization: previous.organization },
      }),
    };
  }

  /** The store-recovered warning is shown until acknowledged. */
  acknowledgeRecovery(): void {
    this.#recovery = undefined;
  }

  #storageProblem(): 'basic-text-keyring' | 'keyring-unavailable' | undefined {
    try {
      // basic_text first: it is the specific, explainable reason on Linux without a keyring.
      if (this.#cipher.backend() === BASIC_TEXT_BACKEND) return 'basic-text-keyring';
    } catch {
      return 'keyring-unavailable';
    }
    return this.#available ? undefined : 'keyring-unavailable';
  }

  async #refreshAvailability(): Promise<boolean> {
    try {
      this.#available = (await this.#cipher.isAvailable()) === true;
    } catch {
      this.#available = false;
    }
    return this.#available;
  }

  async #load(): Promise<void> {
    const available = await this.#refreshAvailability();
    const record = this.#readRecord();
    if (!record) return;
    const { environment, organization, hint } = record;
    let baseUrl = record.baseUrl;
    let opened: Decrypted;
    let token: string;
    try {
      baseUrl = this.#baseUrlFor(environment, record.baseUrl);
      if (!available) throw new Error('encryption unavailable');
      opened = await this.#cipher.decrypt(Buffer.from(record.ciphertext, 'base64'));
      token = openSealed(opened.plain, record);
      if (token === '' || hintOf(token) !== hint) {
        throw new Error('decrypted to something else');
      }
    } catch {
      this.#unopened = { environment, baseUrl, organization, hint };
      this.#loadWarning = 'token-unavailable';
      return;
    }
    this.#connection = { environment, baseUrl, token, organization };
    this.#enteredAt = record.savedAt;
    this.#persisted = true;
    // A version-1 record sealed the token alone: seal it again bound to where it goes.
    if (opened.shouldReEncrypt || record.version === 1) {
      await this.#reseal(this.#connection, record.savedAt);
    }
  }

  /** The saved record, if there is one the vault can read; otherwise notes why not. */
  #readRecord(): VaultRecord | undefined {
    let raw: unknown;
    try {
      raw = this.#store.get(this.#key);
    } catch {
      // The store re-reads its file on every get; a file damaged while running lands here.
      this.#loadWarning = 'token-unavailable';
      return undefined;
    }
    if (raw === undefined) return undefined;
    const parsed = vaultRecordSchema.safeParse(raw);
    if (!parsed.success) {
      this.#loadWarning = 'token-unavailable';
      return undefined;
    }
    return parsed.data;
  }

  /**
   * Seals the token just connected and stores it. While the keyring is being asked, a later
   * `connect` or `forget` may take over: then this one writes nothing, so it cannot bring back a
   * token that was replaced or forgotten in the meantime.
   */
  async #persist(connection: VaultConnection): Promise<void> {
    this.#persisted = false;
    await this.#refreshAvailability();
    if (this.#connection !== connection) return;
    if (this.#storageProblem()) {
      // A token that cannot be sealed is not written at all, and an older sealed token must not
      // come back at the next start in place of the one just entered.
      this.#safeDelete();
      return;
    }
    try {
      const record = await this.#seal(connection, this.#enteredAt ?? this.#now().toISOString());
      if (this.#connection !== connection) return;
      this.#store.set(this.#key, record);
      this.#persisted = true;
    } catch {
      if (this.#connection !== connection) return;
      this.#safeDelete();
      this.#loadWarning = 'keyring-unavailable';
    }
  }

  /**
   * The keyring asked for the saved token to be sealed again (key rotation). Best effort: when
   * that fails, the old ciphertext stays on disk (it still opens) and the token stays in memory.
   * `savedAt` is kept: it dates the token the operator entered, which has not changed.
   */
  async #reseal(connection: VaultConnection, savedAt: string): Promise<void> {
    try {
      this.#store.set(this.#key, await this.#seal(connection, savedAt));
    } catch {
      // Nothing lost: the record on disk is the one that was just opened.
    }
  }

  async #seal(connection: VaultConnection, savedAt: string): Promise<VaultRecord> {
    const sealed = await this.#cipher.encrypt(
      JSON.stringify({
        token: connection.token,
        environment: connection.environment,
        baseUrl: connection.baseUrl,
        organizationId: connection.organization.id,
      } satisfies SealedConnection),
    );
    return {
      version: 2,
      environment: connection.environment,
      baseUrl: connection.baseUrl,
      organization: connection.organization,
      hint: hintOf(connection.token),
      savedAt,
      backend: this.#cipher.backend(),
      ciphertext: sealed.toString('base64'),
    };
  }

  #safeDelete(): void {
    try {
      this.#store.delete(this.#key);
    } catch {
      // A store that cannot be written keeps nothing new either; memory is the source of truth.
    }
  }
}
