import type { IpcErrorKind } from '../../src-shared/errors';

export type DeelErrorKind = Extract<
  IpcErrorKind,
  'auth' | 'scope' | 'not-found' | 'validation' | 'rate-limit' | 'server' | 'network'
>;

export interface FieldError {
  path: string;
  message: string;
}

/** One typed error for every way a Deel call can fail. Messages never carry tokens or stacks. */
export class DeelApiError extends Error {
  override readonly name = 'DeelApiError';
  constructor(
    readonly kind: DeelErrorKind,
    message: string,
    readonly status?: number,
    readonly requestId?: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

export function kindForStatus(status: number): DeelErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'scope';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'validation';
}

interface ParsedBody {
  message?: string;
  requestId?: string;
  fieldErrors: FieldError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Reads every error body Deel is known to send (see shared/deel-api.md): the documented
 * `ApiErrorContainer`, `{error:{code,message}}`, `{error:"text"}`, `{errors:[{message}]}`,
 * the 429 body, an empty body, or HTML from a proxy (ignored).
 */
export function parseErrorBody(text: string): ParsedBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { fieldErrors: [] };
  }
  if (!isRecord(body)) return { fieldErrors: [] };
  const fieldErrors: FieldError[] = [];
  if (Array.isArray(body.errors)) {
    for (const entry of body.errors) {
      if (!isRecord(entry)) continue;
      const message = asString(entry.message);
      if (message) fieldErrors.push({ path: asString(entry.path) ?? '', message });
    }
  }
  const request = isRecord(body.request) ? body.request : undefined;
  const error = body.error;
  const message =
    (isRecord(error) ? asString(error.message) : asString(error)) ??
    asString(body.message) ??
    fieldErrors[0]?.message;
  const requestId = asString(request?.api_req_id);
  return {
    fieldErrors,
    ...(message !== undefined && { message }),
    ...(requestId !== undefined && { requestId }),
  };
}

const defaultMessages: Record<DeelErrorKind, string> = {
  auth: 'Deel rejected the token (401): it is missing, invalid or expired.',
  scope:
    'The token is not allowed to do this (403): a scope is missing or the token type is wrong.',
  'not-found': 'Deel found nothing at that id (404).',
  validation: 'Deel rejected the request as invalid.',
  'rate-limit': 'Deel rate limit reached (429).',
  server: 'Deel had a server error.',
  network: 'Deel could not be reached.',
};

export function errorFromResponse(status: number, text: string): DeelApiError {
  const kind = kindForStatus(status);
  const parsed = parseErrorBody(text);
  const detail = parsed.message
    ? `${defaultMessages[kind]} Deel says: ${parsed.message}`
    : defaultMessages[kind];
  return new DeelApiError(kind, detail, status, parsed.requestId, parsed.fieldErrors);
}
