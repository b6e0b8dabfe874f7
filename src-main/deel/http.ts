import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import { DeelApiError, errorFromResponse, type DeelErrorDetails } from './errors';
import type { RequestLimiter } from './limiter';

export interface RetryPolicy {
  /** Retries after the first attempt for a 5xx, a timeout or a network error (GET and DELETE). */
  limit: number;
  /**
   * How long a GET or DELETE keeps retrying through 429s: a storm of rate-limit answers (other
   * integrations spending the budget) is waited out, paced, for this long before the call fails.
   */
  rateLimitPatienceMs: number;
  /** First backoff; doubles per retry, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After is capped to this. */
  maxRetryAfterMs: number;
  /**
   * After a 429 without Retry-After, how long every call of the organization waits: Deel's
   * window is one rolling second, so a full second lets it drain.
   */
  rateLimitPauseMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  limit: 3,
  rateLimitPatienceMs: 5 * 60_000,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 60_000,
  rateLimitPauseMs: 1_000,
};

/** A call that is about to be tried again (GET and DELETE only). */
export interface RetryNotice {
  method: string;
  /** The HTTP status that caused the retry, or null for a network error or timeout. */
  status: number | null;
  /** 1 for the first retry. */
  attempt: number;
}

export interface HttpOptions {
  baseUrl: string;
  /** Told before each retry, e.g. to show "rate limited, retrying" instead of a failure. */
  onRetry?: (notice: RetryNotice) => void;
  timeoutMs: number;
  limiter: RequestLimiter;
  retry: RetryPolicy;
  /** Told the `Date` header of every answer and the local time it arrived (clock skew). */
  onServerDate?: (header: string | null, receivedAt: number) => void;
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | readonly string[] | undefined>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the base URL, without a leading slash. */
  path: string;
  token: string;
  query?: Query;
  body?: unknown;
  /** Extra request headers (e.g. `Idempotency-Key`); never Authorization, which is set here. */
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  body: unknown;
  /** Deel's `x-request-id` for this answer (sent on every answer, success included). */
  requestId?: string;
  /**
   * Deel's `x-original-request-id`: the answer is a replay of an earlier request with the same
   * `Idempotency-Key`, whose request id this is.
   */
  originalRequestId?: string;
}

/** A request id header, kept only if it looks like one (one short printable token). */
export function requestIdHeader(
  headers: Headers,
  name: 'x-request-id' | 'x-original-request-id' = 'x-request-id',
): string | undefined {
  const value = headers.get(name)?.trim();
  return value && /^[\x21-\x7e]{1,200}$/.test(value) ? value : undefined;
}

/** Connection errors that happen before a byte of the request leaves: nothing reached Deel. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

/** The system error code under fetch's `TypeError: fetch failed` (via `cause`, or the first of an AggregateError). */
function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return undefined;
    if ('code' in current && typeof current.code === 'string') return current.code;
    if (current instanceof AggregateError) current = current.errors[0] as unknown;
    else current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or bad. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Array parameters use Deel's documented `name[]=a&name[]=b` spelling. */
function searchParams(query: Query | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') params.append(name, String(value));
    else for (const item of value) params.append(`${name}[]`, item);
  }
  return params;
}

/**
 * The transport under the Deel client: auth header, the shared limiter on every attempt, a
 * timeout on every attempt, and retries with exponential backoff and jitter (honouring
 * Retry-After) for GET and DELETE only. POST is sent once: a retried mint would supersede the
 * token the first attempt may have minted, so an ambiguous failure is reported as such.
 */
export class DeelHttp {
  readonly #ky: KyInstance;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;

  constructor(options: HttpOptions) {
    const { retry, limiter } = options;
    this.#timeoutMs = options.timeoutMs;
    this.#retry = retry;
    this.#ky = ky.create({
      prefixUrl: options.baseUrl,
      timeout: options.timeoutMs,
      throwHttpErrors: true,
      ...(options.fetch && { fetch: options.fetch }),
      retry: {
        // The real bounds are in shouldRetry (per call): `limit` for errors, patience for 429s.
        limit: Number.MAX_SAFE_INTEGER,
        methods: ['get', 'delete'],
        statusCodes: [429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        maxRetryAfter: retry.maxRetryAfterMs,
        retryOnTimeout: true,
        delay: (attempt) => retry.baseDelayMs * 2 ** (attempt - 1),
        // "Equal jitter": at least half the backoff, so retries still spread out over time.
        jitter: (delay) => delay / 2 + Math.random() * (delay / 2),
        backoffLimit: retry.maxDelayMs,
      },
      hooks: {
        // Runs before every attempt, retries included, and outside the attempt's timeout.
        beforeRequest: [
          async () => {
            await limiter.acquire();
          },
        ],
        afterResponse: [
          (_request, _options, response) => {
            options.onServerDate?.(response.headers.get('date'), Date.now());
            if (response.status === 429) {
              limiter.rateLimited(
                Math.min(
                  retryAfterMs(response.headers.get('retry-after')) ?? retry.rateLimitPauseMs,
                  retry.maxRetryAfterMs,
                ),
              );
            } else {
              limiter.answered();
            }
          },
        ],
        beforeRetry: [
          ({ request, error, retryCount }) => {
            options.onRetry?.({
              method: request.method,
              status: error instanceof HTTPError ? error.response.status : null,
              attempt: retryCount,
            });
          },
        ],
      },
    });
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const idempotent = request.method !== 'POST';
    let response: Response;
    try {
      response = await this.#ky(request.path, {
        method: request.method,
        headers: {
          ...request.headers,
          Authorization: `Bearer ${request.token}`,
          Accept: 'application/json',
        },
        searchParams: searchParams(request.query),
        ...(request.body !== undefined && { json: request.body }),
        retry: idempotent ? this.#retryBounds(Date.now()) : { limit: 0 },
        // Never follow a redirect: it would carry the token to wherever it points.
        redirect: 'error',
      });
    } catch (error) {
      throw await this.#toDeelError(error, idempotent);
    }
    let text: string;
    try {
      text = await withTimeout(readCapped(response, MAX_BODY_BYTES), this.#timeoutMs);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw idempotent
          ? new DeelApiError('server', tooLargeMessage(response.status), response.status)
          : outcomeUnknown(`its answer was larger than ${MAX_BODY_MB} MB`, response.status);
      }
      throw idempotent
        ? new DeelApiError('network', 'The connection to Deel broke while reading its answer.')
        : outcomeUnknown('the connection broke while reading the answer', response.status);
    }
    const requestId = requestIdHeader(response.headers);
    const originalRequestId = requestIdHeader(response.headers, 'x-original-request-id');
    const answered = {
      status: response.status,
      ...(requestId && { requestId }),
      ...(originalRequestId && { originalRequestId }),
    };
    if (text.trim() === '') return { ...answered, body: undefined };
    try {
      return { ...answered, body: JSON.parse(text) as unknown };
    } catch {
      if (!idempotent) return { ...answered, body: undefined };
      throw new DeelApiError(
        'server',
        `Deel answered ${response.status} with something that is not JSON (a proxy page?).`,
        response.status,
      );
    }
  }

  /**
   * The retry bounds of one call started at `startedAt`: a 429 is retried while the call is
   * younger than the patience (the limiter paces and pauses every attempt, so a storm is
   * waited out, not hammered); anything else retryable at most `limit` times.
   */
  #retryBounds(startedAt: number) {
    const { limit, rateLimitPatienceMs, baseDelayMs } = this.#retry;
    let errors = 0;
    let rateLimited = false;
    return {
      shouldRetry: ({ error }: { error: Error }): boolean | undefined => {
        rateLimited = error instanceof HTTPError && error.response.status === 429;
        if (rateLimited) return Date.now() - startedAt < rateLimitPatienceMs ? undefined : false;
        errors++;
        return errors <= limit ? undefined : false;
      },
      // After a 429 the limiter already holds every request for Retry-After (or a second) and
      // has slowed the pace: no backoff on top, or a long storm would stretch each wait to the
      // cap. Other errors back off exponentially, counted apart from the 429s.
      delay: () => (rateLimited ? 0 : baseDelayMs * 2 ** Math.max(0, errors - 1)),
    };
  }

  async #toDeelError(error: unknown, idempotent: boolean): Promise<DeelApiError> {
    if (error instanceof HTTPError) {
      const status = error.response.status;
      // An error body over the cap is dropped: the status still says what happened.
      const text = await withTimeout(
        readCapped(error.response, MAX_BODY_BYTES),
        this.#timeoutMs,
      ).catch(() => '');
      const typed = errorFromResponse(
        status,
        text,
        retryAfterMs(error.response.headers.get('retry-after')),
        requestIdHeader(error.response.headers),
      );
      // A 5xx to a mint may come after Deel acted; 4xx (429 included) means it did not.
      if (!idempotent && status >= 500) {
        return outcomeUnknown(`Deel answered ${status}`, status, typed.requestId, typed.details);
      }
      return typed;
    }
    if (error instanceof TimeoutError) {
      const seconds = Math.round(this.#timeoutMs / 100) / 10;
      return idempotent
        ? new DeelApiError('network', `Deel did not answer within ${seconds} s (timeout).`)
        : outcomeUnknown(`no answer within ${seconds} s`);
    }
    const code = errorCode(error);
    if (!idempotent && !(code && NOT_SENT_CODES.has(code))) {
      return outcomeUnknown('the connection broke before an answer came');
    }
    // No cause attached: the fetch error references the Request, whose headers hold the token.
    return new DeelApiError(
      'network',
      'Deel could not be reached. Check the network connection and the base URL.',
      undefined,
      undefined,
      [],
      code ? { networkCode: code } : {},
    );
  }
}

function outcomeUnknown(
  why: string,
  status?: number,
  requestId?: string,
  details?: DeelErrorDetails,
): DeelApiError {
  return new DeelApiError(
    'outcome-unknown',
    `The request may have reached Deel, but ${why}: it may or may not have taken effect. Check before trying again.`,
    status,
    requestId,
    [],
    details,
  );
}

/** No answer of Deel's API comes near this; a body over it is a proxy, an attack or a bug. */
export const MAX_BODY_MB = 8;
const MAX_BODY_BYTES = MAX_BODY_MB * 1024 * 1024;

class BodyTooLarge extends Error {}

const tooLargeMessage = (status: number) =>
  `Deel's answer (${status}) was larger than ${MAX_BODY_MB} MB and was not read: this is not an answer Deel's API gives (a proxy or a wrong base URL?).`;

/**
 * Reads a body as text, refusing one whose `content-length` is over `max` before reading it,
 * and stopping (cancelling the stream) once more than `max` bytes have arrived.
 */
async function readCapped(response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (reason: unknown) => {
        clearTimeout(timer);
        reject(reason instanceof Error ? reason : new Error('failed'));
      },
    );
  });
}
