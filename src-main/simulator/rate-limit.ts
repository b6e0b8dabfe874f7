/**
 * Deel's limit: 5 requests per rolling second per organization, shared by all of its tokens.
 * Timestamps come from the simulator clock, so tests can step past the window without sleeping.
 * Rejected requests do not consume the quota.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** When rejected: ms until the oldest counted request leaves the window. */
  retryAfterMs: number;
}

export class RollingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly windowMs = 1000,
  ) {
    if (!Number.isFinite(perSecond) || perSecond < 1) {
      throw new RangeError('rateLimit.perSecond must be at least 1');
    }
  }

  take(key: string, now: number): RateLimitDecision {
    const list = (this.hits.get(key) ?? []).filter(
      // A clock moved backwards leaves "future" hits; forget those too.
      (t) => t > now - this.windowMs && t <= now,
    );
    if (list.length >= this.perSecond) {
      this.hits.set(key, list);
      const oldest = list[0] ?? now;
      return { allowed: false, retryAfterMs: Math.max(1, oldest + this.windowMs - now) };
    }
    list.push(now);
    this.hits.set(key, list);
    return { allowed: true, retryAfterMs: 0 };
  }

  reset(): void {
    this.hits.clear();
  }
}
