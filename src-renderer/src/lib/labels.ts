import type { SessionState } from '../../../src-shared/contract';

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
