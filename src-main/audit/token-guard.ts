/**
 * A last line of defence: the audit log refuses an entry that looks like it carries a token.
 * Callers must never pass one; this guard turns a mistake into a loud error instead of a secret
 * written to disk forever (the log is append-only and hash-chained, so it cannot be scrubbed).
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

export class AuditSecretError extends Error {
  override readonly name = 'AuditSecretError';
  constructor(readonly field: string) {
    // The message names the field only, never the value.
    super(`Refusing to write an audit entry: field "${field}" looks like it contains a token.`);
  }
}

export interface GuardOptions {
  /** Secrets currently held by the process (org token, live worker tokens). */
  knownSecrets?: Iterable<string>;
  /** Free-text fields get the opaque-run heuristic too; ids are checked against patterns only. */
  freeTextFields: ReadonlySet<string>;
}

export function assertNoSecrets(fields: Record<string, unknown>, options: GuardOptions): void {
  const secrets = [...(options.knownSecrets ?? [])].filter((s) => s.length >= 8);
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    if (secrets.some((secret) => value.includes(secret))) throw new AuditSecretError(field);
    if (alwaysSuspicious.some((pattern) => pattern.test(value))) throw new AuditSecretError(field);
    if (options.freeTextFields.has(field) && hasOpaqueRun(value)) {
      throw new AuditSecretError(field);
    }
  }
}
