import { userInfo } from 'node:os';
import type { AuditAction } from '../../src-shared/audit-vocabulary';
import type {
  ConnectionStatus,
  ConnectionWarning,
  Environment,
  LiveEnvironment,
  Session,
} from '../../src-shared/contract';
import { AuditLog } from '../audit';
import { forwardUrlProblem } from '../audit/forward-url';
import { AuditForwarder } from '../audit/forwarder';
import { hostPolicy, resolveBaseUrl, type HostPolicy } from '../deel/environments';
import { keyringAnchorKey } from './audit-anchor-key';
import type { Emit } from '../ipc/events';
import type { Handlers } from '../ipc/dispatch';
import { toSweepView, toWorkersPage } from '../ipc/to-ipc-error';
import { ConnectionSessions, type SessionScope } from '../sessions/connection-sessions';
import { ExpiryWarnings, expiryNotice } from '../sessions/expiry-warnings';
import type { ListEorWorkers, SessionService } from '../sessions/session-service';
import { systemTimers, type AuditRecord, type Clipboard, type Timers } from '../sessions/ports';
import type { RunningSimulator } from '../simulator';
import type { Cipher } from '../vault/cipher';
import { CollectorSecret } from '../vault/collector-secret';
import { ProfileRegistry } from '../vault/profile-registry';
import type { KeyValueStore } from '../vault/store';
import type { StoreRecovery } from '../vault/store-recovery';
import { WorkerQueries } from '../workers/worker-queries';
import { ConnectionManager, legacyConnectionKey, type ActiveConnection } from './connection';
import { createHandlers } from './handlers';
import { SettingsService } from './settings';
import { throttleLatest } from './throttle-latest';
import { crossProfileTokens } from './cross-profile';
import { profileList } from './profile-list';
import { workerSource } from './worker-source';

/** Size of the built-in demo organization unless told otherwise. */
export const DEFAULT_DEMO_WORKERS = 250;

/** What the core needs from its host: the Electron shell, or the e2e test bridge. */
export interface CorePorts {
  /** Where the console keeps its files (the Electron userData folder in the app). */
  userDataDir: string;
  cipher: Cipher;
  /** The settings file, already checked (and moved aside when damaged). */
  settings: { store: KeyValueStore; recovery: StoreRecovery };
  clipboard: Clipboard;
  emit: Emit;
  /** Asks the operator where to save an export (a dialog in the app); undefined when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | undefined>;
  /** Shows a file the console saved in the system's file manager (Electron's shell in the app). */
  showInFolder?: (path: string) => void;
  /** Shows a native notification (only used when the operator turned them on). */
  notify?: (title: string, body: string) => void;
  timers?: Timers;
  demoWorkers?: number;
  /**
   * An installed (packaged) build: a custom Deel URL must then be https to a public host name,
   * loopback only behind the developer setting. Development builds and tests: false.
   */
  packaged?: boolean;
  /** How requests reach Deel: Electron's `net.fetch` in the app (system proxy and certificate store); Node's fetch when omitted. */
  fetch?: typeof fetch;
}

export interface ConsoleCore {
  handlers: Handlers;
  /** The demo simulator, while the console runs on demo data. */
  simulator(): RunningSimulator | undefined;
  environment(): Environment;
  close(): Promise<void>;
}

/**
 * Everything the main process knows and does, in plain Node: the Electron shell and the e2e
 * test bridge both start it the same way. With no Deel token configured it runs on the
 * built-in simulator (demo mode), bound to loopback.
 */
export async function startConsoleCore(ports: CorePorts): Promise<ConsoleCore> {
  const timers = ports.timers ?? systemTimers;
  const settings = new SettingsService(ports.settings.store);
  const hosts = () => hostPolicy(ports.packaged === true, settings.get().allowLoopbackHost);
  const profiles = await ProfileRegistry.open({
    store: ports.settings.store,
    cipher: ports.cipher,
    recovery: ports.settings.recovery,
    baseUrlFor: (environment, stored) => savedBaseUrl(environment, stored, hosts()),
  });
  const connection = new ConnectionManager({
    profiles,
    demoWorkers: ports.demoWorkers ?? DEFAULT_DEMO_WORKERS,
    requestsPerSecond: () => settings.get().requestsPerSecond,
    hosts,
    rateLimitPatienceMs: () => settings.get().rateLimitPatienceMinutes * 60_000,
    onRetry: ({ status, attempt }) => ports.emit('requestRetrying', { status, attempt }),
    ...(ports.fetch && { fetch: ports.fetch }),
  });
  await connection.start();
  // The audit collector's Authorization header value: sealed like the org token.
  const collectorSecret = await CollectorSecret.open(ports.settings.store, ports.cipher);

  /** Set once the sessions exist: tells the page that some profile's tokens changed. */
  let allTokensChanged: () => void = () => undefined;
  /** Set once the sessions exist (the audit log opens first, and may write while it opens). */
  let heldWorkerTokens: () => string[] = () => [];
  const account = osAccount();
  const audit = await AuditLog.open({
    // Every line names who did it: the OS account, and the display name set in Settings.
    operator: () => ({ account, name: settings.get().operatorName }),
    dir: ports.userDataDir,
    // Belt and braces: an entry that contains the org token is redacted, whatever the field.
    // Every worker token value the process holds too (not only the org token).
    knownSecrets: () => [
      ...connection.heldTokens(),
      ...heldWorkerTokens(),
      ...(collectorSecret.value() ?? []),
    ],
    anchorKeys: keyringAnchorKey(ports.settings.store, ports.cipher),
    context: () => {
      const active = connection.active();
      return { environment: active.environment, organization: active.organization.name };
    },
  });
  // Off until Settings names a collector; https only (loopback http as for a Deel host).
  const forwarder = new AuditForwarder({
    dir: ports.userDataDir,
    source: audit,
    url: () => settings.get().auditForwardUrl,
    allowLoopbackHttp: () => hosts().allowLoopback,
    authorization: () => collectorSecret.value(),
    ...(ports.fetch && { fetch: ports.fetch }),
    timers,
  });
  // A log another console process writes is that process's to forward.
  if (!audit.startup().locked) forwarder.start();
  let auditRecoveredSeen = false;
  const record = async (
    entry: Omit<AuditRecord, 'action'> & {
      action: AuditAction;
    },
    at = connection.active(),
  ) => {
    await audit.append({
      ...entry,
      environment: at.environment,
      organization: at.organization.name,
    });
    forwarder.nudge();
  };

  const warnings = new ExpiryWarnings(
    timers,
    () => settings.get().notifyBeforeExpiry && ports.notify !== undefined,
    (session) => {
      const notice = expiryNotice(session, settings.get().timeZone);
      ports.notify?.(notice.title, notice.body);
    },
  );
  /**
   * Every open profile's sessions (set once they exist): an expiry notice is for any token this
   * console minted, the profile in use or one in the background.
   */
  let everyOpenSession: () => Session[] = () => [];
  const sessionsChanged = (list: Session[]) => {
    warnings.update(everyOpenSession());
    ports.emit('sessionsChanged', list);
  };

  const workers = new WorkerQueries(
    workerSource(() => connection.active().client),
    (page) => ports.emit('workersPage', toWorkersPage(page)),
  );
  /**
   * Who a worker is, for an audit line the sessions service writes: what main listed, else (only
   * when it has no name at all, e.g. a revoke of a worker with no token) Deel's
   * GET /people/{id}, asked once per worker and connection.
   */
  const people = new Map<string, Promise<{ name?: string; email?: string }>>();
  const auditedWorker = async (
    entry: AuditRecord,
    at: ReturnType<typeof connection.active>,
  ): Promise<AuditRecord> => {
    const id = entry.workerId;
    if (!id) return entry;
    // The worker list on screen is the active connection's: a background one asks Deel.
    const listed = connection.active().key === at.key ? workers.listed(id) : undefined;
    let name = entry.workerName || listed?.name || undefined;
    let email = entry.workerEmail ?? listed?.emails?.[0];
    const key = `${at.key}\n${id}`;
    // A name is always wanted; an email is asked for too unless the worker was listed without
    // one (a bulk revoke never waits for it: its workers have names, from their tokens).
    const wantEmail = !email && !listed && entry.action !== 'bulk-revoke';
    if (!name || wantEmail || people.has(key)) {
      let lookup = people.get(key);
      if (!lookup) {
        lookup = at.client
          .getPerson(id)
          .then((person) => ({
            ...(person?.name && { name: person.name }),
            ...(person?.email && { email: person.email }),
          }))
          .catch(() => ({}));
        people.set(key, lookup);
      }
      const person = await lookup;
      name ||= person.name;
      email ??= person.email;
    }
    return {
      ...entry,
      ...(name && { workerName: name }),
      ...(email && { workerEmail: email }),
    };
  };

  const perConnection = new ConnectionSessions({
    dir: ports.userDataDir,
    clipboard: ports.clipboard,
    timers,
    clipboardClearSeconds: () => settings.get().clipboardClearSeconds,
    onChange: sessionsChanged,
    // The page learns at once that tokens are no longer being recorded (and when they are again).
    onSaveProblem: () => ports.emit('connectionChanged', status()),
    // A few frames a second while it runs; its end at once.
    onSweepChange: throttleLatest(
      (view) => ports.emit('sweepProgress', toSweepView(view)),
      250,
      timers,
      (view) => view.state !== 'running',
    ),
    // The cross-profile view follows every open connection, the background ones too.
    onAnyChange: () => {
      warnings.update(everyOpenSession());
      allTokensChanged();
    },
  });
  heldWorkerTokens = () => perConnection.heldTokens();
  everyOpenSession = () => perConnection.open().flatMap((open) => open.service.list());
  const allTokens = () =>
    crossProfileTokens({
      dir: ports.userDataDir,
      sessions: perConnection,
      known: connection.knownConnections(),
      now: timers.now(),
    });
  const pushAllTokens = throttleLatest<null>(
    () => {
      void allTokens()
        .then((view) => ports.emit('allTokensChanged', view))
        .catch(() => undefined);
    },
    500,
    timers,
  );
  allTokensChanged = () => pushAllTokens(null);
  /**
   * A connection's sessions, bound to it: a call still running when the operator switches
   * profile (a bulk revoke, say) goes on with that connection's own client, never the new
   * organization's or host's. While it is the active connection, its latest client is used
   * (it is rebuilt for a new request rate).
   */
  const scopeFor = (at: ActiveConnection): SessionScope => {
    const client = () => {
      const now = connection.active();
      return now.key === at.key ? now.client : at.client;
    };
    return {
      key: at.key,
      profileId: at.profileId,
      persistent: at.mode === 'live',
      rebuildWhenMissing: at.mode === 'live' && at.environment !== 'custom',
      ...(at.mode === 'live' &&
        at.environment === 'custom' && {
          legacyKey: legacyConnectionKey(at.environment, at.organization.id),
        }),
      api: {
        createWorkerSession: (id, options) => client().createWorkerSession(id, options),
        deleteWorkerSession: (id) => client().deleteWorkerSession(id),
        getMe: (token) => client().getMe(token),
      },
      audit: async (entry) => record(await auditedWorker(entry, at), at),
      auditHistory: (since) =>
        audit.entriesSince(since, {
          environment: at.environment,
          organization: at.organization.name,
        }),
    };
  };
  const openSessions = (): Promise<SessionService> =>
    perConnection.for(scopeFor(connection.active()));
  await openSessions();
  // Every other saved profile's sessions are tracked from the start: their tokens Deel may
  // hold, and a bulk revoke or sweep a restart interrupted, show in the cross-profile view.
  for (const background of connection.savedConnections()) {
    if (background.key !== connection.active().key) {
      await perConnection.openInBackground(scopeFor(background));
    }
  }

  /** The EOR workers of the connection active now, for its sweep (which goes on in the background). */
  const listEorWorkers = (): ListEorWorkers => {
    const active = connection.active();
    const source = workerSource(() => {
      const now = connection.active();
      return now.key === active.key ? now.client : active.client;
    });
    return async function* (signal) {
      for await (const page of source({ hiringTypes: ['eor'] }, signal)) {
        yield {
          workers: page.rows.map((row) => ({ id: row.id, name: row.name })),
          total: page.total,
        };
      }
    };
  };

  /** The vault's warnings and, for this connection, a sessions file that had to be moved aside. */
  const status = (): ConnectionStatus => {
    const base = connection.status();
    const more = [
      ...auditWarnings(audit, auditRecoveredSeen),
      ...perConnection.warnings(),
      ...clockWarnings(connection),
    ];
    return more.length > 0 ? { ...base, warnings: [...base.warnings, ...more] } : base;
  };

  /** The active organization's pacing, pushed to the page as it changes. */
  let stopPacing: () => void = () => undefined;
  const followPacing = () => {
    stopPacing();
    const { pacing } = connection.active();
    stopPacing = pacing.onChange((state) => ports.emit('pacingChanged', state));
    ports.emit('pacingChanged', pacing.state());
  };
  followPacing();

  const handlers = createHandlers({
    status,
    acknowledge(code) {
      if (code === 'store-recovered') connection.acknowledgeStoreRecovered();
      else if (code === 'audit-recovered') auditRecoveredSeen = true;
      else perConnection.acknowledgeRecovered();
    },
    connection,
    settings,
    audit,
    workers,
    sessions: openSessions,
    listEorWorkers,
    record,
    chooseSavePath: ports.chooseSavePath,
    showInFolder: ports.showInFolder ?? (() => undefined),
    clipboard: ports.clipboard,
    emit: ports.emit,
    auditForwarding: async () => ({
      ...(audit.startup().locked
        ? {
            ...(await forwarder.status()),
            enabled: false,
            lastError: 'Another console process writes the audit log; that one forwards it.',
          }
        : await forwarder.status()),
      authorization: collectorSecret.status(),
    }),
    setCollectorAuthorization: async (value) => {
      await collectorSecret.set(value);
      // A collector that refused for want of it is asked again at once.
      forwarder.settingsChanged();
    },
    forwardUrlProblem: (url, loopbackSetting) =>
      forwardUrlProblem(url, hostPolicy(ports.packaged === true, loopbackSetting).allowLoopback),
    onSettingsChanged: async () => {
      forwarder.settingsChanged();
      // A new request rate rebuilds the client and its pacing.
      followPacing();
      await openSessions();
      warnings.update(everyOpenSession());
    },
    onConnectionChanged: async (reason = 'connection-switched') => {
      workers.stop();
      workers.forgetNames();
      people.clear();
      // Every connect starts the sessions afresh, even for the same organization: worker token
      // values held in memory never follow a reconnect (to another host, say).
      await perConnection.close(reason);
      await openSessions();
      followPacing();
      ports.emit('connectionChanged', status());
      ports.emit('profilesChanged', profileList(profiles, connection));
      allTokensChanged();
    },
    onProfileSwitched: async () => {
      workers.stop();
      workers.forgetNames();
      // The previous profile's sessions go on in the background (a bulk revoke, a sweep).
      perConnection.park();
      await openSessions();
      followPacing();
      ports.emit('connectionChanged', status());
      ports.emit('profilesChanged', profileList(profiles, connection));
      allTokensChanged();
    },
    profiles,
    allTokens,
    isCurrent: (service) => perConnection.isCurrent(service),
    openSessions: () => perConnection.open(),
    closeInBackground: (key) => perConnection.closeInBackground(key, 'token-forgotten'),
  });

  return {
    handlers,
    simulator: () => connection.simulator(),
    environment: () => connection.active().environment,
    async close() {
      stopPacing();
      workers.stop();
      warnings.stop();
      await perConnection.closeAll();
      await forwarder.stop();
      await audit.close();
      await connection.close();
    },
  };
}

export { sessionsFileName } from '../sessions/connection-sessions';

/**
 * Where a saved org token may be sent: a preset's own URL whatever the settings file says, or
 * the custom URL normalised and checked by the same rules as when it was entered.
 */
function savedBaseUrl(environment: LiveEnvironment, stored: string, hosts: HostPolicy): string {
  return environment === 'custom'
    ? resolveBaseUrl('custom', { customUrl: stored, hosts })
    : resolveBaseUrl(environment);
}

/** A log another process writes (refused until it exits), and what this start repaired. */
function auditWarnings(audit: AuditLog, recoveredSeen: boolean): ConnectionWarning[] {
  const { locked, recovered } = audit.startup();
  const out: ConnectionWarning[] = [];
  if (locked) {
    out.push({
      code: 'audit-locked',
      message: `Another console process (pid ${locked.pid}) is writing the audit log, so this one mints and revokes nothing: it never changes Deel without a record. Close the other console and restart this one; if none is running, delete ${locked.lockPath}.`,
    });
  }
  if (recovered.length > 0 && !recoveredSeen) {
    out.push({
      code: 'audit-recovered',
      message: `${recovered.join(' ')} This is recorded in the audit log.`,
    });
  }
  return out;
}

/** Past this, the skew between this machine and Deel is shown (countdowns are corrected anyway). */
export const SHOWN_CLOCK_SKEW_MS = 60_000;

function clockWarnings(connection: ConnectionManager): ConnectionWarning[] {
  let skew: number;
  try {
    skew = connection.active().client.clockSkewMs();
  } catch {
    return [];
  }
  if (Math.abs(skew) <= SHOWN_CLOCK_SKEW_MS) return [];
  const minutes = Math.round(Math.abs(skew) / 60_000);
  const way = skew > 0 ? 'behind' : 'ahead of';
  return [
    {
      code: 'clock-skew',
      message: `This computer's clock is about ${minutes} minute${minutes === 1 ? '' : 's'} ${way} Deel's. Token countdowns and expiry notices are corrected for it; fix the system clock to be sure.`,
    },
  ];
}

/** The OS account the console runs as (the audit log's operator). */
function osAccount(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
