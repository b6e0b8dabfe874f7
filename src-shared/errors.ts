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
});

export type IpcError = z.infer<typeof ipcErrorSchema>;
export type IpcErrorKind = IpcError['kind'];

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };
