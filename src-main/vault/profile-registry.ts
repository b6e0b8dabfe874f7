import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEMO_PROFILE_ID } from '../../src-shared/contract';
import { ConsoleError } from '../errors/console-error';
import { OrgTokenVault, type OrgTokenVaultOptions, type VaultConnection } from './org-token-vault';
import { VAULT_KEY } from './schema';
import type { StoreRecovery } from './store-recovery';
import { recoveryMessage } from './store-recovery';

/** The key the profile list owns in the settings store (each profile's token has its own key). */
export const PROFILES_KEY = 'profiles';

/** At most this many saved profiles: an agency's organizations, not a database. */
export const MAX_PROFILES = 50;

const profileId = z.string().regex(/^p-[a-z0-9]{6,32}$/);

const storedProfileSchema = z.strictObject({
  id: profileId,
  name: z.string().trim().min(1).max(60),
  /** Where its sealed token is: `vault` for the token saved before profiles existed. */
  vaultKey: z.string().regex(/^vault(-p-[a-z0-9]{6,32})?$/),
  requireReason: z.boolean(),
});

const storedProfilesSchema = z.strictObject({
  version: z.literal(1),
  activeId: z.union([z.literal(DEMO_PROFILE_ID), profileId]),
  profiles: z.array(storedProfileSchema).max(MAX_PROFILES),
});
type StoredProfiles = z.infer<typeof storedProfilesSchema>;

/** A saved connection profile: its name, its own sealed org token, and its own rules. */
export interface SavedProfile {
  readonly id: string;
  name: string;
  requireReason: boolean;
  readonly vault: OrgTokenVault;
  readonly vaultKey: string;
}

export interface ProfileRegistryOptions extends Omit<OrgTokenVaultOptions, 'key' | 'recovery'> {
  /** What startup did about a damaged settings file, shown once as a warning. */
  recovery?: StoreRecovery;
  /** New profile ids (tests pin them). */
  newId?: () => string;
}

/**
 * The connection profiles: saved ones (each an `OrgTokenVault` under its own store key) and the
 * built-in demo profile, which is never saved. Which one is active survives a restart. A token
 * saved before profiles existed becomes the first profile, named after its organization.
 */
export class ProfileRegistry {
  readonly #options: ProfileRegistryOptions;
  #profiles: SavedProfile[] = [];
  #activeId: string = DEMO_PROFILE_ID;
  #recovery: StoreRecovery | undefined;
  /** The profile list on disk could not be read: it was rebuilt from the vault keys found. */
  #listUnreadable = false;

  static async open(options: ProfileRegistryOptions): Promise<ProfileRegistry> {
    const registry = new ProfileRegistry(options);
    await registry.#load();
    return registry;
  }

  private constructor(options: ProfileRegistryOptions) {
    this.#options = options;
    this.#recovery = options.recovery;
  }

  list(): readonly SavedProfile[] {
    return this.#profiles;
  }

  activeId(): string {
    return this.#activeId;
  }

  /** The active saved profile; undefined while the demo profile is active. */
  active(): SavedProfile | undefined {
    return this.#profiles.find((profile) => profile.id === this.#activeId);
  }

  get(id: string): SavedProfile | undefined {
    return this.#profiles.find((profile) => profile.id === id);
  }

  /** The settings file was damaged at start (shown until acknowledged). */
  recoveryWarning(): { code: 'store-recovered'; message: string } | undefined {
    return this.#recovery?.recovered
      ? { code: 'store-recovered', message: recoveryMessage(this.#recovery) }
      : undefined;
  }

  acknowledgeRecovery(): void {
    this.#recovery = undefined;
  }

  /**
   * Saves a new profile for a connection the caller verified with Deel, seals its token and
   * makes it active. Refuses a name already taken: profiles are told apart by name.
   */
  async add(name: string, connection: VaultConnection): Promise<SavedProfile> {
    const trimmed = name.trim();
    this.#checkName(trimmed);
    if (this.#profiles.length >= MAX_PROFILES) {
      throw new ConsoleError(
        'not-allowed',
        `Nothing was saved: the console keeps at most ${MAX_PROFILES} profiles. Remove one first.`,
      );
    }
    const id = this.#newId();
    // The first profile keeps the key a single token always had (older builds read it there).
    const vaultKey = this.#profiles.some((profile) => profile.vaultKey === VAULT_KEY)
      ? `${VAULT_KEY}-${id}`
      : VAULT_KEY;
    const vault = await OrgTokenVault.open({ ...this.#options, key: vaultKey });
    await vault.keep(connection);
    const profile: SavedProfile = { id, name: trimmed, requireReason: false, vault, vaultKey };
    this.#profiles = [...this.#profiles, profile];
    this.#activeId = id;
    this.#save();
    return profile;
  }

  /** Makes `id` (a saved profile, or demo) the active profile, remembered for the next start. */
  setActive(id: string): void {
    if (id !== DEMO_PROFILE_ID && !this.get(id)) throw unknownProfile();
    this.#activeId = id;
    this.#save();
  }

  update(id: string, patch: { name?: string; requireReason?: boolean }): SavedProfile {
    const profile = this.get(id);
    if (!profile) throw unknownProfile();
    if (patch.name !== undefined) {
      const trimmed = patch.name.trim();
      if (trimmed.toLowerCase() !== profile.name.toLowerCase()) this.#checkName(trimmed);
      profile.name = trimmed;
    }
    if (patch.requireReason !== undefined) profile.requireReason = patch.requireReason;
    this.#save();
    return profile;
  }

  /** Forgets the profile and its token (memory and disk). The caller checks it may go. */
  remove(id: string): SavedProfile {
    const profile = this.get(id);
    if (!profile) throw unknownProfile();
    profile.vault.forget();
    this.#profiles = this.#profiles.filter((other) => other.id !== id);
    if (this.#activeId === id) this.#activeId = DEMO_PROFILE_ID;
    this.#save();
    return profile;
  }

  #checkName(name: string): void {
    if (name === '') throw new ConsoleError('invalid-argument', 'Give the profile a name.');
    const taken = this.#profiles.some(
      (profile) => profile.name.toLowerCase() === name.toLowerCase(),
    );
    if (taken || name.toLowerCase() === 'demo') {
      throw new ConsoleError(
        'invalid-argument',
        `Nothing was saved: a profile named "${name}" exists already. Choose another name.`,
      );
    }
  }

  #newId(): string {
    for (;;) {
      const id = this.#options.newId?.() ?? `p-${randomBytes(5).toString('hex')}`;
      if (!this.get(id)) return id;
    }
  }

  async #load(): Promise<void> {
    const stored = this.#read();
    for (const entry of stored.profiles) {
      const vault = await OrgTokenVault.open({ ...this.#options, key: entry.vaultKey });
      this.#profiles.push({
        id: entry.id,
        name: entry.name,
        requireReason: entry.requireReason,
        vault,
        vaultKey: entry.vaultKey,
      });
    }
    this.#activeId = this.get(stored.activeId) ? stored.activeId : DEMO_PROFILE_ID;
    if (this.#listUnreadable || !this.#hasList()) this.#save();
  }

  /**
   * The saved list; without one (a first start, or a file from before profiles), the token
   * saved under the old single key becomes the first profile and is active.
   */
  #read(): StoredProfiles {
    const { store } = this.#options;
    let raw: unknown;
    try {
      raw = store.get(PROFILES_KEY);
    } catch {
      raw = undefined;
    }
    const parsed = storedProfilesSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.#listUnreadable = raw !== undefined;
    const legacy = readLegacyOrganization(store);
    if (!legacy) return { version: 1, activeId: DEMO_PROFILE_ID, profiles: [] };
    const id = this.#newId();
    return {
      version: 1,
      activeId: id,
      profiles: [
        { id, name: legacy.name || 'Saved connection', vaultKey: VAULT_KEY, requireReason: false },
      ],
    };
  }

  #hasList(): boolean {
    try {
      return this.#options.store.get(PROFILES_KEY) !== undefined;
    } catch {
      return false;
    }
  }

  #save(): void {
    const stored: StoredProfiles = {
      version: 1,
      activeId: this.#activeId,
      profiles: this.#profiles.map(({ id, name, vaultKey, requireReason }) => ({
        id,
        name,
        vaultKey,
        requireReason,
      })),
    };
    this.#options.store.set(PROFILES_KEY, stored);
  }
}

/** The organization named by the token record saved before profiles existed, if any. */
function readLegacyOrganization(
  store: ProfileRegistryOptions['store'],
): { name: string } | undefined {
  let raw: unknown;
  try {
    raw = store.get(VAULT_KEY);
  } catch {
    return undefined;
  }
  if (raw === undefined || raw === null || typeof raw !== 'object') return undefined;
  const organization = (raw as { organization?: { name?: unknown } }).organization;
  const name = typeof organization?.name === 'string' ? organization.name.trim().slice(0, 60) : '';
  return { name };
}

function unknownProfile(): ConsoleError {
  return new ConsoleError('not-found', 'There is no such profile (it may have been removed).');
}
