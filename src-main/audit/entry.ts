import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  auditActions,
  auditOutcomes,
  type AuditAction,
  type AuditOutcome,
} from '../../src-shared/audit-vocabulary';
import { environmentSchema } from '../../src-shared/contract';

/**
 * One line of the audit log. The schema is strict: an unknown key (say, `token`) is refused
 * rather than written, so a caller cannot smuggle a secret in through an extra field.
 */

export { auditActions, auditOutcomes, type AuditAction, type AuditOutcome };

/** `unknown`: Deel may or may not have acted (e.g. a mint whose answer never came). */
export const auditOutcomeSchema = z.enum(auditOutcomes);

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');

/** The first entry links to this, so every entry has a prevHash to check. */
export const GENESIS_HASH = '0'.repeat(64);

export const auditInputSchema = z.strictObject({
  action: z.enum(auditActions),
  environment: environmentSchema,
  organization: z.string().max(500),
  workerId: z.string().min(1).max(200).optional(),
  workerName: z.string().max(500).optional(),
  /**
   * The worker's email as main listed it (or Deel's GET /people/{id} gave it). Optional: lines
   * written before it existed have none, and their hash (over the stored line) is unchanged.
   */
  workerEmail: z.string().max(320).optional(),
  outcome: auditOutcomeSchema,
  requestId: z.string().min(1).max(200).optional(),
  detail: z.string().max(2000).optional(),
  /**
   * Who did it: the OS account the console runs as, and the display name set in Settings.
   * Optional like the email: lines written before accountability existed still verify.
   */
  operatorAccount: z.string().max(200).optional(),
  operatorName: z.string().max(100).optional(),
  /** The operator's reason or ticket reference for a mint, revoke or sweep. */
  reason: z.string().max(200).optional(),
  /** The consent the operator confirmed before a mint: the exact wording shown. */
  consent: z.string().max(500).optional(),
});
export type AuditInput = z.input<typeof auditInputSchema>;

/** One line of audit-log.jsonl as stored (the page's view is the contract's auditEntrySchema). */
export const storedAuditEntrySchema = auditInputSchema.extend({
  seq: z.number().int().positive(),
  time: z.iso.datetime(),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEntry = z.infer<typeof storedAuditEntrySchema>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Key-sorted JSON without undefined members: the same entry always hashes the same way, however
 * its object was built or re-read.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  return value as Json;
}

/** SHA-256 over the canonical entry without its own `hash` (prevHash included: the chain). */
export function hashEntry(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const rest: Record<string, unknown> = { ...entry };
  delete rest.hash;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
