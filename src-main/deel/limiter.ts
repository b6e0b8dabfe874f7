import pThrottle from 'p-throttle';

/** Deel allows 5 requests per second per organization, shared with its other integrations. */
export const DEFAULT_REQUESTS_PER_SECOND = 4;

/** Grants one request slot at a time; every attempt (retries too) takes one. */
export interface RequestLimiter {
  readonly perSecond: number;
  acquire(): Promise<void>;
  /**
   * Holds every slot for `ms`. A 429 means the organization's budget is spent, possibly by its
   * other integrations: every call of the console waits, not just the one that was refused.
   */
  pauseFor(ms: number): void;
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
  let resumeAt = 0;
  return {
    perSecond,
    async acquire() {
      for (let wait = resumeAt - Date.now(); wait > 0; wait = resumeAt - Date.now()) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      await slot();
    },
    pauseFor(ms) {
      if (Number.isFinite(ms) && ms > 0) resumeAt = Math.max(resumeAt, Date.now() + ms);
    },
  };
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
