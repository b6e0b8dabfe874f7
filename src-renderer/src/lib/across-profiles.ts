import {
  ACROSS_PROFILES_CONFIRMATION,
  type CrossProfileTokens,
  type RevokeAcrossProfilesResult,
} from '../../../src-shared/contract';

export { ACROSS_PROFILES_CONFIRMATION };

/** The typed words match (case and surrounding spaces aside), as main checks them again. */
export function acrossConfirmed(typed: string): boolean {
  return typed.trim().toLowerCase() === ACROSS_PROFILES_CONFIRMATION;
}

/** Per profile, how many tokens Deel may hold, the profile in use first, then by name. */
export function tokensByProfile(
  all: CrossProfileTokens | undefined,
): { profileName: string; count: number; active: boolean }[] {
  const rows = new Map<string, { profileName: string; count: number; active: boolean }>();
  for (const token of all?.tokens ?? []) {
    const key = token.profileId ?? `none:${token.profileName}`;
    const row = rows.get(key) ?? { profileName: token.profileName, count: 0, active: false };
    row.count += 1;
    row.active ||= token.active;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.profileName.localeCompare(b.profileName),
  );
}

const notStarted: Record<
  NonNullable<RevokeAcrossProfilesResult['profiles'][number]['notStartedBecause']>,
  string
> = {
  'job-running': 'not started: a bulk revoke is already running there (it finishes first)',
  'token-unavailable':
    'not started: its organization token cannot be opened; enter it again, then revoke there',
  'no-profile':
    'not started: no saved profile connects to that organization any more; add one to revoke them',
  'journal-unwritable': 'not started: its job could not be written down, so nothing was sent',
};

/** One line per profile of what "Revoke across all profiles" did. */
export function acrossResultLines(result: RevokeAcrossProfilesResult): string[] {
  if (result.profiles.length === 0) return ['No profile holds a token Deel may still hold.'];
  return result.profiles.map((p) => {
    const tokens = `${p.tokens} ${p.tokens === 1 ? 'token' : 'tokens'}`;
    return p.started
      ? `${p.profileName}: ${tokens}, revoking as one journaled job (see Live tokens → All profiles)`
      : `${p.profileName}: ${tokens}, ${notStarted[p.notStartedBecause ?? 'job-running']}`;
  });
}
