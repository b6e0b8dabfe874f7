import type {
  ConnectInput,
  ConnectionStatus,
  Environment,
  LiveEnvironment,
} from '../../src-shared/contract';
import { DeelClient } from '../deel/client';
import { normalizeBaseUrl, resolveBaseUrl, type HostPolicy } from '../deel/environments';
import { DeelConfigError } from '../deel/errors';
import { ConsoleError } from '../errors/console-error';
import type { RetryNotice } from '../deel/http';
import { sharedLimiter, type RequestLimiter } from '../deel/limiter';
import { startSimulator, type RunningSimulator } from '../simulator';
import type { OrgTokenVault } from '../vault/org-token-vault';

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
}

export interface ConnectionOptions {
  vault: OrgTokenVault;
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
 * Holds the one active connection. With a usable token in the vault the console is live;
 * without one it runs on the built-in simulator (demo mode), started on 127.0.0.1 on demand.
 */
export class ConnectionManager {
  #active: ActiveConnection | undefined;
  #simulator: RunningSimulator | undefined;

  constructor(private readonly options: ConnectionOptions) {}

  /** Live when the vault holds a token, demo otherwise. */
  async start(): Promise<ActiveConnection> {
    const saved = this.options.vault.connection();
    if (saved) {
      this.#active = this.#live(saved.environment, saved.baseUrl, saved.token, saved.organization);
      return this.#active;
    }
    return this.useDemo();
  }

  active(): ActiveConnection {
    if (!this.#active) throw new Error('the connection has not been started');
    return this.#active;
  }

  simulator(): RunningSimulator | undefined {
    return this.#simulator;
  }

  status(): ConnectionStatus {
    const vault = this.options.vault.status();
    const active = this.#active;
    const base = { persisted: vault.persisted, warnings: vault.warnings };
    if (active?.mode === 'live') {
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
      ...(vault.hint && { tokenHint: vault.hint }),
    };
  }

  /**
   * Checks the token with Deel (`GET /organizations`, which also names the organization) and
   * switches to it: the client that made the check is the one the console goes on with, and the
   * vault is handed the verified connection to seal. On any failure nothing changes.
   */
  async connect(input: ConnectInput): Promise<{ replaced: boolean; rotated: boolean }> {
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
    const { replaced } = await this.options.vault.keep({
      environment,
      baseUrl,
      token,
      organization,
    });
    this.#active = {
      mode: 'live',
      environment,
      organization,
      client,
      pacing,
      key: liveKey(environment, organization, baseUrl),
    };
    await this.#stopSimulator();
    return { replaced, rotated: input.rotate === true };
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
    const held = this.options.vault.connection();
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

  /** Runs on the built-in simulator. A token in the vault stays there for the next start. */
  async useDemo(): Promise<ActiveConnection> {
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
    };
    return this.#active;
  }

  /** The operator has read the "settings file was damaged" warning: stop showing it. */
  acknowledgeStoreRecovered(): void {
    this.options.vault.acknowledgeRecovery();
  }

  /** Forgets the token (memory and disk) and falls back to demo data. */
  async forget(): Promise<{
    forgotten?: { environment: Environment; organization: { id: string; name: string } };
  }> {
    const { forgotten } = this.options.vault.forget();
    await this.useDemo();
    return forgotten ? { forgotten } : {};
  }

  /** Rebuilds the client with a new request rate (the limiter is shared per Deel host). */
  refreshClient(): void {
    const active = this.#active;
    if (!active) return;
    if (active.mode === 'demo') {
      void this.useDemo();
      return;
    }
    const held = this.options.vault.connection();
    if (held)
      this.#active = this.#live(held.environment, held.baseUrl, held.token, held.organization);
  }

  async close(): Promise<void> {
    this.#active = undefined;
    await this.#stopSimulator();
  }

  #live(
    environment: Environment,
    baseUrl: string,
    token: string,
    organization: { id: string; name: string },
  ): ActiveConnection {
    return {
      mode: 'live',
      environment,
      organization,
      ...this.#client(baseUrl, token),
      key: liveKey(environment, organization, baseUrl),
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
