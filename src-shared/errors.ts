import { z } from 'zod';

/**
 * The only error shape that crosses the IPC boundary. It is built in main from typed errors and
 * never carries a token, a stack trace or a raw response body.
 */
export const ipcErrorKinds = [
  'invalid-argument',
  'forbidden-sender',
  'unknown-channel',
  'auth',
  'scope',
  'not-found',
  'validation',
  'rate-limit',
  'server',
  'network',
  'outcome-unknown',
  'unavailable',
  'not-allowed',
  'internal',
] as const;

export const ipcErrorSchema = z.object({
  kind: z.enum(ipcErrorKinds),
  message: z.string(),
  status: z.number().int().optional(),
  requestId: z.string().optional(),
  fieldErrors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** What Deel itself said (one tidied line), apart from main's own sentence in `message`. */
  deelMessage: z.string().optional(),
  /** The scope a 403 says the token lacks, e.g. `admin:worker`. */
  missingScope: z.string().optional(),
  /** A 429's Retry-After, in seconds. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** The request may have taken effect at Deel (an answer that never came, a 5xx to a mint). */
  mayHaveActed: z.literal(true).optional(),
  /**
   * A network error's system code (`ENOTFOUND`, `ECONNREFUSED`, a certificate code...): the page
   * words it for the operator and never shows it raw.
   */
  /**
   * A replace of a profile's token was refused because the new token belongs to another
   * organization: both, so the page can ask the operator to confirm.
   */
  organizationChange: z
    .object({
      from: z.object({ id: z.string(), name: z.string() }),
      to: z.object({ id: z.string(), name: z.string() }),
    })
    .optional(),
  networkCode: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,63}$/)
    .optional(),
});

export type IpcError = z.infer<typeof ipcErrorSchema>;
export type IpcErrorKind = IpcError['kind'];

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };
