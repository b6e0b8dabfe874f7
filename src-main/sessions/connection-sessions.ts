import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ConnectionWarning, Session, TokenUnavailableReason } from '../../src-shared/contract';
import type { AuditHistory, AuditSink, Clipboard, Timers, WorkerTokenApi } from './ports';
import type { LoadProblem } from './session-file';
import type { SweepView } from './organization-sweep';
import { SessionService } from './session-service';

/** The connection a set of sessions belongs to. */
export interface SessionScope {
  /** Stable per organization and environment (the connection's key). */
  key: string;
  /** Live connections keep their session metadata on disk; demo data is regenerated per start. */
  persistent: boolean;
  api: WorkerTokenApi;
  audit: AuditSink;
  /**
   * The key an earlier build kept this connection's files under: they are taken over (renamed)
   * once, when the connection has no files of its own yet.
   */
  legacyKey?: string;
  /** Rebuild from the audit log also when the sessions file is missing (see SessionService). */
  rebuildWhenMissing?: boolean;
  /** This connection's audit lines: a lost sessions file is rebuilt from them. */
  auditHistory?: AuditHistory;
  /** The connection profile it belongs to. */
  profileId: string;
}

/** A connection's sessions that are open: the current one's, or one kept in the background. */
export interface OpenSessions {
  key: string;
  profileId: string;
  persistent: boolean;
  service: SessionService;
  current: boolean;
}

export interface ConnectionSessionsOptions {
  /** Where the per-connection sessions files live (the user-data folder). */
  dir: string;
  clipboard: Clipboard;
  timers: Timers;
  clipboardClearSeconds: () => number;
  onChange: (sessions: Session[]) => void;
  /** Told when the sessions file starts or stops failing to be written. */
  onSaveProblem?: () => void;
  /** Told after each change of the current connection's organization sweep. */
  onSweepChange?: (view: SweepView) => void;
  /** Told after any change of any open connection's sessions or sweep (current or background). */
  onAnyChange?: () => void;
}

/** Where a connection's session metadata lives in the user-data folder (one file per org). */
export function sessionsFileName(connectionKey: string): string {
  return `sessions-${connectionKey.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 120)}.json`;
}

/** Where a connection's bulk revoke journal lives, beside its sessions file. */
export function bulkJobFileName(connectionKey: string): string {
  return `bulk-revoke-${connectionKey.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 120)}.json`;
}

/** Where a connection's organization sweep journal lives, beside its sessions file. */
export function sweepFileName(connectionKey: string): string {
  return `sweep-${connectionKey.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 120)}.jsonl`;
}

/**
 * Sessions belong to one organization and environment. Switching profiles parks the previous
 * connection's sessions in the background (a bulk revoke or a sweep goes on, each with its own
 * connection's client) and makes the new one's current; a reconnect of the same profile closes
 * them (writing them, clearing a copied token). Only the current connection's changes reach the
 * page's session list; every change is announced to `onAnyChange` (the cross-profile view).
 */
export class ConnectionSessions {
  #current:
    { key: string; profileId: string; persistent: boolean; service: SessionService } | undefined;
  readonly #parked = new Map<
    string,
    { key: string; profileId: string; persistent: boolean; service: SessionService }
  >();
  /** Connections whose sessions file was (partly) unreadable at open, until acknowledged. */
  readonly #recovered = new Map<string, LoadProblem>();
  /** Connections whose bulk revoke journal was unreadable at open: where it was copied. */
  readonly #journalRecovered = new Map<string, string>();
  /** Connections whose lost tokens were rebuilt from the audit log at open: how many. */
  readonly #rebuilt = new Map<string, number>();

  constructor(private readonly options: ConnectionSessionsOptions) {}

  /** The sessions of `scope`, opened when the connection changed since the last call. */
  async for(scope: SessionScope): Promise<SessionService> {
    if (this.#current?.key === scope.key) return this.#current.service;
    await this.close('connection-switched');
    const parked = this.#parked.get(scope.key);
    if (parked) {
      this.#parked.delete(scope.key);
      this.#current = { ...parked, profileId: scope.profileId };
      this.options.onChange(parked.service.list());
      return parked.service;
    }
    const service = await this.#open(scope);
    this.#current = {
      key: scope.key,
      profileId: scope.profileId,
      persistent: scope.persistent,
      service,
    };
    this.options.onChange(service.list());
    return service;
  }

  /**
   * Opens `scope`'s sessions in the background (a profile not in use): its interrupted jobs
   * and tokens are tracked from the start. Nothing happens when they are open already.
   */
  async openInBackground(scope: SessionScope): Promise<void> {
    if (this.#current?.key === scope.key || this.#parked.has(scope.key)) return;
    const service = await this.#open(scope);
    this.#parked.set(scope.key, {
      key: scope.key,
      profileId: scope.profileId,
      persistent: scope.persistent,
      service,
    });
  }

  /** Keeps the current connection's sessions running in the background (a profile switch). */
  park(): void {
    const current = this.#current;
    if (!current) return;
    this.#current = undefined;
    this.#parked.set(current.key, current);
  }

  /** Whether `service` is the current connection's (its progress is the page's to show). */
  isCurrent(service: SessionService): boolean {
    return this.#current?.service === service;
  }

  /** Every open connection's sessions, the current one first. */
  open(): OpenSessions[] {
    const out: OpenSessions[] = [];
    if (this.#current) out.push({ ...this.#current, current: true });
    for (const parked of this.#parked.values()) out.push({ ...parked, current: false });
    return out;
  }

  /** Closes a background connection's sessions (its profile was removed). */
  async closeInBackground(key: string, reason: TokenUnavailableReason): Promise<void> {
    const parked = this.#parked.get(key);
    this.#parked.delete(key);
    await parked?.service.close(reason);
  }

  async #open(scope: SessionScope): Promise<SessionService> {
    if (scope.persistent && scope.legacyKey && scope.legacyKey !== scope.key) {
      await this.#takeOver(scope.legacyKey, scope.key);
    }
    // Only the current connection's list and sweep reach the page; every change is announced.
    const opened: { service?: SessionService } = {};
    const isCurrent = () =>
      opened.service !== undefined && this.#current?.service === opened.service;
    const onSweepChange = this.options.onSweepChange;
    const { service, problem } = await SessionService.open({
      api: scope.api,
      audit: scope.audit,
      ...(scope.auditHistory && { auditHistory: scope.auditHistory }),
      ...(scope.rebuildWhenMissing && { rebuildWhenMissing: true }),
      clipboard: this.options.clipboard,
      ...(scope.persistent && {
        file: join(this.options.dir, sessionsFileName(scope.key)),
        jobFile: join(this.options.dir, bulkJobFileName(scope.key)),
        sweepFile: join(this.options.dir, sweepFileName(scope.key)),
      }),
      onSweepChange: (view) => {
        if (isCurrent()) onSweepChange?.(view);
        this.options.onAnyChange?.();
      },
      timers: this.options.timers,
      clipboardClearSeconds: this.options.clipboardClearSeconds,
      onChange: (sessions) => {
        if (isCurrent()) this.options.onChange(sessions);
        this.options.onAnyChange?.();
      },
      ...(this.options.onSaveProblem && { onSaveProblem: this.options.onSaveProblem }),
    });
    opened.service = service;
    if (problem) this.#recovered.set(scope.key, problem);
    if (service.rebuiltFromAudit() > 0) this.#rebuilt.set(scope.key, service.rebuiltFromAudit());
    const journalCopy = service.unreadableBulkJournal();
    if (journalCopy) this.#journalRecovered.set(scope.key, journalCopy);
    return service;
  }

  /** The worker token values every open connection's sessions hold (for the secret guard). */
  heldTokens(): string[] {
    return this.open().flatMap((open) => open.service.heldTokens());
  }

  /** What the operator must know about the current connection's sessions file. */
  warnings(): ConnectionWarning[] {
    const current = this.#current;
    if (!current) return [];
    const warnings: ConnectionWarning[] = [];
    const recovered = this.#recovered.get(current.key);
    const rebuilt = this.#rebuilt.get(current.key) ?? 0;
    const journalCopy = this.#journalRecovered.get(current.key);
    const parts: string[] = [];
    if (recovered) {
      const what =
        recovered.unreadable === 'all'
          ? 'could not be read at all'
          : `had ${recovered.unreadable} unreadable ${recovered.unreadable === 1 ? 'entry' : 'entries'}`;
      parts.push(
        `The list of worker tokens minted for this organization ${what}; the file as it was is kept as ${basename(recovered.copiedTo)}.`,
      );
    } else if (rebuilt > 0) {
      parts.push('The list of worker tokens minted for this organization was missing.');
    }
    if (rebuilt > 0) {
      const one = rebuilt === 1;
      parts.push(
        `${rebuilt} ${one ? 'token' : 'tokens'} Deel may still hold ${one ? 'was' : 'were'} rebuilt from the audit log and ${one ? 'is' : 'are'} listed as "outcome unknown": revoke ${one ? 'it' : 'them'} if in doubt.`,
      );
    } else if (recovered) {
      parts.push(
        'Tokens it no longer lists are not tracked here: any of them may still be live on Deel until it expires (24 h after it was minted).',
      );
    }
    if (journalCopy) {
      parts.push(
        `The journal of the last bulk revoke could not be read, so it cannot be resumed; it is kept as ${basename(journalCopy)}. The tokens themselves are tracked in the Live tokens list: revoke any still live there.`,
      );
    }
    if (parts.length > 0) warnings.push({ code: 'sessions-recovered', message: parts.join(' ') });
    const unsaved = current.service.saveProblem();
    if (unsaved) {
      warnings.push({
        code: 'sessions-unsaved',
        message: `The ${unsaved.what} cannot be written in ${this.options.dir} (${unsaved.code}): what Deel did since is tracked for this run only, and new mints and revokes are refused until it can. Free some space or fix the folder's permissions.`,
      });
    }
    return warnings;
  }

  /** The operator has read the warning about the current connection's sessions file. */
  acknowledgeRecovered(): void {
    if (!this.#current) return;
    this.#recovered.delete(this.#current.key);
    this.#journalRecovered.delete(this.#current.key);
    this.#rebuilt.delete(this.#current.key);
  }

  async #takeOver(legacyKey: string, key: string): Promise<void> {
    for (const name of [sessionsFileName, bulkJobFileName]) {
      const from = join(this.options.dir, name(legacyKey));
      const to = join(this.options.dir, name(key));
      if (existsSync(to) || !existsSync(from)) continue;
      await rename(from, to).catch(() => undefined);
    }
  }

  /** Closes the current connection's sessions; `reason`: why their token values go (see close). */
  async close(reason: TokenUnavailableReason = 'restarted'): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    await current?.service.close(reason);
  }

  /** Closes every open connection's sessions (the console quits). */
  async closeAll(reason: TokenUnavailableReason = 'restarted'): Promise<void> {
    await this.close(reason);
    const parked = [...this.#parked.values()];
    this.#parked.clear();
    for (const open of parked) await open.service.close(reason);
  }
}
