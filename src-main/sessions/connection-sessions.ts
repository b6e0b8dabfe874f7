import { basename, join } from 'node:path';
import type { Session } from '../../src-shared/contract';
import type { AuditSink, Clipboard, Timers, WorkerTokenApi } from './ports';
import { SessionService } from './session-service';

/** The connection a set of sessions belongs to. */
export interface SessionScope {
  /** Stable per organization and environment (the connection's key). */
  key: string;
  /** Live connections keep their session metadata on disk; demo data is regenerated per start. */
  persistent: boolean;
  api: WorkerTokenApi;
  audit: AuditSink;
}

export interface ConnectionSessionsOptions {
  /** Where the per-connection sessions files live (the user-data folder). */
  dir: string;
  clipboard: Clipboard;
  timers: Timers;
  clipboardClearSeconds: () => number;
  onChange: (sessions: Session[]) => void;
}

/** Where a connection's session metadata lives in the user-data folder (one file per org). */
export function sessionsFileName(connectionKey: string): string {
  return `sessions-${connectionKey.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 120)}.json`;
}

/**
 * Sessions belong to one organization and environment: switching the connection closes the
 * previous connection's sessions (writing them, clearing a copied token) and opens the new
 * one's, with its own file.
 */
export class ConnectionSessions {
  #current: { key: string; service: SessionService } | undefined;
  /** Connections whose sessions file was unreadable, and where it was moved, until acknowledged. */
  readonly #recovered = new Map<string, string>();

  constructor(private readonly options: ConnectionSessionsOptions) {}

  /** The sessions of `scope`, opened when the connection changed since the last call. */
  async for(scope: SessionScope): Promise<SessionService> {
    if (this.#current?.key === scope.key) return this.#current.service;
    await this.close();
    const { service, movedAsideTo } = await SessionService.open({
      api: scope.api,
      audit: scope.audit,
      clipboard: this.options.clipboard,
      ...(scope.persistent && { file: join(this.options.dir, sessionsFileName(scope.key)) }),
      timers: this.options.timers,
      clipboardClearSeconds: this.options.clipboardClearSeconds,
      onChange: this.options.onChange,
    });
    if (movedAsideTo) this.#recovered.set(scope.key, movedAsideTo);
    this.#current = { key: scope.key, service };
    this.options.onChange(service.list());
    return service;
  }

  /** Said while the current connection's sessions file had to be moved aside at open. */
  warning(): { code: 'sessions-recovered'; message: string } | undefined {
    const movedTo = this.#current && this.#recovered.get(this.#current.key);
    if (!movedTo) return undefined;
    return {
      code: 'sessions-recovered',
      message: `The list of worker tokens minted for this organization could not be read and was moved aside to ${basename(movedTo)}. Tokens minted before are no longer tracked here; any of them may still be live on Deel until it expires (24 h after it was minted).`,
    };
  }

  /** The operator has read the warning about the current connection's sessions file. */
  acknowledgeRecovered(): void {
    if (this.#current) this.#recovered.delete(this.#current.key);
  }

  async close(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    await current?.service.close();
  }
}
