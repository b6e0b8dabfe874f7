import { describe, expect, it } from 'vitest';
import { createRequestLimiter, DEFAULT_TUNING } from '../../../src-main/deel/limiter';

// Adaptive pacing: a 429 cuts the rate multiplicatively and pauses every request; answers that
// succeed bring it back additively, quickly to just under the rate that was refused, where it
// holds before probing slowly above; never above the configured ceiling.

function paced(ceiling = 4) {
  let t = 1_000_000;
  const limiter = createRequestLimiter(ceiling, { now: () => t });
  /** `n` answers spread evenly over `ms`. */
  const answers = (n: number, ms: number) => {
    for (let i = 0; i < n; i++) {
      t += ms / n;
      limiter.answered();
    }
  };
  return {
    limiter,
    answers,
    advance: (ms: number) => (t += ms),
    rate: () => limiter.state().ratePerSecond,
  };
}

describe('adaptive pacing', () => {
  it('starts at the ceiling and never goes above it', () => {
    const p = paced(4);
    expect(p.rate()).toBe(4);
    p.answers(100, 25_000);
    expect(p.rate()).toBe(4);
  });

  it('cuts the rate by a quarter on a 429, pauses every request, and counts it', () => {
    const p = paced(4);
    p.limiter.rateLimited(1000);
    expect(p.limiter.state()).toMatchObject({
      ratePerSecond: 3,
      recent429s: 1,
      waitingUntil: expect.any(Number),
    });
    // 429s for requests already in flight are the same event: no second cut.
    p.advance(200);
    p.limiter.rateLimited(1000);
    expect(p.limiter.state()).toMatchObject({ ratePerSecond: 3, recent429s: 2 });
    p.advance(1000);
    p.limiter.rateLimited(1000);
    expect(p.rate()).toBe(2.25);
  });

  it('recovers quickly to just under the refused rate, holds there, then probes slowly', () => {
    const p = paced(4);
    p.answers(4, 1000);
    p.limiter.rateLimited(1000); // refused at 4: plateau 3.72
    expect(p.rate()).toBe(3);
    p.answers(3, 600); // +1/s below the plateau (the first answer after a cut starts the clock)
    expect(p.rate()).toBeCloseTo(3.4, 2);
    p.answers(10, 2000);
    expect(p.rate()).toBeCloseTo(3.72, 2); // capped at the plateau
    p.answers(20, 6_000);
    expect(p.rate()).toBeCloseTo(4 * DEFAULT_TUNING.plateau, 2); // held
    p.advance(DEFAULT_TUNING.holdMs);
    p.answers(16, 4_000); // then +0.05/s
    expect(p.rate()).toBeCloseTo(3.72 + 0.05 * 4, 1);
    p.answers(40, 10_000);
    expect(p.rate()).toBe(4);
  });

  it('settles into the share other integrations leave: repeated 429s lower the plateau', () => {
    const p = paced(4);
    // Each time the rate climbs past ~3 req/s the budget runs out (someone else takes 2/s).
    for (let round = 0; round < 10; round++) {
      p.answers(10, 1000);
      if (p.rate() > 3) p.limiter.rateLimited(1000);
      p.advance(1100);
    }
    expect(p.rate()).toBeLessThanOrEqual(3);
    expect(p.rate()).toBeGreaterThan(2.5);
  });

  it('never goes below its floor', () => {
    const p = paced(4);
    for (let i = 0; i < 30; i++) {
      p.advance(2000);
      p.limiter.rateLimited(1000);
    }
    expect(p.rate()).toBe(DEFAULT_TUNING.floor);
  });

  it('forgets 429s after a minute', () => {
    const p = paced(4);
    p.limiter.rateLimited(1000);
    p.advance(61_000);
    expect(p.limiter.state().recent429s).toBe(0);
    expect(p.limiter.state().waitingUntil).toBeUndefined();
  });

  it('spaces real requests at the current rate', async () => {
    const limiter = createRequestLimiter(50);
    const start = performance.now();
    for (let i = 0; i < 6; i++) await limiter.acquire();
    // Five gaps of 20 ms at 50/s (timers may only be late, never early).
    expect(performance.now() - start).toBeGreaterThanOrEqual(5 * 20 - 5);
  });
});

describe('adaptive pacing through a storm', () => {
  it('a storm of 429s cuts the rate to the floor but keeps the plateau of its first 429', () => {
    let t = 5_000_000;
    const limiter = createRequestLimiter(4, { now: () => t });
    for (let i = 0; i < 40; i++) {
      t += 1500;
      limiter.rateLimited(1000);
    }
    expect(limiter.state().ratePerSecond).toBe(DEFAULT_TUNING.floor);
    // The storm ends: answers get through again, and the rate is back near 4 × 0.93 in seconds.
    for (let i = 0; i < 20; i++) {
      t += 250;
      limiter.answered();
    }
    expect(limiter.state().ratePerSecond).toBeCloseTo(4 * DEFAULT_TUNING.plateau, 2);
  });
});
