import {
  startSimulator,
  type RequestLogEntry,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src-main/simulator';
import { DeelClient, type DeelClientOptions } from '../../../src-main/deel/client';
import { createRequestLimiter } from '../../../src-main/deel/limiter';

/** Small delays so retry tests take milliseconds; the policy shape is the production one. */
export const FAST_RETRY = {
  limit: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 3_000,
  rateLimitPauseMs: 20,
  rateLimitPatienceMs: 3_000,
};

export interface Harness {
  sim: RunningSimulator;
  log: RequestLogEntry[];
  /** Called after each simulator answer, e.g. to lift a fault after the first failure. */
  onAnswer: (entry: RequestLogEntry) => void;
  client(options?: Partial<DeelClientOptions>): DeelClient;
  count(method: string, pathEnd: string, status?: number | 'dropped'): number;
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const log: RequestLogEntry[] = [];
  const harness: Partial<Harness> = { log, onAnswer: () => undefined };
  const sim = await startSimulator({
    workers: 250,
    seed: 7,
    rateLimit: false,
    ...options,
    onRequest: (entry) => {
      log.push(entry);
      harness.onAnswer?.(entry);
    },
  });
  return Object.assign(harness, {
    sim,
    client: (overrides: Partial<DeelClientOptions> = {}) =>
      new DeelClient({
        baseUrl: sim.url,
        token: sim.tokens.admin,
        // Unthrottled unless a test is about the limiter, so the suite stays fast.
        limiter: createRequestLimiter(1000),
        retry: FAST_RETRY,
        timeoutMs: 5_000,
        ...overrides,
      }),
    count: (method: string, pathEnd: string, status?: number | 'dropped') =>
      log.filter(
        (e) =>
          e.method === method &&
          e.path.endsWith(pathEnd) &&
          (status === undefined || e.status === status),
      ).length,
  }) as Harness;
}

export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
