import { basename, dirname } from 'node:path';
import type {
  AuditFilter,
  AuditForwarding,
  ConnectionStatus,
  DismissibleWarningCode,
  TokenUnavailableReason,
} from '../../src-shared/contract';
import type { AuditAction } from '../../src-shared/audit-vocabulary';
import type { AuditLog, AuditQuery } from '../audit';
import { ConsoleError } from '../errors/console-error';
import type { Emit } from '../ipc/events';
import type { Handlers } from '../ipc/dispatch';
import { toRevokeResult, toSweepView } from '../ipc/to-ipc-error';
import type { ListEorWorkers, SessionService } from '../sessions/session-service';
import type { AuditRecord, Clipboard } from '../sessions/ports';
import type { WorkerQueries } from '../workers/worker-queries';
import type { ConnectionManager } from './connection';
import type { SettingsService } from './settings';

export interface HandlerDeps {
  connection: ConnectionManager;
  settings: SettingsService;
  audit: AuditLog;
  workers: WorkerQueries;
  sessions: () => Promise<SessionService>;
  /** The active connection's EOR workers, page by page (for a sweep; bound to that connection). */
  listEorWorkers: () => ListEorWorkers;
  record(entry: Omit<AuditRecord, 'action'> & { action: AuditAction }): Promise<void>;
  /** Asks the operator where to save (a dialog in the app); undefined when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | undefined>;
  /** Shows a saved file in the system's file manager. */
  showInFolder(path: string): void;
  clipboard: Clipboard;
  emit: Emit;
  /** `reason`: why the previous connection's token values go (default: a connection switch). */
  onConnectionChanged(reason?: TokenUnavailableReason): Promise<void>;
  /** The connection's status with every warning (the vault's and the sessions file's). */
  status(): ConnectionStatus;
  /** The operator dismissed a warning about something that already happened. */
  acknowledge(code: DismissibleWarningCode): void;
  onSettingsChanged(): Promise<void>;
  /** Whether the audit log is forwarded, and how far the collector has acknowledged it. */
  auditForwarding(): Promise<AuditForwarding>;
  /** Why a collector URL is refused with this loopback developer setting (undefined: allowed). */
  forwardUrlProblem(url: string, allowLoopbackHost: boolean): string | undefined;
}

/** The main-process side of every contract operation. Inputs arrive already parsed. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { connection, settings, audit, workers, sessions, record } = deps;
  /** Where the last export went: "Show in folder" opens it (the page never sends a path). */
  let lastExport: string | undefined;
  /**
   * The worker's name and email from main's own data: as listed, else Deel's
   * `GET /people/{id}`. Email null: main knows the worker and no email (or Deel hides it).
   */
  const workerFromMain = async (
    workerId: string,
  ): Promise<{ name: string; email: string | null } | undefined> => {
    const listed = workers.listed(workerId);
    if (listed !== undefined)
      return { name: listed.name, email: listed.email ?? listed.emails?.[0] ?? null };
    try {
      const person = await connection.active().client.getPerson(workerId);
      return person?.name ? { name: person.name, email: person.emails[0] ?? null } : undefined;
    } catch {
      return undefined;
    }
  };
  /** Settings can make a reason or ticket reference required for every change at Deel. */
  const requireReasonIfSet = (reason: string | undefined) => {
    if (settings.get().requireReason && !reason) {
      throw new ConsoleError(
        'invalid-argument',
        'Nothing was sent: give a reason or ticket reference (Settings requires one for every mint, revoke and sweep).',
      );
    }
  };
  return {
    async getOverview() {
      const active = connection.active();
      const workerCount = await active.client.countPeople();
      return { environment: active.environment, organization: active.organization, workerCount };
    },

    async getConnection() {
      return deps.status();
    },

    async connect(input) {
      try {
        const { replaced, rotated } = await connection.connect(input);
        await deps.onConnectionChanged();
        await record({
          action: rotated ? 'token-rotated' : replaced ? 'token-replaced' : 'connect',
          outcome: 'success',
          ...(rotated && {
            detail: 'same organization; delete the old token in Deel’s Developer Center',
          }),
        });
      } catch (error) {
        // A refused token changes nothing; the attempt is still worth an audit line.
        await record({
          action: input.rotate ? 'token-rotated' : 'connect',
          outcome: 'failure',
          detail: `${input.environment}: rejected${error instanceof ConsoleError ? ` (${error.message})` : ''}`,
        });
        throw error;
      }
      return deps.status();
    },

    async useDemo() {
      await connection.useDemo();
      await deps.onConnectionChanged();
      return deps.status();
    },

    async acknowledgeWarning({ code }) {
      deps.acknowledge(code);
      const status = deps.status();
      deps.emit('connectionChanged', status);
      return status;
    },

    async forgetToken() {
      const before = connection.active();
      const { forgotten } = await connection.forget();
      if (forgotten) {
        await record({
          action: 'token-forgotten',
          outcome: 'success',
          detail: `${forgotten.environment}: ${forgotten.organization.name}`,
        });
      } else if (before.mode === 'live') {
        await record({ action: 'token-forgotten', outcome: 'success' });
      }
      await deps.onConnectionChanged('token-forgotten');
      return deps.status();
    },

    async queryWorkers(query) {
      return workers.start(query);
    },

    async listSessions() {
      return (await sessions()).list();
    },

    async mintToken({ workerId, workerName, reason }) {
      requireReasonIfSet(reason);
      // The audited name is main's own: the worker as it last listed it, else as Deel lists it
      // now (GET /people/{id}, one request). The page's is used only when Deel cannot say (and
      // the audit redacts it if it looks like a token).
      // The email kept with the session is main's only: the page never names workers.
      const service = await sessions();
      const known = await workerFromMain(workerId);
      return service.mint(workerId, known?.name ?? workerName, known?.email ?? null, reason);
    },

    async revealToken({ sessionId }) {
      return (await sessions()).reveal(sessionId);
    },

    async copyToken({ sessionId, format }) {
      const service = await sessions();
      return format === 'curl'
        ? service.copy(sessionId, { asCurlFor: connection.active().client.baseUrl })
        : service.copy(sessionId);
    },

    async verifyToken({ sessionId }) {
      const active = connection.active();
      // Whom the token should authenticate: the worker as main listed it, else as Deel lists it
      // now (GET /people/{id}); either way the connected organization.
      return (await sessions()).verify(sessionId, async ({ workerId }) => {
        const organization = active.organization.name;
        const listed = workers.listed(workerId);
        if (listed) return { ...listed, organization };
        const person = await active.client.getPerson(workerId).catch(() => null);
        return person
          ? {
              name: person.name,
              workerId: person.workerId,
              hrisOrganizationUserId: person.hrisOrganizationUserId,
              emails: person.emails,
              organization,
            }
          : { organization };
      });
    },

    async revokeToken({ workerId, reason }) {
      requireReasonIfSet(reason);
      return (await sessions()).revoke(workerId, 'revoke', reason);
    },

    async bulkRevoke({ workerIds, reason }) {
      requireReasonIfSet(reason);
      const service = await sessions();
      const outcomes = await service.bulkRevoke(
        workerIds,
        (done, outcome) =>
          deps.emit('bulkProgress', {
            done,
            total: workerIds.length,
            result: toRevokeResult(outcome),
          }),
        reason,
      );
      return { results: outcomes.map(toRevokeResult) };
    },

    async getBulkJob() {
      return (await sessions()).bulkJob() ?? null;
    },

    async cancelBulkRevoke() {
      return { cancelled: (await sessions()).cancelBulkRevoke() };
    },

    async resumeBulkRevoke() {
      const service = await sessions();
      const outcomes = await service.resumeBulkRevoke((done, total, outcome) =>
        deps.emit('bulkProgress', { done, total, result: toRevokeResult(outcome) }),
      );
      return { results: outcomes.map(toRevokeResult) };
    },

    async dismissBulkJob() {
      await (await sessions()).dismissBulkJob();
      return null;
    },

    async startSweep({ confirmOrganization, reason }) {
      requireReasonIfSet(reason);
      const { organization } = connection.active();
      // The typed confirmation: an incident switch is never one click away.
      if (confirmOrganization !== organization.name.trim()) {
        throw new ConsoleError(
          'invalid-argument',
          `Nothing was sent: type the organization's name exactly as shown ("${organization.name}") to sweep it.`,
        );
      }
      const service = await sessions();
      return toSweepView(
        await service.startSweep(organization.name, deps.listEorWorkers(), reason),
      );
    },

    async getSweep() {
      const view = (await sessions()).sweep();
      return view ? toSweepView(view) : null;
    },

    async cancelSweep() {
      return { cancelled: (await sessions()).cancelSweep() };
    },

    async resumeSweep() {
      return toSweepView(await (await sessions()).resumeSweep(deps.listEorWorkers()));
    },

    async dismissSweep() {
      await (await sessions()).dismissSweep();
      return null;
    },

    async getPacing() {
      return connection.active().pacing.state();
    },

    async auditPage(query) {
      const [page, chain] = await Promise.all([
        audit.read({ offset: query.offset, limit: query.limit, ...auditFilter(query) }),
        audit.verify(),
      ]);
      return {
        entries: page.entries.map(({ prevHash: _prev, hash: _hash, ...entry }) => entry),
        total: page.total,
        organizations: page.organizations,
        chain: {
          ...(chain.ok
            ? { ok: true }
            : { ok: false, brokenAtLine: chain.line, reason: chain.reason }),
          anchored: chain.anchor.anchored,
          ...(chain.anchor.note && { anchorNote: chain.anchor.note }),
          incidents: chain.incidents.map(({ time, detail, outcome }) => ({
            time,
            detail,
            lost: outcome === 'failure',
          })),
        },
      };
    },

    async exportAudit({ format = 'csv', ...filter }) {
      const stamp = new Date().toISOString().slice(0, 10);
      const path = await deps.chooseSavePath(`deel-console-audit-${stamp}.${format}`);
      if (!path) return { saved: false, rows: 0 };
      const rows =
        format === 'ndjson'
          ? await audit.exportNdjson(path, auditFilter(filter))
          : await audit.exportCsv(path, auditFilter(filter));
      lastExport = path;
      // The page shows where the file went; it never sends a path back (Show in folder names
      // no file: main opens the one it saved last).
      return { saved: true, rows, fileName: basename(path), folder: dirname(path) };
    },

    async showExportedFile() {
      if (!lastExport) throw new ConsoleError('not-found', 'Nothing was exported in this run.');
      deps.showInFolder(lastExport);
      return { shown: true as const };
    },

    async getSettings() {
      return settings.get();
    },

    async copyRequestId({ requestId }) {
      await deps.clipboard.writeText(requestId);
      return { copied: true as const };
    },

    async updateSettings(patch) {
      const before = settings.get();
      if (patch.auditForwardUrl !== undefined) {
        const problem = deps.forwardUrlProblem(
          patch.auditForwardUrl,
          patch.allowLoopbackHost ?? before.allowLoopbackHost,
        );
        if (problem) throw new ConsoleError('invalid-argument', problem);
      }
      const next = settings.update(patch);
      if (
        next.requestsPerSecond !== before.requestsPerSecond ||
        next.rateLimitPatienceMinutes !== before.rateLimitPatienceMinutes
      )
        connection.refreshClient();
      await deps.onSettingsChanged();
      return next;
    },

    async getAuditForwarding() {
      return deps.auditForwarding();
    },
  };
}

/** The page's audit filters as the log reads them (only those set). */
function auditFilter(filter: AuditFilter): Omit<AuditQuery, 'offset' | 'limit'> {
  return {
    ...(filter.action && { action: filter.action }),
    ...(filter.workerId && { workerId: filter.workerId }),
    ...(filter.outcome && { outcome: filter.outcome }),
    ...(filter.organization !== undefined && { organization: filter.organization }),
    ...(filter.environment && { environment: filter.environment }),
    ...(filter.worker && { worker: filter.worker }),
    ...(filter.from && { from: filter.from }),
    ...(filter.to && { to: filter.to }),
  };
}
