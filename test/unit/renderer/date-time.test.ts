import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  dayRange,
  formatClock,
  formatDateTime,
  formatTimesIn,
} from '../../../src-renderer/src/lib/date-time';

// The machine's zone for these tests: Paris (CET in winter, CEST in summer), so local and UTC
// differ and the zone's name is printed.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('date and time formatting: one format, the zone always named', () => {
  it('writes UTC as UTC and local time with its zone', () => {
    expect(formatDateTime('2026-12-02T14:03:27.000Z', 'utc')).toBe('2026-12-02 14:03:27 UTC');
    expect(formatDateTime('2026-12-02T14:03:27.000Z', 'local')).toBe('2026-12-02 15:03:27 CET');
    expect(formatDateTime('2026-07-02T14:03:27.000Z', 'local')).toBe('2026-07-02 16:03:27 CEST');
  });

  it('writes a 24-hour clock time with its zone', () => {
    expect(formatClock('2026-12-02T23:59:01.000Z', 'utc')).toBe('23:59:01 UTC');
    expect(formatClock('2026-12-02T23:59:01.000Z', 'local')).toBe('00:59:01 CET');
  });

  it('keeps a string that is not a date', () => {
    expect(formatDateTime('not a date', 'utc')).toBe('not a date');
    expect(formatClock('not a date', 'local')).toBe('not a date');
  });

  it('rewrites the ISO instants inside a detail, and nothing else', () => {
    expect(formatTimesIn('expires 2026-12-03T14:03:27.000Z; replaced (request r-1)', 'utc')).toBe(
      'expires 2026-12-03 14:03:27 UTC; replaced (request r-1)',
    );
    expect(formatTimesIn('minted 2026-12-02T10:00:00Z', 'local')).toBe(
      'minted 2026-12-02 11:00:00 CET',
    );
    expect(formatTimesIn('revoked', 'local')).toBe('revoked');
  });

  it('turns a day range into instants of the chosen zone, the end exclusive', () => {
    expect(dayRange('2026-12-01', '2026-12-02', 'utc')).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-03T00:00:00.000Z',
    });
    expect(dayRange('2026-12-01', '2026-12-02', 'local')).toEqual({
      from: '2026-11-30T23:00:00.000Z',
      to: '2026-12-02T23:00:00.000Z',
    });
    expect(dayRange('', '2026-12-02', 'utc')).toEqual({ to: '2026-12-03T00:00:00.000Z' });
    expect(dayRange('garbage', '', 'utc')).toEqual({});
  });
});
