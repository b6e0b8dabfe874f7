/**
 * Test client for the simulator: real HTTP over loopback (fetch), and every exchange checked
 * against Deel's OpenAPI files by test/support/openapi.ts — requests must conform (unless a test
 * deliberately sends an invalid one) and every response must conform, always.
 */
import { expect } from 'vitest';
import type { RunningSimulator } from '../../../src-main/simulator/index.js';
import { loadDeelOpenApi, type OpenApiValidator } from '../../support/openapi.js';

let validator: OpenApiValidator | undefined;
export function spec(): OpenApiValidator {
  validator ??= loadDeelOpenApi();
  return validator;
}

export interface CallOptions {
  /** Bearer token; `null` sends no Authorization header. Default: the admin token. */
  token?: string | null;
  body?: unknown;
  /** Sent verbatim instead of `body` (e.g. broken JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The request is deliberately invalid per the spec: assert the validator rejects it too. */
  invalidRequest?: boolean;
}

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
  /** `METHOD /template` the response was validated against. */
  operation: string | undefined;
}

/** Every (operation, status) pair that passed response validation, for coverage assertions. */
export const seen = new Set<string>();

export async function call(
  sim: RunningSimulator,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const token = opts.token === undefined ? sim.tokens.admin : opts.token;
  const operation = spec().operationFor(method, path);
  if (operation && opts.rawBody === undefined) {
    const req = spec().validateRequest({ method, path, body: opts.body });
    if (opts.invalidRequest) {
      expect(req.ok, `expected the spec to reject ${method} ${path}`).toBe(false);
    } else {
      expect(req.errors, `request ${method} ${path}`).toEqual([]);
    }
  }
  const headers: Record<string, string> = { ...opts.headers };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  let payload: string | undefined = opts.rawBody;
  if (payload === undefined && opts.body !== undefined) payload = JSON.stringify(opts.body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, { method, headers, body: payload });
  const text = await res.text();
  const body: unknown = text === '' ? undefined : (JSON.parse(text) as unknown);
  expect(res.headers.get('x-deel-simulator')).toBe('1');
  if (operation) {
    spec().assertResponse({
      method,
      path,
      status: res.status,
      body,
      contentType: res.headers.get('content-type'),
    });
    seen.add(`${operation} ${res.status}`);
  }
  return { status: res.status, body, headers: res.headers, operation };
}

/** Narrowing helper for JSON bodies in assertions. */
export function obj(v: unknown): Record<string, unknown> {
  expect(
    typeof v === 'object' && v !== null && !Array.isArray(v),
    `not an object: ${JSON.stringify(v)}`,
  ).toBe(true);
  return v as Record<string, unknown>;
}

export function arr(v: unknown): unknown[] {
  expect(Array.isArray(v), `not an array: ${JSON.stringify(v)}`).toBe(true);
  return v as unknown[];
}

/** The ApiErrorContainer fields every simulator error carries. */
export function expectApiError(body: unknown, status: number, path?: string): string {
  const b = obj(body);
  const request = obj(b['request']);
  expect(request['status']).toBe(status);
  expect(typeof request['api_req_id']).toBe('string');
  expect(String(request['api_req_id']).length).toBeGreaterThan(8);
  const errors = arr(b['errors']);
  expect(errors.length).toBeGreaterThan(0);
  const first = obj(errors[0]);
  expect(typeof first['message']).toBe('string');
  if (path !== undefined) expect(first['path']).toBe(path);
  return String(first['message']);
}

export async function firstPerson(
  sim: RunningSimulator,
  query: string,
): Promise<Record<string, unknown>> {
  const r = await call(sim, 'GET', `/people?limit=1&${query}`);
  expect(r.status).toBe(200);
  return obj(arr(obj(r.body)['data'])[0]);
}
