import type { Session } from '../../src-shared/contract';
import { ExpiryScheduler } from './expiry-scheduler';
import type { Timers } from './ports';

/** How long before expiry the operator is told, when they asked to be. */
export const WARN_BEFORE_EXPIRY_MS = 10 * 60 * 1000;

/** The native notice for a token with 10 minutes left. */
export function expiryNotice(
  session: Pick<Session, 'workerName' | 'expiresAt'> & { workerEmail?: string | null },
  zone: 'local' | 'utc',
): {
  title: string;
  body: string;
} {
  // The zone is named, as on every timestamp the page shows (Settings → "Show times in").
  const at = new Date(session.expiresAt ?? 0).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    ...(zone === 'utc' && { timeZone: 'UTC' }),
  });
  const who = session.workerEmail
    ? `${session.workerName} (${session.workerEmail})`
    : session.workerName;
  return {
    title: 'Worker token expires in 10 minutes',
    body: `${who}'s token expires at ${at}.`,
  };
}

/**
 * Raises one notice per live token when it has 10 minutes left, if the operator turned
 * notifications on (they are off by default). One timer for all tokens, like expiry itself.
 */
export class ExpiryWarnings {
  readonly #scheduler: ExpiryScheduler;
  readonly #warned = new Set<string>();
  #live: { session: Session; expiresAt: number }[] = [];

  constructor(
    private readonly timers: Timers,
    private readonly enabled: () => boolean,
    private readonly notify: (session: Session) => void,
  ) {
    this.#scheduler = new ExpiryScheduler(timers, (now) => this.#due(now));
  }

  /** Call with the current session list whenever it changes (and when the setting changes). */
  update(sessions: Session[]): void {
    this.#live = sessions.flatMap((session) =>
      session.state === 'live' && session.expiresAt
        ? [{ session, expiresAt: Date.parse(session.expiresAt) }]
        : [],
    );
    this.#rearm();
  }

  stop(): void {
    this.#scheduler.stop();
  }

  #pending(): { session: Session; expiresAt: number }[] {
    return this.enabled() ? this.#live.filter(({ session }) => !this.#warned.has(session.id)) : [];
  }

  #rearm(): void {
    this.#scheduler.reschedule(
      this.#pending().map(({ expiresAt }) => expiresAt - WARN_BEFORE_EXPIRY_MS),
    );
  }

  #due(now: number): void {
    for (const { session, expiresAt } of this.#pending()) {
      if (expiresAt - WARN_BEFORE_EXPIRY_MS > now) continue;
      this.#warned.add(session.id);
      if (expiresAt > now) this.notify(session);
    }
    this.#rearm();
  }
}
