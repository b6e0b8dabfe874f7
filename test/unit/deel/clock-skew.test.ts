import { describe, expect, it } from 'vitest';
import { ClockSkew } from '../../../src-main/deel/clock-skew';

describe("Deel's clock against this machine's", () => {
  it('is read from the Date header, to half a second, and is 0 before any answer', () => {
    const skew = new ClockSkew();
    expect(skew.ms()).toBe(0);
    const local = Date.parse('2026-12-01T10:00:00.200Z');
    skew.observe(new Date(local + 600_000).toUTCString(), local);
    expect(Math.abs(skew.ms() - 600_000)).toBeLessThanOrEqual(800);
  });

  it('takes the median of recent answers, so one odd Date does not move it', () => {
    const skew = new ClockSkew();
    const local = Date.parse('2026-12-01T10:00:00.000Z');
    for (let i = 0; i < 4; i++) skew.observe(new Date(local - 120_000).toUTCString(), local);
    skew.observe(new Date(local + 3_600_000).toUTCString(), local); // a proxy's own Date, say
    expect(Math.abs(skew.ms() + 120_000)).toBeLessThanOrEqual(800);
  });

  it('ignores a missing or unreadable header', () => {
    const skew = new ClockSkew();
    skew.observe(null, Date.now());
    skew.observe('not a date', Date.now());
    expect(skew.ms()).toBe(0);
  });
});
