import pThrottle from 'p-throttle';

/** Deel allows 5 requests per second per organization, shared with its other integrations. */
export const DEFAULT_REQUESTS_PER_SECOND = 4;

/** Grants one request slot at a time; every attempt (retries too) takes one. */
export interface RequestLimiter {
  readonly perSecond: number;
  acquire(): Promise<void>;
}

/**
 * Spaces requests evenly (one every 1000/perSecond ms) instead of allowing bursts of
 * `perSecond`: a burst at the end of one second plus one at the start of the next can land in
 * the same rolling second at Deel, once network latency shifts arrival times. Even spacing
 * keeps the headroom whatever the latency does.
 */
export function createRequestLimiter(perSecond = DEFAULT_REQUESTS_PER_SECOND): RequestLimiter {
  if (!Number.isFinite(perSecond) || perSecond <= 0) {
    throw new RangeError('The request rate must be a positive number of requests per second.');
  }
  const slot = pThrottle({ limit: 1, interval: Math.ceil(1000 / perSecond), strict: true })(
    () => undefined,
  );
  return { perSecond, acquire: async () => slot() };
}

const shared = new Map<string, RequestLimiter>();

/**
 * One limiter per organization, shared by every client and token of it (the org token and its
 * worker tokens count against the same Deel limit). The console holds one organization per
 * Deel host, so the host's origin is the key. Asking with a new rate replaces the limiter.
 */
export function sharedLimiter(
  key: string,
  perSecond = DEFAULT_REQUESTS_PER_SECOND,
): RequestLimiter {
  const existing = shared.get(key);
  if (existing && existing.perSecond === perSecond) return existing;
  const limiter = createRequestLimiter(perSecond);
  shared.set(key, limiter);
  return limiter;
}
