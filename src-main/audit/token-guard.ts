/**
 * A last line of defence: the audit log redacts a value that looks like it carries a token.
 * Callers must never pass one; this guard keeps a mistake (or a hostile worker name) from
 * writing a secret to disk forever (the log is append-only and hash-chained, so it cannot be
 * scrubbed), without dropping the line.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const alwaysSuspicious: readonly RegExp[] = [
  /\bbearer\s+\S/i,
  // A JWT: header.payload.signature, base64url, header starting with `{"` → `eyJ`.
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./,
  // The simulator's tokens.
  /\bsim_[A-Za-z0-9_-]{8,}/,
];

/** A long opaque run with letters and digits is how API tokens look; prose and names do not. */
const OPAQUE_RUN = /[A-Za-z0-9_\-+/=.]{40,}/g;

function hasOpaqueRun(text: string): boolean {
  for (const match of text.matchAll(OPAQUE_RUN)) {
    const run = match[0];
    if (UUID.test(run)) continue;
    if (/[A-Za-z]/.test(run) && /\d/.test(run)) return true;
  }
  return false;
}

export interface GuardOptions {
  /** Secrets currently held by the process (org token, live worker tokens). */
  knownSecrets?: Iterable<string>;
  /** Free-text fields get the opaque-run heuristic too; ids are checked against patterns only. */
  freeTextFields: ReadonlySet<string>;
}

/** The fields whose value looks like it carries a token (names only, never values). */
export function secretLookingFields(
  fields: Record<string, unknown>,
  options: GuardOptions,
): string[] {
  const secrets = [...(options.knownSecrets ?? [])].filter((s) => s.length >= 8);
  return Object.entries(fields).flatMap(([field, value]) => {
    if (typeof value !== 'string') return [];
    const suspicious =
      secrets.some((secret) => value.includes(secret)) ||
      alwaysSuspicious.some((pattern) => pattern.test(value)) ||
      (options.freeTextFields.has(field) && hasOpaqueRun(value));
    return suspicious ? [field] : [];
  });
}
