import {
  DEMO_PROFILE_ID,
  type ConnectInput,
  type ConnectionStatus,
  type ConnectionWarning,
  type Environment,
  type LiveEnvironment,
} from '../../src-shared/contract';
import { DeelClient } from '../deel/client';
import { normalizeBaseUrl, resolveBaseUrl, type HostPolicy } from '../deel/environments';
import { DeelConfigError } from '../deel/errors';
import { ConsoleError } from '../errors/console-error';
import type { RetryNotice } from '../deel/http';
import { sharedLimiter, type RequestLimiter } from '../deel/limiter';
import { startSimulator, type RunningSimulator } from '../simulator';
import type { VaultConnection } from '../vault/org-token-vault';
import type { ProfileRegistry, SavedProfile } from '../vault/profile-registry';

/** Who the console is talking to right now: Deel with the vault's token, or the demo simulator. */
export interface ActiveConnection {
  mode: 'demo' | 'live';
  environment: Environment;
  organization: { id: string; name: string };
  client: DeelClient;
  /** The organization's shared budget as this console paces it (the status bar shows it). */
  pacing: RequestLimiter;
  /** Stable per organization and environment: sessions are kept apart per key. */
  key: string;
  /** The connection profile it belongs to (`demo` for the built-in one). */
  profileId: string;
}

export interface ConnectionOptions {
  /** The saved connection profiles, each with its own sealed org token. */
  profiles: ProfileRegistry;
  demoWorkers: number;
  requestsPerSecond: () => number;
  /** Where a custom URL may point; development rules (loopback allowed) when omitted. */
  hosts?: () => HostPolicy;
  /** How long a GET or DELETE waits out 429s before it fails. */
  rateLimitPatienceMs?: () => number;
  /** Told before each automatic retry of a GET or DELETE, whichever client makes it. */
  onRetry?: (notice: RetryNotice) => void;
  /** How requests reach Deel: Electron's `net.fetch` in the app, Node's fetch in tests. */
  fetch?: typeof fetch;
}

/**
 * Holds the one active connection: the active profile's. A saved profile whose token opens is
 * live; the demo profile (and a saved one whose token cannot be opened) runs on the built-in
 * simulator, started on 127.0.0.1 on demand and kept while the console runs, so the demo
 * profile's tokens stay real while another profile is in use.
 */
export class ConnectionManager {
  #active: ActiveConnection | undefined;
  #simulator: RunningSimulator | undefined;

  constructor(private readonly options: ConnectionOptions) {}

  /** The active profile: live when its token opens, demo data otherwise. */
  async start(): Promise<ActiveConnection> {
    const profile = this.options.profiles.active();
    const saved = profile?.vault.connection();
    if (profile && saved) {
      this.#active = this.#live(profile.id, saved);
      return this.#active;
    }
    return this.#demo(profile?.id ?? DEMO_PROFILE_ID);
  }

  active(): ActiveConnection {
    if (!this.#active) throw new Error('the connection has not been started');
    return this.#active;
  }

  simulator(): RunningSimulator | undefined {
    return this.#simulator;
  }

  status(): ConnectionStatus {
    const profiles = this.options.profiles;
    const profile = profiles.active();
    const vault = profile?.vault.status();
    const active = this.#active;
    const base = {
      persisted: vault?.persisted ?? false,
      warnings: this.#warnings(),
      profile: profile
        ? { id: profile.id, name: profile.name }
        : { id: DEMO_PROFILE_ID, name: 'Demo' },
    };
    if (active?.mode === 'live' && vault) {
      return {
        ...base,
        mode: 'live',
        environment: active.environment,
        organization: active.organization,
        ...(vault.baseUrl && { baseUrl: vault.baseUrl }),
        ...(vault.hint && { tokenHint: vault.hint }),
        ...(vault.enteredAt && { tokenEnteredAt: vault.enteredAt }),
      };
    }
    return {
      ...base,
      mode: active ? 'demo' : 'unconfigured',
      ...(active && { environment: 'demo' as const, organization: active.organization }),
      ...(vault?.hint && { tokenHint: vault.hint }),
    };
  }

  /**
   * The settings file's repair, the keyring's state once, and every saved profile whose token
   * could not be opened, by name (one profile's trouble never hides another's).
   */
  #warnings(): ConnectionWarning[] {
    const profiles = this.options.profiles;
    const warnings: ConnectionWarning[] = [];
    const recovered = profiles.recoveryWarning();
    if (recovered) warnings.push(recovered);
    const seen = new Set<string>();
    const active = profiles.active();
    const ordered = [...(active ? [active] : []), ...profiles.list().filter((p) => p !== active)];
    for (const profile of ordered) {
      for (const warning of profile.vault.status().warnings) {
        if (warning.code === 'token-unavailable') {
          warnings.push({
            code: warning.code,
            message:
              profile === active
                ? warning.message
                : `Profile "${profile.name}": ${warning.message}`,
          });
        } else if (warning.code !== 'store-recovered' && !seen.has(warning.code)) {
          seen.add(warning.code);
          warnings.push(warning);
        }
      }
    }
    return warnings;
  }

  /**
   * Switches to a saved profile (or demo) in one step, with the profile's own sealed token: no
   * re-entry. A profile whose token cannot be opened becomes active on demo data, with its
   * warning, so the operator can enter its token again.
   */
  async switchTo(profileId: string): Promise<ActiveConnection> {
    if (profileId === DEMO_PROFILE_ID) return this.useDemo();
    const profile = this.options.profiles.get(profileId);
    if (!profile) {
      throw new ConsoleError('not-found', 'There is no such profile (it may have been removed).');
    }
    this.options.profiles.setActive(profile.id);
    const saved = profile.vault.connection();
    if (!saved) return this.#demo(profile.id);
    this.#active = this.#live(profile.id, saved);
    return this.#active;
  }

  /**
   * Checks the token with Deel (`GET /organizations`, which also names the organization) and
   * switches to it: the client that made the check is the one the console goes on with, and the
   * vault is handed the verified connection to seal. On any failure nothing changes.
   */
  async connect(input: ConnectInput): Promise<{
    replaced: boolean;
    rotated: boolean;
    profile: { id: string; name: string; created: boolean };
  }> {
    const baseUrl = resolveBaseUrl(input.environment, {
      customUrl: input.customUrl,
      ...(this.options.hosts && { hosts: this.options.hosts() }),
    });
    const token = input.token.trim();
    if (token === '') throw new DeelConfigError('The token is empty.');
    const { client, pacing } = this.#client(baseUrl, token);
    const organization = await client.getOrganization();
    const { environment } = input;
    if (input.rotate) this.#checkRotation(environment, baseUrl, organization);
    const verified: VaultConnection = { environment, baseUrl, token, organization };
    const profiles = this.options.profiles;
    const current = profiles.active();
    let profile: SavedProfile;
    let replaced = false;
    const creating = !current || (input.profileName !== undefined && !input.rotate);
    this.#checkNotTaken(
      liveKey(environment, organization, baseUrl),
      creating ? undefined : current,
    );
    if (creating || !current) {
      profile = await profiles.add(
        input.profileName ?? this.#defaultName(environment, organization),
        verified,
      );
    } else {
      if (!input.confirmOrganizationChange) this.#checkSameOrganization(current, organization);
      ({ replaced } = await current.vault.keep(verified));
      profile = current;
    }
    this.#active = {
      mode: 'live',
      environment,
      organization,
      client,
      pacing,
      key: liveKey(environment, organization, baseUrl),
      profileId: profile.id,
    };
    return {
      replaced,
      rotated: input.rotate === true,
      profile: { id: profile.id, name: profile.name, created: profile !== current },
    };
  }

  /**
   * One profile per organization and environment (and host): two would share one ledger of
   * tokens. The operator switches to that profile instead.
   */
  #checkNotTaken(key: string, except: SavedProfile | undefined): void {
    const other = this.knownConnections().find(
      (known) => known.key === key && known.profileId !== except?.id && known.key !== 'demo',
    );
    if (!other) return;
    throw new ConsoleError(
      'not-allowed',
      `Nothing was changed: profile "${other.profileName}" already connects to ${other.organizationName} here. Switch to it instead (its token can be replaced or rotated there).`,
    );
  }

  /**
   * A replace keeps the profile's organization unless the operator confirmed the change: the
   * profile's name, its sessions and its reminders were about that organization.
   */
  #checkSameOrganization(profile: SavedProfile, organization: { id: string; name: string }): void {
    const held = profile.vault.status().organization;
    if (!held || held.id === organization.id) return;
    throw new ConsoleError(
      'not-allowed',
      `Nothing was changed: the new token belongs to ${organization.name || 'another organization'} (id ${organization.id}), not to ${held.name} (id ${held.id}), the organization of profile "${profile.name}". Confirm to replace it anyway, or save the token as a new profile.`,
      { organizationChange: { from: { ...held }, to: { ...organization } } },
    );
  }

  /** A new profile's name unless the operator gave one: the organization, and a non-production environment. */
  #defaultName(environment: LiveEnvironment, organization: { name: string }): string {
    const base = (organization.name.trim() || 'Deel').slice(0, 44);
    const named = environment === 'production' ? base : `${base} (${environment})`;
    const taken = new Set(this.options.profiles.list().map((p) => p.name.toLowerCase()));
    if (!taken.has(named.toLowerCase())) return named;
    for (let n = 2; ; n += 1) {
      const candidate = `${named} ${n}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }

  /**
   * A rotation swaps the token of the connection in use for a new one of the same organization,
   * environment and host; anything else is refused before the vault is touched.
   */
  #checkRotation(
    environment: LiveEnvironment,
    baseUrl: string,
    organization: { id: string; name: string },
  ): void {
    const active = this.#active;
    const held = this.options.profiles.active()?.vault.connection();
    if (active?.mode !== 'live' || !held) {
      throw new ConsoleError(
        'not-allowed',
        'Nothing was changed: there is no organization token to rotate. Connect first.',
      );
    }
    if (organization.id !== active.organization.id) {
      throw new ConsoleError(
        'not-allowed',
        `Nothing was changed: the new token belongs to ${organization.name || 'another organization'} (id ${organization.id}), not to ${active.organization.name} (id ${active.organization.id}). A rotation keeps the organization; to switch organization, use Replace token.`,
      );
    }
    if (environment !== active.environment || baseUrl !== held.baseUrl) {
      throw new ConsoleError(
        'not-allowed',
        `Nothing was changed: a rotation keeps the environment and host (${held.baseUrl}). To connect elsewhere, use Replace token.`,
      );
    }
  }

  /** Switches to the demo profile, remembered for the next start. Saved tokens stay saved. */
  async useDemo(): Promise<ActiveConnection> {
    this.options.profiles.setActive(DEMO_PROFILE_ID);
    return this.#demo(DEMO_PROFILE_ID);
  }

  /** Demo data on the built-in simulator, for the demo profile or a saved one whose token is unavailable. */
  async #demo(profileId: string): Promise<ActiveConnection> {
    // No control routes in the app: faults and clock changes are for tests, not for any local
    // process that finds the port.
    this.#simulator ??= await startSimulator({
      workers: this.options.demoWorkers,
      controlRoutes: false,
    });
    const simulator = this.#simulator;
    this.#active = {
      mode: 'demo',
      environment: 'demo',
      organization: { id: 'demo', name: simulator.orgName },
      ...this.#client(simulator.url, simulator.tokens.admin),
      key: 'demo',
      profileId,
    };
    return this.#active;
  }

  /** The operator has read the "settings file was damaged" warning: stop showing it. */
  acknowledgeStoreRecovered(): void {
    this.options.profiles.acknowledgeRecovery();
  }

  /**
   * Forgets the active profile's token (memory and disk) with the profile itself, and switches
   * to the demo profile.
   */
  async forget(): Promise<{
    forgotten?: { environment: Environment; organization: { id: string; name: string } };
    profile?: { id: string; name: string };
  }> {
    const profiles = this.options.profiles;
    const current = profiles.active();
    let forgotten:
      { environment: LiveEnvironment; organization: { id: string; name: string } } | undefined;
    if (current) {
      const status = current.vault.status();
      if (status.environment && status.organization) {
        forgotten = { environment: status.environment, organization: status.organization };
      }
      profiles.remove(current.id);
    }
    await this.useDemo();
    return {
      ...(forgotten && { forgotten }),
      ...(current && { profile: { id: current.id, name: current.name } }),
    };
  }

  /** Rebuilds the client with a new request rate (the limiter is shared per Deel host). */
  refreshClient(): void {
    const active = this.#active;
    if (!active) return;
    if (active.mode === 'demo') {
      void this.#demo(active.profileId);
      return;
    }
    const held = this.options.profiles.get(active.profileId)?.vault.connection();
    if (held) this.#active = this.#live(active.profileId, held);
  }

  /** A connection for every saved profile whose token opens (their sessions run in the background). */
  savedConnections(): ActiveConnection[] {
    const active = this.#active;
    return this.options.profiles.list().flatMap((profile) => {
      if (active?.mode === 'live' && active.profileId === profile.id) return [active];
      const saved = profile.vault.connection();
      return saved ? [this.#live(profile.id, saved)] : [];
    });
  }

  /**
   * Every connection the console can name, by its sessions key: each saved profile's (also one
   * whose token cannot be opened now) and, while it runs, the demo profile's.
   */
  knownConnections(): {
    key: string;
    profileId: string;
    profileName: string;
    environment: Environment;
    organizationName: string;
  }[] {
    const known = this.options.profiles.list().flatMap((profile) => {
      const status = profile.vault.status();
      if (!status.environment || !status.organization || !status.baseUrl) return [];
      return [
        {
          key: liveKey(status.environment, status.organization, status.baseUrl),
          profileId: profile.id,
          profileName: profile.name,
          environment: status.environment,
          organizationName: status.organization.name,
        },
      ];
    });
    const simulator = this.#simulator;
    return simulator
      ? [
          ...known,
          {
            key: 'demo',
            profileId: DEMO_PROFILE_ID,
            profileName: 'Demo',
            environment: 'demo' as const,
            organizationName: simulator.orgName,
          },
        ]
      : known;
  }

  /** Every org token the console holds, of every profile (the audit log's secret guard). */
  heldTokens(): string[] {
    return this.options.profiles
      .list()
      .flatMap((profile) => profile.vault.connection()?.token ?? []);
  }

  async close(): Promise<void> {
    this.#active = undefined;
    await this.#stopSimulator();
  }

  #live(profileId: string, saved: VaultConnection): ActiveConnection {
    return {
      mode: 'live',
      environment: saved.environment,
      organization: saved.organization,
      ...this.#client(saved.baseUrl, saved.token),
      key: liveKey(saved.environment, saved.organization, saved.baseUrl),
      profileId,
    };
  }

  /**
   * Every client of the console: the configured rate, and retry notices for the page. The
   * pacing is the limiter shared by every client of that Deel host (one organization each).
   */
  #client(baseUrl: string, token: string): { client: DeelClient; pacing: RequestLimiter } {
    const pacing = sharedLimiter(
      new URL(normalizeBaseUrl(baseUrl)).origin,
      this.options.requestsPerSecond(),
    );
    const client = new DeelClient({
      baseUrl,
      token,
      limiter: pacing,
      ...(this.options.rateLimitPatienceMs && {
        retry: { rateLimitPatienceMs: this.options.rateLimitPatienceMs() },
      }),
      ...(this.options.onRetry && { onRetry: this.options.onRetry }),
      ...(this.options.fetch && { fetch: this.options.fetch }),
    });
    return { client, pacing };
  }

  async #stopSimulator(): Promise<void> {
    const simulator = this.#simulator;
    this.#simulator = undefined;
    await simulator?.close();
  }
}

/** Sessions are kept apart per organization and environment. */
function liveKey(environment: Environment, organization: { id: string }, baseUrl: string): string {
  return connectionKey(environment, organization.id, baseUrl);
}

/**
 * The key a live connection's sessions are kept under: environment and organization, and for a
 * custom URL its host too. Another host that answers with the same organization id (a second
 * custom URL, or one pointed elsewhere) never shares sessions, files or a bound call with it.
 */
export function connectionKey(
  environment: Environment,
  organizationId: string,
  baseUrl: string,
): string {
  if (environment !== 'custom') return `${environment}-${organizationId}`;
  return `custom-${new URL(baseUrl).host}-${organizationId}`;
}

/** The key earlier builds used for a custom connection (its files are taken over once). */
export function legacyConnectionKey(environment: Environment, organizationId: string): string {
  return `${environment}-${organizationId}`;
}
