/**
 * `POST /workers/session` (mint) and `DELETE /workers/{worker_id}/session` (revoke).
 *
 * EOR only: Deel says worker tokens are "supported for EOR workers". The simulator's reading of
 * that sentence is strict: minting for a profile whose hiring_type is not `eor` answers
 * 400 with `errors[0].path = "data.profile_id"` and a message naming the hiring type. (Deel does
 * not document the status for this case; 400 was chosen because the request is well-formed and
 * authorised but names an ineligible subject.)
 */
import type { Route, SimContext } from '../context.js';
import { workerByWorkerId, type Worker } from '../data.js';
import { badRequest, HttpError, notFound } from '../errors.js';
import { UUID_RE } from '../params.js';

export const NON_EOR_MESSAGE_PREFIX = 'Worker access tokens are supported for EOR workers only';

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

export const workerSessionRoutes: readonly Route[] = [
  {
    method: 'POST',
    template: '/workers/session',
    scope: 'admin:worker',
    tokenKinds: ['organization'],
    hasBody: true,
    handle: (req, ctx) => {
      featureCheck(ctx);
      const body = req.body;
      if (!isRecord(body) || !('data' in body)) throw badRequest('"data" is required', 'data');
      const data = body['data'];
      if (!isRecord(data)) throw badRequest('"data" must be an object', 'data');
      const profileId = data['profile_id'];
      if (profileId === undefined) {
        throw badRequest('"profile_id" is required', 'data.profile_id');
      }
      if (typeof profileId !== 'string' || !UUID_RE.test(profileId)) {
        throw badRequest('"profile_id" must be a valid UUID', 'data.profile_id');
      }
      const worker = ctx.ds.byId.get(profileId.toLowerCase());
      if (!worker) throw notFound(`Profile ${profileId} not found`);
      if (worker.hiringType !== 'eor') {
        throw badRequest(
          `${NON_EOR_MESSAGE_PREFIX}; this profile's hiring_type is "${worker.hiringType}"`,
          'data.profile_id',
        );
      }
      const minted = ctx.sessions.mint(worker.id, ctx.clock.now());
      return {
        status: 201,
        body: {
          data: { token: minted.token, expires_at: new Date(minted.expiresAt).toISOString() },
        },
      };
    },
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
