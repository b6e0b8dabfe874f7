import { describe, expect, it } from 'vitest';

import { formatClock, formatDateTime } from '../../../src-renderer/src/lib/date-time';

describe('date and time formatting', () => {
  it('writes a 24-hour clock time', () => {
    expect(formatClock('2025-01-02T14:03:27.000Z')).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  });

  it('writes a date and a 24-hour time, and keeps a string that is not a date', () => {
    expect(formatDateTime('2025-01-02T14:03:27.000Z')).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
