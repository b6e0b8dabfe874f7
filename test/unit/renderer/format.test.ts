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
  it('names the missing scope from the structured field, not from any message text', () => {
    const text = describeError({
      kind: 'scope',
      status: 403,
      message: 'The token is not allowed to do this (403).',
      missingScope: 'admin:worker',
    });
    expect(text).toBe(
      'The organization token is not allowed to do this (403). It is missing the admin:worker scope.',
    );
    // A message that mentions a scope names nothing by itself: only the field does.
    expect(
      describeError({ kind: 'scope', status: 403, message: 'Missing scope admin:worker' }),
    ).toBe('The organization token is not allowed to do this (403).');
  });

  it('says rate limited, retrying instead of failing', () => {
    expect(describeError({ kind: 'rate-limit', message: 'Too many', retryAfterSeconds: 2 })).toBe(
      'Rate limited, retrying…',
    );
  });

  it('calls a 401 a rejected token', () => {
    expect(describeError({ kind: 'auth', status: 401, message: 'Unauthorized' })).toMatch(
      /rejected the organization token \(401\)/,
    );
  });
});

describe("error descriptions keep Deel's words once", () => {
  it("words the headline itself and adds Deel's own message from its field", () => {
    const text = describeError({
      kind: 'auth',
      status: 401,
      message: 'Deel rejected the token (401): it is missing, invalid or expired.',
      deelMessage: 'Unauthorized: revoked',
    });
    expect(text).toBe(
      'Deel rejected the organization token (401): it is wrong, expired or revoked. Deel said: Unauthorized: revoked',
    );
  });

  it("drops main's stock sentence when Deel said nothing", () => {
    expect(
      describeError({ kind: 'server', status: 502, message: 'Deel had a server error (502).' }),
    ).toBe('Deel had a server error (502).');
  });

  it('speaks of the worker token when the call used one', () => {
    const text = describeError(
      { kind: 'auth', status: 401, message: 'Deel rejected the token (401): it is missing.' },
      { workerToken: true },
    );
    expect(text).toMatch(/^Deel no longer accepts this worker token \(401\)/);
    expect(text).not.toContain('organization token');
  });

  it("keeps main's explanation for network and outcome-unknown errors, with what Deel said", () => {
    const network = 'Deel did not answer within 10 s (timeout).';
    expect(describeError({ kind: 'network', message: network })).toBe(network);
    const unknown =
      'The request may have reached Deel, but Deel answered 500: check before trying again.';
    expect(
      describeError({
        kind: 'outcome-unknown',
        status: 500,
        message: unknown,
        mayHaveActed: true,
        deelMessage: 'Internal error',
      }),
    ).toBe(`${unknown} Deel said: Internal error`);
  });

  it("adds Deel's words to a validation error", () => {
    expect(
      describeError({
        kind: 'validation',
        status: 400,
        message: 'Deel rejected the request as invalid (400).',
        deelMessage: 'profile_id must be a UUID',
      }),
    ).toBe('Deel rejected the request as invalid (400). Deel said: profile_id must be a UUID');
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
