/**
 * Loopback-only control routes for tests and e2e runs in other processes:
 * - `GET  /__sim/state`             -> counters, faults, clock (never token values)
 * - `POST /__sim/faults`            -> body: partial faults; answers the merged faults
 * - `POST /__sim/clock`             -> body: `{"advanceMs": n}` or `{"setMs": epochMs}`
 * - `POST /__sim/rate-limit/reset`  -> forgets the rolling window
 * - `POST /__sim/competitor`        -> body: `{"perSecond": n}`: another integration of the
 *                                      organization spends n req/s of its budget (0 stops it)
 * - `GET  /__sim/worker-sessions`   -> the truth about worker tokens: per worker with a live
 *                                      token, its profile id, the SHA-256 of the token (never the
 *                                      token) and its expiry; read-only (the fault drills use it)
 * Guarded three ways: the peer address must be loopback, the Host header must name a loopback
 * host (defeats DNS rebinding), and requests carrying an `Origin` header (browsers) are refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context.js';
import { isLoopbackAddress, readBody, sendJson } from './http-io.js';

export const CONTROL_PREFIX = '/__sim';

export interface ControlDeps {
  ctx: SimContext;
  resetRateLimit(): void;
  setCompetitor(perSecond: number): unknown;
  state(): Record<string, unknown>;
}

const CompetitorBody = z.object({ perSecond: z.number().finite().min(0).max(50) }).strict();

const ClockBody = z.union([
  z.object({ advanceMs: z.number().finite() }).strict(),
  z.object({ setMs: z.number().finite() }).strict(),
]);

const LOOPBACK_HOST = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])(?::\d+)?$/i;

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  deps: ControlDeps,
): Promise<void> {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    refuse(res, 403, 'control routes are loopback-only');
    return;
  }
  if (!LOOPBACK_HOST.test(req.headers.host ?? '') || req.headers.origin !== undefined) {
    refuse(res, 403, 'control routes refuse browser and non-loopback Host requests');
    return;
  }
  const route = `${req.method ?? 'GET'} ${pathname.slice(CONTROL_PREFIX.length)}`;
  try {
    switch (route) {
      case 'GET /state':
        sendJson(res, 200, deps.state());
        return;
      case 'POST /faults': {
        const body = await jsonBody(req);
        const faults = deps.ctx.faults.apply(body as Parameters<SimContext['faults']['apply']>[0]);
        sendJson(res, 200, { faults });
        return;
      }
      case 'POST /clock': {
        const parsed = ClockBody.safeParse(await jsonBody(req));
        if (!parsed.success) {
          refuse(res, 400, 'expected {"advanceMs": number} or {"setMs": number}');
          return;
        }
        if ('advanceMs' in parsed.data) deps.ctx.clock.advance(parsed.data.advanceMs);
        else deps.ctx.clock.set(parsed.data.setMs);
        sendJson(res, 200, { now: deps.ctx.clock.now() });
        return;
      }
      case 'GET /worker-sessions': {
        const now = deps.ctx.clock.now();
        const sessions = deps.ctx.sessions.liveSessions(now).map((s) => ({
          profileId: s.profileId,
          fingerprint: s.fingerprint,
          expiresAt: new Date(s.expiresAt).toISOString(),
        }));
        sendJson(res, 200, { now: new Date(now).toISOString(), sessions });
        return;
      }
      case 'POST /competitor': {
        const parsed = CompetitorBody.safeParse(await jsonBody(req));
        if (!parsed.success) {
          refuse(res, 400, 'expected {"perSecond": 0..50}');
          return;
        }
        sendJson(res, 200, { competitor: deps.setCompetitor(parsed.data.perSecond) });
        return;
      }
      case 'POST /rate-limit/reset':
        deps.resetRateLimit();
        sendJson(res, 200, { ok: true });
        return;
      default:
        refuse(res, 404, `unknown control route ${route}`);
    }
  } catch (err) {
    refuse(res, 400, err instanceof Error ? err.message : 'invalid request');
  }
}
