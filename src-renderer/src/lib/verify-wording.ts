import type { IdentityField, VerifiedIdentity } from '../../../src-shared/contract';

/** How each compared field is named to the operator. */
export const identityFieldLabels: Readonly<Record<IdentityField, string>> = {
  id: 'worker id',
  email: 'email',
  name: 'name',
  organization: 'organization',
};

/**
 * `ok`: the token authenticates the selected worker; `unconfirmed`: it works, but nothing could
 * be compared; `mismatch`: it authenticates someone else (shown as an alert).
 */
export type VerifyTone = 'ok' | 'unconfirmed' | 'mismatch';

export interface VerifyWording {
  tone: VerifyTone;
  headline: string;
  detail: string;
}

function listOf(fields: readonly IdentityField[]): string {
  const words = fields.map((field) => identityFieldLabels[field]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function who(identity: VerifiedIdentity): string {
  const name = identity.name.trim() || 'a person with no name';
  return identity.email ? `${name}, ${identity.email}` : name;
}

/** What a Verify found, from its fields; `selected` is the worker the panel shows. */
export function describeVerify(
  identity: VerifiedIdentity,
  selected: { name: string },
): VerifyWording {
  if (!identity.matches) {
    const expected = selected.name.trim() || 'the selected worker';
    return {
      tone: 'mismatch',
      headline: `Identity mismatch: this token authenticates ${who(identity)}, not ${expected}.`,
      detail: `Deel's answer differs from the selected worker in ${listOf(identity.mismatches)}. Do not hand this token out: revoke it and check whom it was minted for.`,
    };
  }
  if (identity.checked.length === 0) {
    return {
      tone: 'unconfirmed',
      headline: `The token works: it authenticates ${who(identity)}.`,
      detail:
        'The console had nothing to compare it with (no worker id, email or name of the selected worker), so it cannot confirm this is the right person.',
    };
  }
  return {
    tone: 'ok',
    headline: `Valid: authenticates ${who(identity)}.`,
    detail: `Matches the selected worker's ${listOf(identity.checked)}.`,
  };
}
