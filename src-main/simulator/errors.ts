/**
 * Deel's documented error shape (`ApiErrorContainer`):
 * `{"request":{"method","url","status","api_req_id","docs","source","code"},"errors":[{"message","path"}]}`.
 * Every simulator error uses it, with a unique `api_req_id`. Where an endpoint's OpenAPI schema
 * documents (or requires) another field for a status, e.g. people.yml's 500 `{"error":{code,message}}`,
 * the route adds it next to the container, so the body validates against both.
 */
export interface ApiErrorItem {
  message: string;
  path?: string;
}

export interface RequestInfo {
  method: string;
  /** Relative URL of the request, e.g. `/rest/v2/people?limit=500`. */
  url: string;
  reqId: string;
}

export const DOCS_URL = 'https://developer.deel.com/api/introduction';
export const ERROR_SOURCE = 'deel-simulator';

export function apiErrorBody(
  req: RequestInfo,
  status: number,
  errors: readonly ApiErrorItem[],
  extra?: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    request: {
      method: req.method,
      url: req.url,
      status,
      api_req_id: req.reqId,
      docs: DOCS_URL,
      source: ERROR_SOURCE,
      code: status,
    },
    errors: errors.map((e) => (e.path === undefined ? { message: e.message } : { ...e })),
    ...extra,
  };
}

/** The 429 body exactly as ../shared/deel-api.md documents it. */
export const RATE_LIMIT_BODY = Object.freeze({
  error: 'Rate limit exceeded',
  status: 429,
  message: 'Too many requests. Please wait before retrying.',
});

/** Thrown by route handlers for a 4xx answer; the server turns it into an ApiErrorContainer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly ApiErrorItem[],
  ) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'HttpError';
  }
}

export function badRequest(message: string, path?: string): HttpError {
  return new HttpError(400, [path === undefined ? { message } : { message, path }]);
}

export function notFound(message: string): HttpError {
  return new HttpError(404, [{ message }]);
}
