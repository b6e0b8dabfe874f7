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

/**
 * What Deel itself said, from main's message. Main's messages for Deel errors already read
 * "<what happened> (<status>). Deel says: <Deel's text>": the headline here replaces the first
 * part, so only Deel's own words are kept. A message without "Deel says" is kept whole unless
 * it is main's stock sentence for the status (which the headline already says).
 */
export function deelDetail(message: string): string {
  const at = message.indexOf('Deel says: ');
  if (at >= 0) return message.slice(at).trim();
  if (/^(Deel|The token)\b.*\(\d{3}\)/.test(message)) return '';
  return message.trim();
}

const sentence = (...parts: string[]) => parts.filter(Boolean).join(' ');

export interface DescribeOptions {
  /** The call used a worker token (Verify): a 401 is about that token, not the org token. */
  workerToken?: boolean;
}

/** What went wrong, in the operator's words, from a typed IPC error; never the same thing twice. */
export function describeError(error: IpcError, options: DescribeOptions = {}): string {
  const status = (fallback: number) => ` (${error.status ?? fallback})`;
  const detail = deelDetail(error.message);
  switch (error.kind) {
    case 'auth':
      return options.workerToken
        ? sentence(
            `Deel no longer accepts this worker token${status(401)}: it was revoked, superseded or has expired.`,
            detail,
          )
        : sentence(
            `Deel rejected the organization token${status(401)}: it is wrong, expired or revoked.`,
            detail,
          );
    case 'scope': {
      const scope = /admin:worker/.test(error.message)
        ? ' It is missing the admin:worker scope.'
        : '';
      return sentence(
        `The organization token is not allowed to do this${status(403)}.${scope}`,
        detail,
      );
    }
    case 'network':
      return /\bDeel\b/.test(error.message)
        ? error.message
        : `Could not reach Deel (network): ${error.message}`;
    case 'rate-limit':
      return 'Rate limited, retrying…';
    case 'server':
      return sentence(
        `Deel had a server error${error.status ? ` (${error.status})` : ''}.`,
        detail,
      );
    case 'outcome-unknown':
      return /may or may not/.test(error.message)
        ? error.message
        : `Deel may or may not have done this: ${error.message}`;
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
