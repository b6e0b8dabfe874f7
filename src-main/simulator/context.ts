/** Types shared by the server pipeline and the route modules. */
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenKind } from './auth.js';
import type { SimClock } from './clock.js';
import type { Dataset } from './data.js';
import type { RequestInfo } from './errors.js';
import type { FaultState } from './faults.js';
import type { WorkerIndex } from './query.js';
import type { WorkerSessions } from './worker-sessions.js';

export type Caller =
  | { kind: 'organization' | 'personal'; name: string; scopes: ReadonlySet<string> }
  | { kind: 'worker'; profileId: string; scopes: ReadonlySet<string> };

export interface ApiRequest {
  method: string;
  /** Path below `/rest/v2`, e.g. `/people/123`. */
  path: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: unknown;
  info: RequestInfo;
  caller: Caller;
  /** The request's headers (lower-case names), e.g. `idempotency-key`. */
  headers?: Readonly<IncomingHttpHeaders>;
}

export interface ApiResponse {
  status: number;
  /** Omitted for 204. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
}

export interface SimContext {
  ds: Dataset;
  people: WorkerIndex;
  sessions: WorkerSessions;
  clock: SimClock;
  faults: FaultState;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** OpenAPI path template, e.g. `/people/{hris_profile_id}`. */
  template: string;
  /** Scope the caller's token needs. */
  scope: string;
  /** Token types the endpoint accepts; others get 403 TOKEN_TYPE_NOT_ALLOWED. */
  tokenKinds: readonly TokenKind[];
  /** Reads the body (POST) before dispatch. */
  hasBody?: boolean;
  /** May answer later (a mint that takes a while inside Deel: see `mintLatencyMs`). */
  handle(req: ApiRequest, ctx: SimContext): ApiResponse | Promise<ApiResponse>;
  /**
   * Extra top-level fields for error bodies of a status, where this endpoint's OpenAPI schema
   * documents them (e.g. people.yml 500 requires `{"error":{"code","message"}}`).
   */
  errorExtra?(status: number, message: string): Readonly<Record<string, unknown>> | undefined;
}
