import { z } from 'zod';
import { environmentSchema } from '../../src-shared/contract';

/** The key the vault owns in the settings store. */
export const VAULT_KEY = 'vault';

const base64 = z
  .string()
  .min(4)
  .max(65_536)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64');

/**
 * What is on disk for the org token: ciphertext plus non-secret metadata, nothing else. Strict,
 * so a hand-added `token` field makes the file a schema mismatch instead of being kept.
 */
export const vaultRecordSchema = z.strictObject({
  /** 1: the token alone was sealed; 2: the token with its environment, base URL and org id. */
  version: z.union([z.literal(1), z.literal(2)]),
  environment: environmentSchema.exclude(['demo']),
  baseUrl: z.string().min(1).max(2048),
  organization: z.strictObject({ id: z.string().max(200), name: z.string().max(500) }),
  /** Last 4 characters of the token, e.g. `…f3a9`. */
  hint: z.string().max(8),
  savedAt: z.iso.datetime(),
  /** The cipher backend that sealed it (diagnostics: a changed backend explains a decrypt failure). */
  backend: z.string().max(40),
  ciphertext: base64,
});
export type VaultRecord = z.infer<typeof vaultRecordSchema>;

/**
 * The settings file as the vault sees it: its own key validated, other keys left to their
 * owners (compose with `.extend()` to validate those too).
 */
export const vaultStoreSchema = z.looseObject({ [VAULT_KEY]: vaultRecordSchema.optional() });

/**
 * The same record as JSON Schema for `conf` / `electron-store` (ajv, draft-07), so the store
 * refuses to write a record the vault would not read back. zod stays the source of truth.
 */
export function vaultStoreJsonSchema(): Record<typeof VAULT_KEY, Record<string, unknown>> {
  const record: Record<string, unknown> = z.toJSONSchema(vaultRecordSchema, { target: 'draft-7' });
  // A per-property `$schema` confuses ajv; the store's root schema already names the draft.
  delete record.$schema;
  return { [VAULT_KEY]: record };
}
