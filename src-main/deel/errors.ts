import type { IpcErrorKind } from '../../src-shared/errors';

export type DeelErrorKind = Extract<
  IpcErrorKind,
  | 'auth'
  | 'scope'
  | 'not-found'
  | 'validation'
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'outcome-unknown'
  | 'invalid-argument'
>;

export interface FieldError {
  path: string;
  message: string;
}

/** What Deel's answer said beyond its status, kept as fields for the page to word. */
export interface DeelErrorDetails {
  /** Deel's own message, one tidied line. */
  deelMessage?: string;
  /** The scope a 403 names as missing. */
  missingScope?: string;
  /** A 429's Retry-After, in seconds. */
  retryAfterSeconds?: number;
  /** A network error's system code (`ENOTFOUND`...), for the page to word; never in `message`. */
  networkCode?: string;
}

/**
 * One typed error for every way a Deel call can fail. Messages never carry tokens, URLs with
 * secrets, stacks or raw bodies; no `cause` is attached either, because the underlying fetch
 * error holds the Request, whose headers hold the token.
 */
export class DeelApiError extends Error {
  override readonly name: string = 'DeelApiError';
  constructor(
    readonly kind: DeelErrorKind,
    message: string,
    readonly status?: number,
    readonly requestId?: string,
    readonly fieldErrors: FieldError[] = [],
    readonly details: DeelErrorDetails = {},
    /** The body was Deel's documented error container: Deel's API itself answered, not a proxy. */
    readonly fromDeelApi = false,
  ) {
    super(message);
  }
}

/** A base URL or environment the client refuses to use (e.g. `http://` to a non-loopback host). */
export class DeelConfigError extends DeelApiError {
  override readonly name = 'DeelConfigError';
  constructor(message: string) {
    super('invalid-argument', message);
  }
}

/** The kinds an HTTP status maps to. */
export type StatusErrorKind = Extract<
  DeelErrorKind,
  'auth' | 'scope' | 'not-found' | 'validation' | 'rate-limit' | 'server'
>;

export function kindForStatus(status: number): StatusErrorKind {
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
  /** Deel's documented `ApiErrorContainer`: `{request: {...}, errors: [...]}`. */
  container?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Deel's messages are shown to the operator: keep them one short line. */
function tidy(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
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
      const path = entry.path;
      if (message) {
        fieldErrors.push({
          path: Array.isArray(path) ? path.map(String).join('.') : (asString(path) ?? ''),
          message: tidy(message),
        });
      }
    }
  }
  const request = isRecord(body.request) ? body.request : undefined;
  const error = body.error;
  // The 429 body has both `error` ("Rate limit exceeded") and a more helpful `message`.
  const message =
    (isRecord(error) ? asString(error.message) : undefined) ??
    fieldErrors[0]?.message ??
    asString(body.message) ??
    asString(error);
  const requestId =
    asString(request?.api_req_id) ??
    asString(body.api_req_id) ??
    (isRecord(error) ? asString(error.api_req_id) : undefined);
  return {
    fieldErrors: fieldErrors.slice(0, 50),
    ...(message !== undefined && { message: tidy(message) }),
    ...(requestId !== undefined && { requestId }),
    ...(request !== undefined && Array.isArray(body.errors) && { container: true }),
  };
}

export const defaultMessages: Record<Exclude<DeelErrorKind, 'invalid-argument'>, string> = {
  auth: 'Deel rejected the token (401): it is missing, invalid or expired.',
  scope:
    'The token is not allowed to do this (403): a scope is missing or the token type is wrong.',
  'not-found': 'Deel found nothing at that id (404).',
  validation: 'Deel rejected the request as invalid.',
  'rate-limit': 'Deel rate limit reached (429).',
  server: 'Deel had a server error.',
  network: 'Deel could not be reached.',
  'outcome-unknown': 'The request was sent but no answer came back: it may or may not have worked.',
};

/** A scope as Deel names them (`admin:worker`, `people:read`) in a 403's text. */
const SCOPE = /\b([a-z]+:[a-z_]+)\b/;

/**
 * A typed error from Deel's answer: main's own sentence for the status in `message`, and what
 * Deel said (its message, the scope a 403 names, a 429's Retry-After) as separate fields.
 */
export function errorFromResponse(
  status: number,
  text: string,
  retryAfterMs?: number,
  /** The answer's `x-request-id`, for bodies that carry no `api_req_id`. */
  headerRequestId?: string,
): DeelApiError {
  const kind = kindForStatus(status);
  const parsed = parseErrorBody(text);
  const message =
    kind === 'server' || kind === 'validation'
      ? `${defaultMessages[kind].replace(/\.$/, '')} (${status}).`
      : defaultMessages[kind];
  const scope =
    kind === 'scope'
      ? [parsed.message, ...parsed.fieldErrors.map((f) => f.message)]
          .map((said) => said && SCOPE.exec(said)?.[1])
          .find(Boolean)
      : undefined;
  const requestId = parsed.requestId ?? headerRequestId;
  return new DeelApiError(
    kind,
    message,
    status,
    requestId,
    parsed.fieldErrors,
    {
      ...(parsed.message !== undefined && { deelMessage: parsed.message }),
      ...(scope && { missingScope: scope }),
      ...(kind === 'rate-limit' &&
        retryAfterMs !== undefined && { retryAfterSeconds: Math.round(retryAfterMs / 100) / 10 }),
    },
    parsed.container === true,
  );
}
