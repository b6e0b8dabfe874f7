import { describe, expect, it } from 'vitest';
import { session, WORKER_A, WORKER_B } from './fake-api';

import {
  describeError,
  formatCountdown,
  latestByWorker,
  liveSessionsByExpiry,
  moveCursor,
  urgencyOf,
} from '../../../src-renderer/src/lib/format';

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

describe('token state derivation', () => {
  it('takes the latest session per worker', () => {
    const old = session({ mintedAt: '2025-01-01T00:00:00.000Z', state: 'superseded' });
    const latest = session({ mintedAt: '2025-01-02T00:00:00.000Z' });
    const other = session({ workerId: WORKER_B, state: 'revoked' });
    const map = latestByWorker([latest, old, other]);
    expect(map.get(WORKER_A)).toBe(latest);
    expect(map.get(WORKER_B)?.state).toBe('revoked');
  });

  it('lists live sessions soonest expiry first', () => {
    const late = session({ expiresAt: '2030-01-02T00:00:00.000Z' });
    const soon = session({ workerId: WORKER_B, expiresAt: '2030-01-01T00:00:00.000Z' });
    const dead = session({ state: 'expired' });
    expect(liveSessionsByExpiry([late, dead, soon])).toEqual([soon, late]);
  });
});

describe('error descriptions', () => {
  it('names the missing admin:worker scope when the message does', () => {
    const text = describeError({
      kind: 'scope',
      status: 403,
      message: 'The token lacks the admin:worker scope.',
    });
    expect(text).toContain('missing the admin:worker scope');
    expect(text).toContain('403');
  });

  it('says rate limited, retrying instead of failing', () => {
    expect(describeError({ kind: 'rate-limit', message: 'Too many' })).toBe(
      'Rate limited, retrying…',
    );
  });

  it('calls a 401 a rejected token', () => {
    expect(describeError({ kind: 'auth', status: 401, message: 'Unauthorized' })).toMatch(
      /rejected the organization token \(401\)/,
    );
  });
});

describe('table keyboard cursor', () => {
  it('moves with arrows, pages, Home and End, and stays in range', () => {
    expect(moveCursor('ArrowDown', 0, 50_000, 20)).toBe(1);
    expect(moveCursor('ArrowUp', 0, 50_000, 20)).toBe(0);
    expect(moveCursor('PageDown', 49_990, 50_000, 20)).toBe(49_999);
    expect(moveCursor('PageUp', 5, 50_000, 20)).toBe(0);
    expect(moveCursor('End', 0, 50_000, 20)).toBe(49_999);
    expect(moveCursor('Home', 7, 50_000, 20)).toBe(0);
    expect(moveCursor('a', 7, 50_000, 20)).toBeUndefined();
    expect(moveCursor('ArrowDown', 0, 0, 20)).toBeUndefined();
  });
});
