/**
 * A local Deel API simulator (demo mode, unit/e2e tests, benchmarks). Follows
 * ../shared/deel-api.md and answers in the shapes of ../shared/deel-openapi. It is NOT Deel:
 * it binds 127.0.0.1 only, its tokens start with `sim_`, and every answer carries
 * `x-deel-simulator: 1`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ALL_ORG_SCOPES, PERSONAL_SCOPES, READ_ONLY_SCOPES, TokenRegistry } from './auth.js';
import { createClock } from './clock.js';
import type { SimContext } from './context.js';
import { EMAIL_DOMAIN, generateDataset, MAX_WORKERS } from './data.js';
import { FaultState, type Faults, type FaultsPatch } from './faults.js';
import { WorkerIndex } from './query.js';
import { CompetingIntegration, type CompetitorStats } from './competitor.js';
import { RollingWindowLimiter } from './rate-limit.js';
import { contractRoutes, CONTRACT_SORT_VALUES } from './routes/contracts.js';
import { organizationRoutes } from './routes/organizations.js';
import { peopleRoutes, peopleSortValues } from './routes/people.js';
import { workerSessionRoutes } from './routes/worker-session.js';
import { BASE_PATH, createPipeline, type RequestLogEntry } from './server.js';
import { WorkerSessions } from './worker-sessions.js';

export type { Faults, FaultsPatch } from './faults.js';
export { DEFAULT_FAULTS } from './faults.js';
export type { RequestLogEntry } from './server.js';
export { MAX_WORKERS } from './data.js';
export { WORKER_TOKEN_TTL_MS } from './worker-sessions.js';
export { RATE_LIMIT_BODY } from './errors.js';
export { NON_EOR_MESSAGE_PREFIX } from './routes/worker-session.js';

/** Ends the local part of a work email in the search text (a control char: never in needles). */
const WORK_MARKER = '\u0002';

function emailLocal(email: string): string {
  return email.slice(0, email.indexOf('@'));
}

export const DEMO_ORG_NAME = 'Northwind Demo Co. (simulated)';
export { SIMULATOR_HEADER } from './http-io.js';
export const DEFAULT_WORKERS = 250;
export const DEFAULT_RATE_LIMIT = Object.freeze({ perSecond: 5, retryAfter: false });

export interface SimulatorOptions {
  /** Default 0 (a random free port). Always bound to 127.0.0.1. */
  port?: number;
  /** 1..100,000; default 250. */
  workers?: number;
  /** Default 1; data is deterministic for a seed. */
  seed?: number;
  /** Default DEMO_ORG_NAME. */
  orgName?: string;
  /** Default `{ perSecond: 5 }` per organization over a rolling second; `false` disables it. */
  rateLimit?: { perSecond: number; retryAfter?: boolean } | false;
  faults?: FaultsPatch;
  /** External clock; otherwise real time. The simulator clock adds a controllable offset. */
  now?: () => number;
  /**
   * Mount the loopback control routes (`/__sim/*`: faults, clock, state); default true. The
   * app's demo mode turns them off: any local process, another OS user's included, could
   * reach them.
   */
  controlRoutes?: boolean;
  /** Called after each API answer (never with token values). */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RunningSimulator {
  /** Base URL including /rest/v2, e.g. http://127.0.0.1:54321/rest/v2 */
  url: string;
  /** e.g. http://127.0.0.1:54321 */
  origin: string;
  tokens: { admin: string; readOnly: string; personal: string };
  workerCount: number;
  orgName: string;
  clock: { now(): number; advance(ms: number): void; set(ms: number): void };
  setFaults(f: FaultsPatch): void;
  getFaults(): Faults;
  /** Forgets the rate-limit window (the control route `POST /__sim/rate-limit/reset` does too). */
  resetRateLimit(): void;
  /**
   * The "competing integration" fault: another integration of the same organization spending
   * `perSecond` of its budget (0 stops it). Its counts start again at every call.
   */
  setCompetitor(perSecond: number): CompetitorStats;
  competitor(): CompetitorStats;
  close(): Promise<void>;
  /**
   * Issues one more organization token with every scope, as Deel's Developer Center does when
   * an admin creates a second token for the same organization (a rotation's new token). The
   * tokens in `tokens` stay valid, like an old token nobody has deleted yet.
   */
  issueAdminToken(): string;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const workers = opts.workers ?? DEFAULT_WORKERS;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new RangeError(`workers must be an integer from 1 to ${MAX_WORKERS}`);
  }
  const seed = opts.seed ?? 1;
  const orgName = opts.orgName ?? DEMO_ORG_NAME;
  const rateLimit = opts.rateLimit === undefined ? DEFAULT_RATE_LIMIT : opts.rateLimit;

  const ds = generateDataset(workers, seed, orgName);
  const clock = createClock(opts.now);
  const ctx: SimContext = {
    ds,
    people: new WorkerIndex(
      ds.workers,
      { ...peopleSortValues(ds.org.teams.map((t) => t.name)), ...CONTRACT_SORT_VALUES },
      {
        // Names and titles are pre-folded; emails are lowercase ASCII (see SearchSpec).
        person: {
          text: (w) => `${w.foldedName}\n${emailLocal(w.workEmail)}${WORK_MARKER}`,
          domains: [{ marker: WORK_MARKER, domain: EMAIL_DOMAIN }],
        },
        contract: {
          text: (w) =>
            `${w.foldedTitle}\n${w.foldedName}\n${emailLocal(w.workEmail)}${WORK_MARKER}`,
          domains: [{ marker: WORK_MARKER, domain: EMAIL_DOMAIN }],
        },
      },
    ),
    sessions: new WorkerSessions(),
    clock,
    faults: new FaultState(opts.faults, seed),
  };
  const registry = new TokenRegistry();
  const tokens = {
    admin: registry.issue('organization', 'admin', ALL_ORG_SCOPES),
    readOnly: registry.issue('organization', 'readOnly', READ_ONLY_SCOPES),
    personal: registry.issue('personal', 'personal', PERSONAL_SCOPES),
  };
  const limiter = rateLimit ? new RollingWindowLimiter(rateLimit.perSecond) : undefined;
  const counters = new Map<string, number>();
  const competitor = new CompetingIntegration(limiter, () => clock.now());

  const handler = createPipeline({
    ctx,
    routes: [...organizationRoutes, ...peopleRoutes, ...contractRoutes, ...workerSessionRoutes],
    tokens: registry,
    limiter,
    retryAfter: rateLimit ? (rateLimit.retryAfter ?? false) : false,
    onRequest: opts.onRequest,
    counters,
    control:
      opts.controlRoutes === false
        ? undefined
        : {
            ctx,
            resetRateLimit: () => limiter?.reset(),
            setCompetitor: (perSecond) => competitor.set(perSecond),
            state: () => ({
              simulator: true,
              orgName,
              workerCount: workers,
              seed,
              now: clock.now(),
              rateLimit: rateLimit || false,
              faults: ctx.faults.get(),
              liveWorkerTokens: ctx.sessions.liveCount(clock.now()),
              answers: Object.fromEntries(counters),
              competitor: competitor.stats(),
            }),
          },
  });

  const server: Server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      console.error('[deel-simulator] request failed:', err instanceof Error ? err.message : err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Build the default search haystack and name order off the start path, so the first
  // searched/sorted page does not pay for them (about 100 ms at 100,000 workers).
  const warmUp = setImmediate(() => ctx.people.warm(['', 'full_name'], ['person']));
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  let issued = 0;
  return {
    url: `${origin}${BASE_PATH}`,
    origin,
    tokens,
    workerCount: workers,
    orgName,
    clock,
    setFaults: (f) => {
      ctx.faults.apply(f);
    },
    getFaults: () => ctx.faults.get(),
    resetRateLimit: () => limiter?.reset(),
    setCompetitor: (perSecond) => competitor.set(perSecond),
    competitor: () => competitor.stats(),
    close: () => {
      clearImmediate(warmUp);
      competitor.stop();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
    issueAdminToken: () => registry.issue('organization', `admin-${++issued}`, ALL_ORG_SCOPES),
  };
}
