import type { IdentityField, VerifiedIdentity } from '../../src-shared/contract';
import type { MeAnswer } from './ports';

/**
 * What the console knows about the worker a token was minted for: from the `/people` row main
 * listed it in, the session's own name, and the connection's organization. Anything unknown is
 * left out (or null) and is then not compared.
 */
export interface ExpectedIdentity {
  /** Deel's numeric `worker_id` (`/people`): `/people/me`'s `id`. */
  workerId?: string | null;
  /** `hris_organization_user_id` (`/people` rows and `/people/me` both carry it). */
  hrisOrganizationUserId?: string | null;
  name?: string | null;
  emails?: readonly string[];
  /** The connected organization's name (`GET /organizations`). */
  organization?: string | null;
}

/** Case-, accent- and spacing-insensitive, so "José  Pérez" and "jose perez" are the same name. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/**
 * Compares whom `/people/me` says the token authenticates with whom it was minted for. A field is
 * checked only when both sides know it (names and emails are null when the org token hides
 * sensitive data); `mismatches` lists every checked field that differs.
 */
export function checkIdentity(me: MeAnswer, expected: ExpectedIdentity): VerifiedIdentity {
  const checked: IdentityField[] = [];
  const mismatches: IdentityField[] = [];
  const compare = (field: IdentityField, same: boolean | undefined) => {
    if (same === undefined) return;
    if (!checked.includes(field)) checked.push(field);
    if (!same && !mismatches.includes(field)) mismatches.push(field);
  };

  // The numeric id, and the HRIS organization user id: either differing means another person.
  if (present(expected.workerId) && present(me.id)) {
    compare('id', expected.workerId.trim() === me.id.trim());
  }
  if (present(expected.hrisOrganizationUserId) && present(me.hrisOrganizationUserId)) {
    compare(
      'id',
      expected.hrisOrganizationUserId.trim().toLowerCase() ===
        me.hrisOrganizationUserId.trim().toLowerCase(),
    );
  }

  const mine = new Set((me.emails ?? (me.email ? [me.email] : [])).filter(present).map(fold));
  const theirs = (expected.emails ?? []).filter(present).map(fold);
  if (mine.size > 0 && theirs.length > 0) {
    compare(
      'email',
      theirs.some((email) => mine.has(email)),
    );
  }

  if (present(expected.name) && present(me.name)) {
    compare('name', fold(expected.name) === fold(me.name));
  }
  if (present(expected.organization) && present(me.organizationName)) {
    compare('organization', fold(expected.organization) === fold(me.organizationName));
  }

  return {
    name: me.name,
    email: me.email,
    matches: mismatches.length === 0,
    mismatches,
    checked,
  };
}

/** The audit detail of a Verify: ids and the names of the fields, enough to see what differed. */
export function identityDetail(
  me: MeAnswer,
  expected: ExpectedIdentity,
  identity: VerifiedIdentity,
): string {
  const checked = identity.checked.length > 0 ? identity.checked.join(', ') : 'nothing';
  if (identity.matches) return `authenticates ${me.id}; matches the worker on ${checked}`;
  const said = [
    `Deel's /people/me answered profile ${me.id}`,
    ...(present(expected.workerId) && expected.workerId !== me.id
      ? [`expected worker_id ${expected.workerId}`]
      : []),
    ...(identity.mismatches.includes('organization') && present(me.organizationName)
      ? [`organization ${me.organizationName}`]
      : []),
  ];
  return `identity mismatch: ${identity.mismatches.join(', ')} differ (${said.join('; ')})`;
}
