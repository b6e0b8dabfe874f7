import { basename, dirname } from 'node:path';
import {
  ACROSS_PROFILES_CONFIRMATION,
  DEMO_PROFILE_ID,
  type AuditFilter,
  type AuditForwarding,
  type CrossProfileTokens,
  type RevokeAcrossProfilesResult,
  type ConnectionStatus,
  type DismissibleWarningCode,
  type TokenUnavailableReason,
} from '../../src-shared/contract';
import type { ProfileRegistry } from '../vault/profile-registry';
import type { OpenSessions } from '../sessions/connection-sessions';
import { profileList } from './profile-list';
import type { AuditAction } from '../../src-shared/audit-vocabulary';
import type { AuditLog, AuditQuery } from '../audit';
import { ConsoleError } from '../errors/console-error';
import type { Emit } from '../ipc/events';
import type { Handlers } from '../ipc/dispatch';
import { toRevokeResult, toSweepView } from '../ipc/to-ipc-error';
import type { ListEorWorkers, SessionService } from '../sessions/session-service';
import type { AuditRecord, Clipboard } from '../sessions/ports';
import { workerTokenHistory } from '../sessions/worker-history';
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
  /** Another profile became active: the previous one's sessions go on in the background. */
  onProfileSwitched(): Promise<void>;
  profiles: ProfileRegistry;
  /** Every token Deel may hold, across profiles, and their unfinished jobs. */
  allTokens(): Promise<CrossProfileTokens>;
  /** Whether `service` is the active connection's (only its progress reaches the page). */
  isCurrent(service: SessionService): boolean;
  /** Closes a removed profile's background sessions. */
  closeInBackground(key: string): Promise<void>;
  /** Every open connection's sessions: the active one's and those running in the background. */
  openSessions(): OpenSessions[];
  /** Whether the audit log is forwarded, and how far the collector has acknowledged it. */
  auditForwarding(): Promise<AuditForwarding>;
  /** Seals (or, with '', removes) the collector's Authorization header value. */
  setCollectorAuthorization(value: string): Promise<void>;
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
    if (reason) return;
    if (settings.get().requireReason) {
      throw new ConsoleError(
        'invalid-argument',
        'Nothing was sent: give a reason or ticket reference (Settings requires one for every mint, revoke and sweep).',
      );
    }
    const profile = deps.profiles.active();
    if (profile?.requireReason) {
      throw new ConsoleError(
        'invalid-argument',
        `Nothing was sent: give a reason or ticket reference (profile "${profile.name}" requires one for every mint, revoke and sweep).`,
      );
    }
  };
  const profilesChanged = () =>
    deps.emit('profilesChanged', profileList(deps.profiles, connection));
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
        const { replaced, rotated, profile } = await connection.connect(input);
        // A new profile leaves the previous one's sessions running; a replace starts afresh.
        if (profile.created) await deps.onProfileSwitched();
        else await deps.onConnectionChanged();
        await record({
          action: rotated ? 'token-rotated' : replaced ? 'token-replaced' : 'connect',
          outcome: 'success',
          ...(rotated && {
            detail: 'same organization; delete the old token in Deel’s Developer Center',
          }),
          ...(profile.created && { detail: `saved as profile "${profile.name}"` }),
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
      await deps.onProfileSwitched();
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
      // A switch of profile leaves the job running in the background: its progress is then
      // shown in the cross-profile view, not as the new profile's.
      const outcomes = await service.bulkRevoke(
        workerIds,
        (done, outcome) => {
          if (deps.isCurrent(service)) {
            deps.emit('bulkProgress', {
              done,
              total: workerIds.length,
              result: toRevokeResult(outcome),
            });
          }
        },
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
      const outcomes = await service.resumeBulkRevoke((done, total, outcome) => {
        if (deps.isCurrent(service)) {
          deps.emit('bulkProgress', { done, total, result: toRevokeResult(outcome) });
        }
      });
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

    async listProfiles() {
      return profileList(deps.profiles, connection);
    },

    async switchProfile({ profileId }) {
      const from = connection.active();
      if (profileId === deps.profiles.activeId() && from.profileId === profileId) {
        return deps.status();
      }
      const fromName = deps.profiles.get(from.profileId)?.name ?? 'Demo';
      await connection.switchTo(profileId);
      await deps.onProfileSwitched();
      const to = connection.active();
      await record({
        action: 'profile-switched',
        outcome: 'success',
        detail: `from "${fromName}" to "${deps.profiles.get(profileId)?.name ?? 'Demo'}"${to.mode === 'demo' && profileId !== DEMO_PROFILE_ID ? ' (its token is unavailable: demo data shown)' : ''}`,
      });
      return deps.status();
    },

    async updateProfile({ profileId, name, requireReason }) {
      if (profileId === DEMO_PROFILE_ID) {
        throw new ConsoleError('not-allowed', 'The built-in demo profile cannot be changed.');
      }
      deps.profiles.update(profileId, {
        ...(name !== undefined && { name }),
        ...(requireReason !== undefined && { requireReason }),
      });
      profilesChanged();
      deps.emit('connectionChanged', deps.status());
      return profileList(deps.profiles, connection);
    },

    async removeProfile({ profileId }) {
      if (profileId === DEMO_PROFILE_ID) {
        throw new ConsoleError('not-allowed', 'The built-in demo profile cannot be removed.');
      }
      const profile = deps.profiles.get(profileId);
      if (!profile) {
        throw new ConsoleError('not-found', 'There is no such profile (it may have been removed).');
      }
      if (profileId === deps.profiles.activeId()) {
        throw new ConsoleError(
          'not-allowed',
          `Nothing was removed: "${profile.name}" is the profile in use. Switch to another profile first, or use Forget token.`,
        );
      }
      const all = await deps.allTokens();
      const held = all.tokens.filter((token) => token.profileId === profileId).length;
      const jobs = all.jobs.filter((job) => job.profileId === profileId).length;
      if (held > 0 || jobs > 0) {
        throw new ConsoleError(
          'not-allowed',
          `Nothing was removed: Deel may still hold ${held} token${held === 1 ? '' : 's'} minted in "${profile.name}"${jobs > 0 ? `, and ${jobs === 1 ? 'a job is' : `${jobs} jobs are`} not finished` : ''}. Switch to it and revoke them (or wait until they expire) first.`,
        );
      }
      const key = connection.knownConnections().find((known) => known.profileId === profileId)?.key;
      if (key) await deps.closeInBackground(key);
      const status = profile.vault.status();
      deps.profiles.remove(profileId);
      await record({
        action: 'profile-removed',
        outcome: 'success',
        detail: `"${profile.name}"${status.organization ? `: ${status.environment ?? ''} ${status.organization.name}` : ''}; its organization token was forgotten`,
      });
      profilesChanged();
      return profileList(deps.profiles, connection);
    },

    async listAllTokens() {
      return deps.allTokens();
    },

    /**
     * "Revoke everything this console minted", across profiles: every live and outcome-unknown
     * token of each open profile, as that profile's own journaled bulk job (each DELETE with its
     * intent first, to its own organization), started together and run in the background.
     * Tokens no open profile can revoke (a token unavailable, a profile removed) are reported.
     */
    async revokeAcrossProfiles({ confirmation, reason }) {
      if (confirmation.trim().toLowerCase() !== ACROSS_PROFILES_CONFIRMATION) {
        throw new ConsoleError(
          'invalid-argument',
          `Nothing was sent: type "${ACROSS_PROFILES_CONFIRMATION}" to revoke every profile's tokens.`,
        );
      }
      const all = await deps.allTokens();
      const open = deps.openSessions();
      const names = new Map(deps.profiles.list().map((p) => [p.id, p.name]));
      const needsReason =
        settings.get().requireReason ||
        open.some((o) => deps.profiles.get(o.profileId)?.requireReason === true);
      if (needsReason && !reason) {
        throw new ConsoleError(
          'invalid-argument',
          'Nothing was sent: give a reason or ticket reference (a profile or Settings requires one for every revoke).',
        );
      }
      const profiles: RevokeAcrossProfilesResult['profiles'] = [];
      for (const at of open) {
        const targets = [
          ...new Set(
            at.service
              .list()
              .filter((s) => s.state === 'live' || s.state === 'outcome-unknown')
              .map((s) => s.workerId),
          ),
        ];
        if (targets.length === 0) continue;
        const profileName = names.get(at.profileId) ?? 'Demo';
        if (at.service.bulkJob()?.state === 'running') {
          profiles.push({
            profileId: at.profileId,
            profileName,
            tokens: targets.length,
            started: false,
            notStartedBecause: 'job-running',
          });
          continue;
        }
        const service = at.service;
        const before = service.bulkJob()?.id;
        const settled = { refused: false, done: false };
        const job = service
          .bulkRevoke(
            targets,
            (done, outcome) => {
              if (deps.isCurrent(service)) {
                deps.emit('bulkProgress', {
                  done,
                  total: targets.length,
                  result: toRevokeResult(outcome),
                });
              }
            },
            reason,
          )
          // Each outcome is in that profile's sessions, journal and audit log, not in this answer.
          .then(
            () => undefined,
            () => {
              settled.refused = service.bulkJob()?.id === before;
            },
          )
          .finally(() => {
            settled.done = true;
          });
        // Started once its journal is on disk (a new job is then shown), or refused before that.
        await Promise.race([job, untilNewJob(service, before, settled)]);
        const { refused } = settled;
        profiles.push({
          profileId: at.profileId,
          profileName,
          tokens: targets.length,
          started: !refused,
          ...(refused ? { notStartedBecause: 'journal-unwritable' as const } : {}),
        });
      }
      const openKeys = new Set(open.map((o) => o.profileId));
      const unreachable = new Map<
        string,
        { profileId?: string; profileName: string; tokens: number }
      >();
      for (const token of all.tokens) {
        if (token.profileId !== undefined && openKeys.has(token.profileId)) continue;
        const key = token.profileId ?? `none:${token.profileName}`;
        const entry = unreachable.get(key) ?? {
          ...(token.profileId !== undefined && { profileId: token.profileId }),
          profileName: token.profileName,
          tokens: 0,
        };
        entry.tokens += 1;
        unreachable.set(key, entry);
      }
      for (const entry of unreachable.values()) {
        profiles.push({
          ...entry,
          started: false,
          notStartedBecause: entry.profileId ? 'token-unavailable' : 'no-profile',
        });
      }
      return { profiles };
    },

    async getWorkerHistory({ workerId }) {
      const active = connection.active();
      const [lines, service] = await Promise.all([
        audit.entriesSince(new Date(0), {
          environment: active.environment,
          organization: active.organization.name,
        }),
        sessions(),
      ]);
      return workerTokenHistory(workerId, lines, service.list(), Date.now());
    },

    async getAuditForwarding() {
      return deps.auditForwarding();
    },

    async setAuditCollectorAuthorization({ value }) {
      await deps.setCollectorAuthorization(value);
      return deps.auditForwarding();
    },
  };
}

/** Resolves once `service` shows a bulk job other than `before` (its journal is written). */
async function untilNewJob(
  service: SessionService,
  before: string | undefined,
  settled: { done: boolean },
): Promise<void> {
  while (!settled.done && service.bulkJob()?.id === before) {
    await new Promise((resolve) => setImmediate(resolve));
  }
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
