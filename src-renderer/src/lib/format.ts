import type { Session, SessionState } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';

/** Countdown colour thresholds: amber under one hour, red under ten minutes. */
export const AMBER_BELOW_MS = 60 * 60 * 1000;
export const RED_BELOW_MS = 10 * 60 * 1000;

export type Urgency = 'ok' | 'amber' | 'red' | 'expired';

/** `HH:MM:SS` for a remaining duration; negative durations read 00:00:00. Hours may exceed 24. */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return [hours, minutes, seconds].map((n) => String(n).padStart(2, '0')).join(':');
}

export function urgencyOf(remainingMs: number): Urgency {
  if (remainingMs <= 0) return 'expired';
  if (remainingMs < RED_BELOW_MS) return 'red';
  if (remainingMs < AMBER_BELOW_MS) return 'amber';
  return 'ok';
}

export type TokenState = 'none' | SessionState;

export const tokenStateLabels: Record<TokenState, string> = {
  none: 'No token',
  live: 'Live',
  expired: 'Expired',
  revoked: 'Revoked',
  superseded: 'Superseded',
  'outcome-unknown': 'Outcome unknown',
};

/** The latest session (by mint time) of every worker. */
export function latestByWorker(sessions: readonly Session[]): Map<string, Session> {
  const latest = new Map<string, Session>();
  for (const session of sessions) {
    const seen = latest.get(session.workerId);
    if (!seen || session.mintedAt > seen.mintedAt) latest.set(session.workerId, session);
  }
  return latest;
}

/** Every live session, soonest expiry first. */
export function liveSessionsByExpiry(sessions: readonly Session[]): Session[] {
  return sessions
    .filter((s) => s.state === 'live')
    .sort(
      (a, b) =>
        (a.expiresAt ?? '').localeCompare(b.expiresAt ?? '') ||
        a.mintedAt.localeCompare(b.mintedAt),
    );
}

export const hiringTypeLabels: Record<string, string> = {
  eor: 'EOR',
  contractor: 'Contractor',
  direct_employee: 'Direct employee',
  hris_direct_employee: 'HRIS direct employee',
  peo: 'PEO',
};

export const hiringStatusLabels: Record<string, string> = {
  active: 'Active',
  onboarding: 'Onboarding',
  offboarding: 'Offboarding',
  inactive: 'Inactive',
  invited: 'Invited',
};

export function labelOf(labels: Record<string, string>, value: string | null): string {
  if (value === null) return '—';
  return labels[value] ?? value.replace(/_/g, ' ');
}

export const environmentLabels = {
  demo: 'Demo (simulated)',
  production: 'Production',
  sandbox: 'Sandbox',
  'sandbox-staging': 'Sandbox (staging host)',
  custom: 'Custom URL',
} as const;

/** A clock time for the operator, e.g. "14:03:27". */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleDateString('en-CA')} ${date.toLocaleTimeString('en-GB', { hour12: false })}`;
}

const sentence = (...parts: string[]) => parts.filter(Boolean).join(' ');

export interface DescribeOptions {
  /** The call used a worker token (Verify): a 401 is about that token, not the org token. */
  workerToken?: boolean;
}

/**
 * What went wrong, in the operator's words, chosen from the error's typed fields (kind, status,
 * Deel's own message, the missing scope); main's sentence is used only where it is the
 * explanation (network, outcome unknown, the console's own refusals). Never the same thing twice.
 */
export function describeError(error: IpcError, options: DescribeOptions = {}): string {
  const status = (fallback: number) => ` (${error.status ?? fallback})`;
  const deelSaid = error.deelMessage ? `Deel said: ${error.deelMessage}` : '';
  switch (error.kind) {
    case 'auth':
      return options.workerToken
        ? sentence(
            `Deel no longer accepts this worker token${status(401)}: it was revoked, superseded or has expired.`,
            deelSaid,
          )
        : sentence(
            `Deel rejected the organization token${status(401)}: it is wrong, expired or revoked.`,
            deelSaid,
          );
    case 'scope':
      return sentence(
        `The organization token is not allowed to do this${status(403)}.`,
        error.missingScope ? `It is missing the ${error.missingScope} scope.` : '',
        deelSaid,
      );
    case 'rate-limit':
      return 'Rate limited, retrying…';
    case 'server':
      return sentence(
        `Deel had a server error${error.status ? ` (${error.status})` : ''}.`,
        deelSaid,
      );
    case 'validation':
    case 'not-found':
    case 'outcome-unknown':
      return sentence(error.message, deelSaid);
    default:
      return error.message;
  }
}

/** Where a key moves the keyboard cursor in a list of `count` rows; undefined: not a move. */
export function moveCursor(
  key: string,
  cursor: number,
  count: number,
  pageSize: number,
): number | undefined {
  if (count === 0) return undefined;
  const clamp = (n: number) => Math.max(0, Math.min(count - 1, n));
  switch (key) {
    case 'ArrowDown':
      return clamp(cursor + 1);
    case 'ArrowUp':
      return clamp(cursor - 1);
    case 'PageDown':
      return clamp(cursor + pageSize);
    case 'PageUp':
      return clamp(cursor - pageSize);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
