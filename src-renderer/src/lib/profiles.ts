import {
  DEMO_PROFILE_ID,
  type ConnectionStatus,
  type CrossProfileJob,
  type CrossProfileToken,
  type CrossProfileTokens,
  type Environment,
  type Profile,
  type ProfileList,
} from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { environmentLabels, tokenStateLabels } from './labels';
import { latestExpiry } from './sessions';

/** The active profile of the list, if main named one it lists. */
export function activeProfile(list: ProfileList | undefined): Profile | undefined {
  return list?.profiles.find((p) => p.id === list.activeId);
}

export function isDemoProfile(profile: Pick<Profile, 'id'> | undefined): boolean {
  return profile?.id === DEMO_PROFILE_ID;
}

/**
 * A saved (non-demo) profile is in use: a connect may then save a new profile or replace this
 * one's token, and the operator chooses which.
 */
export function savedProfileActive(status: ConnectionStatus | undefined): boolean {
  return Boolean(status?.profile && status.profile.id !== DEMO_PROFILE_ID);
}

/** The profiles in the switcher's order: Demo first, then the saved ones by name. */
export function switcherOrder(profiles: readonly Profile[]): Profile[] {
  return [...profiles].sort(
    (a, b) =>
      Number(!isDemoProfile(a)) - Number(!isDemoProfile(b)) ||
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
      a.id.localeCompare(b.id),
  );
}

/** The environment as the header and lists word it; production is spelled in capitals. */
export function environmentWords(environment: Environment | undefined): string {
  if (!environment) return 'environment not known';
  return environment === 'production' ? 'PRODUCTION' : environmentLabels[environment];
}

/**
 * The header's environment marker: its text, and whether it is the production marker (which
 * also carries a shape, never colour alone). Demo keeps its long-standing words.
 */
export function environmentMarker(environment: Environment | undefined): {
  text: string;
  production: boolean;
} {
  return {
    text: environment === 'demo' ? 'Demo (simulated)' : environmentWords(environment),
    production: environment === 'production',
  };
}

/** One line for a profile in the switcher and the lists: name, organization, environment. */
export function profileLine(profile: Profile): string {
  if (isDemoProfile(profile)) return `${profile.name} (built-in simulator)`;
  const organization = profile.organization?.name ?? 'organization not known';
  return `${profile.name}: ${organization}, ${environmentWords(profile.environment)}`;
}

/** A reason is required for mint, revoke and sweep: install-wide, or by the active profile. */
export function reasonRequired(installWide: boolean, list: ProfileList | undefined): boolean {
  return installWide || Boolean(activeProfile(list)?.requireReason);
}

/** What Settings says of a profile beside its name: organization, environment, token hint. */
export function profileDetails(profile: Profile, enteredAt?: string): string {
  if (isDemoProfile(profile)) return 'Built-in simulator: no real worker is touched';
  return [
    profile.organization?.name ?? 'organization not known',
    environmentWords(profile.environment),
    profile.tokenHint && `token ${profile.tokenHint}`,
    enteredAt && `entered ${enteredAt}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Why a saved profile cannot be switched to in one step, or undefined when it can. */
export function switchBlocked(profile: Profile): string | undefined {
  if (profile.active) return 'This profile is in use.';
  if (!profile.available)
    return 'Its saved token could not be opened: switch from Connect and enter it again.';
  return undefined;
}

// ── connect ──────────────────────────────────────────────────────────────────────────────────

export type SaveChoice = 'new' | 'replace';

/** What the connect form sends about profiles, beside the environment and token. */
export function profileFields({
  savedActive,
  choice,
  profileName,
  confirmOrganizationChange,
}: {
  savedActive: boolean;
  choice: SaveChoice;
  profileName: string;
  confirmOrganizationChange?: boolean;
}): { profileName?: string; confirmOrganizationChange?: true } {
  const name = profileName.trim();
  // From demo a connect always saves a new profile; unnamed, main names it after the organization.
  const saveNew = !savedActive || choice === 'new';
  return {
    ...(saveNew && name && { profileName: name }),
    ...(savedActive && choice === 'replace' && confirmOrganizationChange
      ? { confirmOrganizationChange: true as const }
      : {}),
  };
}

/**
 * A "Save as a new profile" needs a name when a saved profile is active (without one, main
 * would replace the active profile's token instead).
 */
export function profileNameProblem(state: {
  savedActive: boolean;
  choice: SaveChoice;
  profileName: string;
}): string | undefined {
  if (state.savedActive && state.choice === 'new' && !state.profileName.trim())
    return 'Give the new profile a name.';
  if (state.profileName.trim().length > 60) return 'At most 60 characters for the profile name.';
  return undefined;
}

export type OrganizationChange = NonNullable<IpcError['organizationChange']>;

/** The replace was refused because the token is another organization's: what to ask. */
export function organizationChangeOf(error: IpcError): OrganizationChange | undefined {
  return error.kind === 'not-allowed' ? error.organizationChange : undefined;
}

export function organizationChangeQuestion(change: OrganizationChange): string {
  const from = change.from.name.trim();
  // "… not Acme Co. Replace anyway?": a name that ends in a full stop gets no second one.
  return `The new token belongs to ${change.to.name.trim()}, not ${from}${from.endsWith('.') ? '' : '.'} Replace anyway?`;
}

// ── profiles management ──────────────────────────────────────────────────────────────────────

/** A rename as main would take it: trimmed, 1 to 60 characters, and actually different. */
export function renameProblem(current: string, draft: string): string | undefined {
  const name = draft.trim();
  if (!name) return 'Give the profile a name.';
  if (name.length > 60) return 'At most 60 characters.';
  if (name === current) return 'That is already its name.';
  return undefined;
}

// ── Live tokens (all) ────────────────────────────────────────────────────────────────────────

export type CrossProfileState = 'live' | 'outcome-unknown' | 'pending';

/** A row's state in words (never colour alone). */
export function crossStateLabel(state: string): string {
  return (tokenStateLabels as Record<string, string>)[state] ?? state;
}

/**
 * Rows of the "All profiles" view: the active profile's first, then by profile name, each
 * profile's tokens soonest (latest possible) expiry first.
 */
export function crossProfileRows(all: CrossProfileTokens | undefined): CrossProfileToken[] {
  if (!all) return [];
  return [...all.tokens].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      a.profileName.localeCompare(b.profileName, undefined, { sensitivity: 'base' }) ||
      (a.profileId ?? '').localeCompare(b.profileId ?? '') ||
      latestExpiry(a.session).localeCompare(latestExpiry(b.session)) ||
      a.session.workerName.localeCompare(b.session.workerName),
  );
}

/** How many tokens of how many profiles: the line above the "All profiles" table. */
export function crossProfileCountLine(rows: readonly CrossProfileToken[]): string {
  const profiles = new Set(rows.map((r) => r.profileId ?? `name:${r.profileName}`)).size;
  const tokens = `${rows.length} ${rows.length === 1 ? 'token' : 'tokens'} Deel may hold`;
  return `${tokens} across ${profiles} ${profiles === 1 ? 'profile' : 'profiles'}.`;
}

/** Where a row belongs, in words: organization and environment when known. */
export function crossProfilePlace(row: CrossProfileToken): string {
  const parts = [
    row.organizationName,
    row.environment ? environmentWords(row.environment) : undefined,
  ];
  return parts.filter(Boolean).join(', ') || 'organization not known';
}

/**
 * The profile a row of another profile can be switched to, or undefined: the active profile's
 * rows, and rows kept for an organization no saved profile names any longer, offer no switch.
 */
export function switchTargetOf(
  row: Pick<CrossProfileToken, 'active' | 'profileId'>,
  list: ProfileList | undefined,
): Profile | undefined {
  if (row.active || !row.profileId) return undefined;
  const profile = list?.profiles.find((p) => p.id === row.profileId);
  return profile && !switchBlocked(profile) ? profile : undefined;
}

const jobKindWords: Record<CrossProfileJob['kind'], string> = {
  'bulk-revoke': 'Bulk revoke',
  sweep: 'Organization sweep',
};

/** An unfinished job of a profile, in one line. */
export function crossProfileJobLine(job: CrossProfileJob): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const progress =
    job.total === undefined
      ? `${count(job.done)} done`
      : `${count(job.done)} of ${count(job.total)} done`;
  const state = job.state === 'running' ? 'running' : 'paused';
  return `${job.profileName}: ${jobKindWords[job.kind]} ${state}, ${progress}.`;
}

/**
 * The profile in use's view of the shared audit log: the lines of its organization and
 * environment (a profile is one of each). Undefined until the console is connected.
 */
export function profileAuditScope(
  status: ConnectionStatus | undefined,
): { organization: string; environment: Environment } | undefined {
  const organization = status?.organization?.name;
  const environment = status?.environment;
  return organization && environment ? { organization, environment } : undefined;
}
