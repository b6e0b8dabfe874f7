import type { RollingWindowLimiter } from './rate-limit.js';

/** What the competing integration saw: the bench reports how much of its work it lost. */
export interface CompetitorStats {
  perSecond: number;
  sent: number;
  /** Calls the organization's rate limit refused (a 429 it would have got). */
  refused: number;
}

/**
 * The "competing integration" fault: the customer's other integrations (its White Label
 * backend, an HR sync) spending the same organization's budget at a steady N requests per
 * second, evenly spaced. It takes slots from the simulator's own rate limiter, exactly as a
 * client's requests do, and counts how many the limit refused.
 */
export class CompetingIntegration {
  #timer: ReturnType<typeof setInterval> | undefined;
  #stats: CompetitorStats = { perSecond: 0, sent: 0, refused: 0 };

  constructor(
    private readonly limiter: RollingWindowLimiter | undefined,
    private readonly now: () => number,
  ) {}

  /** Starts (or changes, or with 0 stops) the competitor; its counts start again from zero. */
  set(perSecond: number): CompetitorStats {
    if (!Number.isFinite(perSecond) || perSecond < 0 || perSecond > 50) {
      throw new RangeError('competitor.perSecond must be between 0 and 50');
    }
    this.stop();
    this.#stats = { perSecond, sent: 0, refused: 0 };
    if (perSecond > 0 && this.limiter) {
      const limiter = this.limiter;
      this.#timer = setInterval(() => {
        this.#stats.sent++;
        if (!limiter.take('organization', this.now()).allowed) this.#stats.refused++;
      }, 1000 / perSecond);
      this.#timer.unref();
    }
    return this.stats();
  }

  stats(): CompetitorStats {
    return { ...this.#stats };
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
