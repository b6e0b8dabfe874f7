import type { ConnectionStatus, SessionState } from '../../../src-shared/contract';

export type TokenState = 'none' | SessionState;

export const tokenStateLabels: Record<TokenState, string> = {
  none: 'No token',
  live: 'Live',
  expired: 'Expired',
  revoked: 'Revoked',
  superseded: 'Superseded',
  'outcome-unknown': 'Outcome unknown',
  rejected: 'Rejected by Deel',
  pending: 'Minting…',
};

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

/**
 * A value's label; a value the table does not know (a contract status such as `in_progress`) is
 * spelled out in the same sentence case as the labels ("In progress"); a missing one is a dash.
 */
export function labelOf(labels: Record<string, string>, value: string | null): string {
  if (value === null) return '—';
  const known = Object.hasOwn(labels, value) ? labels[value] : undefined;
  if (known !== undefined) return known;
  const words = value.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** What the console is working with, in words (Settings → Connection): never the raw mode. */
export const connectionModeLabels: Record<ConnectionStatus['mode'], string> = {
  demo: 'Demo data from the built-in simulator: no real worker is touched',
  live: 'Real workers on Deel: mints and revokes take effect at once',
  unconfigured: 'Nothing yet: connect to Deel or use the demo data',
};

/** Settings' way to the Connect screen: "Replace token" only when there is a token to replace. */
export function connectActionLabel(
  status: Pick<ConnectionStatus, 'tokenHint'> | undefined,
): string {
  return status?.tokenHint ? 'Replace token' : 'Connect';
}

export const environmentLabels = {
  demo: 'Demo (simulated)',
  production: 'Production',
  sandbox: 'Sandbox',
  'sandbox-staging': 'Sandbox (staging host)',
  custom: 'Custom URL',
} as const;

/** One choice of a select: the value it stands for and the text the operator reads. */
export interface LabelledOption<V extends string = string> {
  value: V;
  label: string;
}

/** The first choice of a filter that can be off: the empty value, "Any". */
export const anyOption: LabelledOption<''> = { value: '', label: 'Any' };

/** The choices of a label table, in its own order. */
export function optionsOf<V extends string>(
  labels: Readonly<Record<V, string>>,
): LabelledOption<V>[] {
  return (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));
}
