/**
 * `POST /workers/session` (mint) and `DELETE /workers/{worker_id}/session` (revoke).
 *
 * EOR only: Deel says worker tokens are "supported for EOR workers". The simulator's reading of
 * that sentence is strict: minting for a profile whose hiring_type is not `eor` answers
 * 400 with `errors[0].path = "data.profile_id"` and a message naming the hiring type. (Deel does
 * not document the status for this case; 400 was chosen because the request is well-formed and
 * authorised but names an ineligible subject.)
 *
 * The mint honours `Idempotency-Key` as Deel documents it for POST (see idempotency.ts), unless
 * the `ignoreIdempotencyKeys` fault says otherwise (Deel does not document whether this endpoint
 * honours keys: both readings). Which body field names the profile is the `profileIdField`
 * fault: the OpenAPI's `profile_id` (default) or one guide's `hris_profile_id`; the other one is
 * refused with 400 as a validation error naming the field.
 */
import type { ApiRequest, ApiResponse, Route, SimContext } from '../context.js';
import { workerByWorkerId, type Worker } from '../data.js';
import { badRequest, HttpError, notFound } from '../errors.js';
import {
  IDEMPOTENCY_CONFLICT_RETRY_AFTER_S,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IdempotencyStore,
} from '../idempotency.js';
import { UUID_RE } from '../params.js';
import type { WorkerSessions } from '../worker-sessions.js';

export const NON_EOR_MESSAGE_PREFIX = 'Worker access tokens are supported for EOR workers only';

/** The 429 a second request with a key still being processed gets (the documented 429 shape). */
export const IDEMPOTENCY_CONFLICT_BODY = Object.freeze({
  error: 'Idempotency key in use',
  status: 429,
  message:
    'A request with the same Idempotency-Key is still being processed. Please wait before retrying.',
});

/** One store per simulator (its WorkerSessions), so two simulators in a process share nothing. */
const stores = new WeakMap<WorkerSessions, IdempotencyStore>();
function storeOf(ctx: SimContext): IdempotencyStore {
  let store = stores.get(ctx.sessions);
  if (!store) {
    store = new IdempotencyStore();
    stores.set(ctx.sessions, store);
  }
  return store;
}

function featureCheck(ctx: SimContext): void {
  if (ctx.faults.get().workerTokensDisabled) {
    throw new HttpError(403, [
      {
        message: 'FEATURE_NOT_ENABLED: worker access tokens are not enabled for this organization',
      },
    ]);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `worker_id` is the profile UUID in Deel's docs; the numeric worker id is accepted too. */
function findWorker(ctx: SimContext, id: string): Worker | undefined {
  return UUID_RE.test(id) ? ctx.ds.byId.get(id.toLowerCase()) : workerByWorkerId(ctx.ds, id);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The header as one string; a repeated header is joined as Node does for unknown names. */
function headerOf(req: ApiRequest, name: string): string | undefined {
  const value = req.headers?.[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Validates the body and mints (superseding any earlier token of the worker). */
function mint(req: ApiRequest, ctx: SimContext): ApiResponse {
  featureCheck(ctx);
  const body = req.body;
  if (!isRecord(body) || !('data' in body)) throw badRequest('"data" is required', 'data');
  const data = body['data'];
  if (!isRecord(data)) throw badRequest('"data" must be an object', 'data');
  const field = ctx.faults.get().profileIdField;
  const other = field === 'profile_id' ? 'hris_profile_id' : 'profile_id';
  const profileId = data[field];
  if (profileId === undefined) {
    // The reading that takes `hris_profile_id` refuses `profile_id` as an unknown field, the way
    // a strict validator does; the default reading ignores unknown fields, as before.
    if (field === 'hris_profile_id' && data[other] !== undefined) {
      throw badRequest(`"${other}" is not allowed`, `data.${other}`);
    }
    throw badRequest(`"${field}" is required`, `data.${field}`);
  }
  if (typeof profileId !== 'string' || !UUID_RE.test(profileId)) {
    throw badRequest(`"${field}" must be a valid UUID`, `data.${field}`);
  }
  const worker = ctx.ds.byId.get(profileId.toLowerCase());
  if (!worker) throw notFound(`Profile ${profileId} not found`);
  if (worker.hiringType !== 'eor') {
    throw badRequest(
      `${NON_EOR_MESSAGE_PREFIX}; this profile's hiring_type is "${worker.hiringType}"`,
      `data.${field}`,
    );
  }
  const minted = ctx.sessions.mint(worker.id, ctx.clock.now());
  return {
    status: 201,
    body: {
      data: { token: minted.token, expires_at: new Date(minted.expiresAt).toISOString() },
    },
  };
}

/** The mint as Deel does it: `mintLatencyMs` inside Deel, then the validation and the mint. */
async function processMint(req: ApiRequest, ctx: SimContext): Promise<ApiResponse> {
  const latency = ctx.faults.get().mintLatencyMs;
  if (latency > 0) await sleep(latency);
  return mint(req, ctx);
}

async function handleMint(req: ApiRequest, ctx: SimContext): Promise<ApiResponse> {
  const key = headerOf(req, 'idempotency-key');
  if (key === undefined || ctx.faults.get().ignoreIdempotencyKeys) return processMint(req, ctx);
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw badRequest(
      `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters long (got ${key.length})`,
    );
  }
  const scope = req.caller.kind === 'worker' ? `worker:${req.caller.profileId}` : req.caller.name;
  const decision = storeOf(ctx).begin(scope, key, ctx.clock.now());
  if (decision.kind === 'replay') return decision.response;
  if (decision.kind === 'in-flight') {
    return {
      status: 429,
      body: IDEMPOTENCY_CONFLICT_BODY,
      headers: { 'retry-after': String(IDEMPOTENCY_CONFLICT_RETRY_AFTER_S) },
    };
  }
  let response: ApiResponse | undefined;
  try {
    response = await processMint(req, ctx);
    return response;
  } finally {
    // Errors (thrown as HttpError, answered 4xx by the pipeline) are not cached.
    decision.done(response, req.info.reqId);
  }
}

export const workerSessionRoutes: readonly Route[] = [
  {
    method: 'POST',
    template: '/workers/session',
    scope: 'admin:worker',
    tokenKinds: ['organization'],
    hasBody: true,
    handle: handleMint,
  },
  {
    method: 'DELETE',
    template: '/workers/{worker_id}/session',
    scope: 'admin:worker',
    tokenKinds: ['organization'],
    handle: (req, ctx) => {
      featureCheck(ctx);
      const id = req.params['worker_id'] ?? '';
      const worker = findWorker(ctx, id);
      if (!worker) throw notFound(`Worker ${id} not found`);
      if (!ctx.sessions.revoke(worker.id, ctx.clock.now())) {
        throw notFound(`Worker ${id} has no active access token`);
      }
      return { status: 204 };
    },
  },
];
