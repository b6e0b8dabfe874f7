/**
 * The request pipeline for `/rest/v2/*`, in Deel's order as far as it is observable:
 * faults (drop, latency) -> route lookup (404) -> bearer auth (401) -> rate limit and 429 storms
 * -> simulated 5xx -> token type and scope (403) -> handler (400/404/2xx).
 * Every answer carries `x-deel-simulator: 1`; every error body is an ApiErrorContainer with a
 * unique `api_req_id` (the 429 body is Deel's documented one instead).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, type TokenRegistry, WORKER_SCOPES } from './auth.js';
import type { ApiResponse, Caller, Route, SimContext } from './context.js';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control.js';
import {
  apiErrorBody,
  HttpError,
  RATE_LIMIT_BODY,
  type ApiErrorItem,
  type RequestInfo,
} from './errors.js';
import { BodyTooLargeError, readBody, sendJson, SIMULATOR_HEADER } from './http-io.js';
import type { RollingWindowLimiter } from './rate-limit.js';

export const BASE_PATH = '/rest/v2';

export interface RequestLogEntry {
  method: string;
  /** Path without the query string (queries may hold search terms; tokens never appear). */
  path: string;
  status: number | 'dropped';
  ms: number;
  apiReqId: string;
}

export interface PipelineDeps {
  ctx: SimContext;
  routes: readonly Route[];
  tokens: TokenRegistry;
  limiter: RollingWindowLimiter | undefined;
  retryAfter: boolean;
  /** The loopback control routes; none: `/__sim/*` is not mounted (the app's demo mode). */
  control: ControlDeps | undefined;
  onRequest?: ((entry: RequestLogEntry) => void) | undefined;
  /** Count of answers by status, for `/__sim/state`. */
  counters: Map<string, number>;
}

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

function compile(routes: readonly Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const pattern = route.template
      .split('/')
      .map((seg) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m?.[1]) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]);
        return '([^/]+)';
      })
      .join('/');
    return { route, regex: new RegExp(`^${pattern}/?$`), names };
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createPipeline(deps: PipelineDeps) {
  const compiled = compile(deps.routes);
  const { ctx } = deps;

  function resolveCaller(token: string): Caller | undefined {
    const known = deps.tokens.lookup(token);
    if (known) return { kind: known.kind, name: known.name, scopes: known.scopes };
    const profileId = ctx.sessions.resolve(token, ctx.clock.now());
    if (profileId) return { kind: 'worker', profileId, scopes: new Set(WORKER_SCOPES) };
    return undefined;
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    res.setHeader(SIMULATOR_HEADER, '1');
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://127.0.0.1');
    if (
      deps.control &&
      (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`))
    ) {
      await handleControl(req, res, url.pathname, deps.control);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const info: RequestInfo = { method, url: rawUrl, reqId: randomUUID() };
    // Deel names every answer, success included, in this header (the error body's api_req_id too).
    res.setHeader('x-request-id', info.reqId);
    // The simulator's own clock, which a test may set apart from the machine's (as Deel's can be).
    res.setHeader('date', new Date(ctx.clock.now()).toUTCString());
    const log = (status: number | 'dropped'): void => {
      const key = String(status);
      deps.counters.set(key, (deps.counters.get(key) ?? 0) + 1);
      deps.onRequest?.({
        method,
        path: url.pathname,
        status,
        ms: Math.round((performance.now() - started) * 100) / 100,
        apiReqId: info.reqId,
      });
    };
    let route: Route | undefined;
    const answer = (r: ApiResponse): void => {
      const ms = performance.now() - started;
      sendJson(res, r.status, r.body, {
        'server-timing': `app;dur=${ms.toFixed(2)}`,
        ...r.headers,
      });
      log(r.status);
    };
    const fail = (status: number, errors: readonly ApiErrorItem[]): void => {
      const message = errors.map((e) => e.message).join('; ');
      answer({
        status,
        body: apiErrorBody(info, status, errors, route?.errorExtra?.(status, message)),
      });
    };

    if (ctx.faults.shouldDrop()) {
      req.socket.destroy();
      log('dropped');
      return;
    }
    const latency = ctx.faults.latencyMs();
    if (latency > 0) await sleep(latency);

    let bodyText = '';
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      try {
        bodyText = await readBody(req);
      } catch (err) {
        if (err instanceof BodyTooLargeError) fail(400, [{ message: err.message }]);
        else req.socket.destroy();
        return;
      }
    }

    const path = url.pathname.startsWith(`${BASE_PATH}/`)
      ? url.pathname.slice(BASE_PATH.length)
      : undefined;
    const params: Record<string, string> = {};
    if (path !== undefined) {
      for (const c of compiled) {
        const m = c.regex.exec(path);
        if (!m || c.route.method !== method) continue;
        route = c.route;
        c.names.forEach((name, i) => {
          const raw = m[i + 1] ?? '';
          try {
            params[name] = decodeURIComponent(raw);
          } catch {
            params[name] = raw; // malformed %-escape: keep it raw; it will not match any id
          }
        });
        break;
      }
    }
    if (!route) {
      fail(404, [{ message: `Cannot ${method} ${url.pathname} (Deel simulator)` }]);
      return;
    }

    const token = bearerToken(req.headers.authorization);
    if (!token) {
      fail(401, [
        { message: 'Missing or malformed Authorization header; expected "Bearer <token>"' },
      ]);
      return;
    }
    const caller = resolveCaller(token);
    if (!caller) {
      fail(401, [
        { message: 'Unauthorized: the token is invalid, expired, superseded or revoked' },
      ]);
      return;
    }

    const stormed = ctx.faults.takeStorm();
    const decision = stormed ? undefined : deps.limiter?.take('organization', ctx.clock.now());
    if (stormed || (decision && !decision.allowed)) {
      const retryMs = decision?.retryAfterMs ?? 1000;
      answer({
        status: 429,
        body: RATE_LIMIT_BODY,
        headers: deps.retryAfter
          ? { 'retry-after': String(Math.max(1, Math.ceil(retryMs / 1000))) }
          : {},
      });
      return;
    }

    if (ctx.faults.shouldFail()) {
      fail(500, [{ message: 'Internal server error (simulated fault)' }]);
      return;
    }

    if (!route.tokenKinds.includes(caller.kind)) {
      fail(403, [
        {
          message: `TOKEN_TYPE_NOT_ALLOWED: a ${caller.kind} token cannot call ${method} ${route.template}`,
        },
      ]);
      return;
    }
    if (!caller.scopes.has(route.scope)) {
      fail(403, [{ message: `Missing required scope: ${route.scope}` }]);
      return;
    }

    let body: unknown = undefined;
    if (route.hasBody && bodyText.trim() !== '') {
      try {
        body = JSON.parse(bodyText) as unknown;
      } catch {
        fail(400, [{ message: 'Request body is not valid JSON', path: '' }]);
        return;
      }
    }

    try {
      answer(
        await route.handle(
          {
            method,
            path: path ?? '',
            params,
            query: url.searchParams,
            body,
            info,
            caller,
            headers: req.headers,
          },
          ctx,
        ),
      );
    } catch (err) {
      if (err instanceof HttpError) {
        fail(err.status, err.errors);
      } else {
        console.error(
          '[deel-simulator] handler crashed:',
          err instanceof Error ? err.message : err,
        );
        fail(500, [{ message: 'Internal server error' }]);
      }
    }
  };
}
