import type { Session } from '../../../src-shared/contract';

/** The banner shows tokens this console minted that expire within this long. */
export const EXPIRY_BANNER_MS = 10 * 60 * 1000;

export interface ExpiringToken {
  sessionId: string;
  workerId: string;
  workerName: string;
  expiresAt: string;
}

/**
 * The live tokens (every session the console lists is one it minted) that expire within ten
 * minutes and have not expired yet, soonest first; none when the banner is switched off or
 * a token was dismissed from it.
 */
export function expiringSoon(
  sessions: readonly Session[],
  now: number,
  options: { enabled: boolean; dismissed?: ReadonlySet<string> },
): ExpiringToken[] {
  if (!options.enabled) return [];
  const soon: ExpiringToken[] = [];
  for (const s of sessions) {
    if (s.state !== 'live' || !s.expiresAt || options.dismissed?.has(s.id)) continue;
    const left = Date.parse(s.expiresAt) - now;
    if (left > 0 && left <= EXPIRY_BANNER_MS) {
      soon.push({
        sessionId: s.id,
        workerId: s.workerId,
        workerName: s.workerName,
        expiresAt: s.expiresAt,
      });
    }
  }
  return soon.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

/** The banner's headline for the tokens it lists. */
export function expiryHeadline(tokens: readonly ExpiringToken[]): string {
  const [only] = tokens;
  if (tokens.length === 1 && only)
    return `${only.workerName}'s worker token expires in under 10 minutes.`;
  return `${tokens.length} worker tokens expire in under 10 minutes.`;
}

/** The next moment the banner's content can change by time alone (a token entering the window). */
export function nextExpiryBannerChange(
  sessions: readonly Session[],
  now: number,
): number | undefined {
  let next: number | undefined;
  for (const s of sessions) {
    if (s.state !== 'live' || !s.expiresAt) continue;
    const at = Date.parse(s.expiresAt);
    for (const edge of [at - EXPIRY_BANNER_MS, at]) {
      if (edge > now && (next === undefined || edge < next)) next = edge;
    }
  }
  return next === undefined ? undefined : next - now;
}
