import { describe, expect, it } from 'vitest';

import { formatCountdown, urgencyOf } from '../../../src-renderer/src/lib/countdown';

describe('countdown formatting', () => {
  it('formats HH:MM:SS, rounding partial seconds up and never going negative', () => {
    expect(formatCountdown(24 * 3600_000)).toBe('24:00:00');
    expect(formatCountdown(3600_000 + 61_000)).toBe('01:01:01');
    expect(formatCountdown(59_001)).toBe('00:01:00');
    expect(formatCountdown(999)).toBe('00:00:01');
    expect(formatCountdown(0)).toBe('00:00:00');
    expect(formatCountdown(-5000)).toBe('00:00:00');
  });

  it('turns amber under one hour and red under ten minutes', () => {
    expect(urgencyOf(3600_000)).toBe('ok');
    expect(urgencyOf(3600_000 - 1)).toBe('amber');
    expect(urgencyOf(600_000)).toBe('amber');
    expect(urgencyOf(600_000 - 1)).toBe('red');
    expect(urgencyOf(1)).toBe('red');
    expect(urgencyOf(0)).toBe('expired');
  });
});
