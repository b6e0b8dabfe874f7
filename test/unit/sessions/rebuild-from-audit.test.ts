import { describe, expect, it } from 'vitest';
import type { AuditedCall } from '../../../src-main/sessions/ports';
import { mintsDeelMayHold } from '../../../src-main/sessions/rebuild-from-audit';

// When the sessions file is lost, the audit log is replayed worker by worker to find every
// token Deel may still hold: nothing Deel may hold is left untracked.

const T0 = Date.parse('2026-12-02T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const line = (
  minutes: number,
  action: string,
  outcome: AuditedCall['outcome'],
  workerId: string,
  detail?: string,
): AuditedCall => ({
  action,
  outcome,
  workerId,
  workerName: `Worker ${workerId}`,
  time: at(minutes),
  ...(detail && { detail }),
});
const NOW = T0 + 60 * 60_000;

describe('mintsDeelMayHold', () => {
  it('keeps a mint that succeeded, with the expiry Deel gave', () => {
    const expires = '2026-12-03T07:59:00.000Z';
    expect(
      mintsDeelMayHold(
        [line(0, 'mint', 'intent', 'a'), line(0, 'mint', 'success', 'a', `expires ${expires}`)],
        NOW,
      ),
    ).toEqual([{ workerId: 'a', workerName: 'Worker a', mintedAt: at(0), expiresAt: expires }]);
  });

  it('reads the expiry at the start of a longer success detail (a replayed mint)', () => {
    const expires = '2026-12-03T07:30:00.000Z';
    const [held] = mintsDeelMayHold(
      [line(0, 'mint', 'success', 'a', `expires ${expires}; replayed original request r-1`)],
      NOW,
    );
    expect(held?.expiresAt).toBe(expires);
  });

  it('counts an intent with no outcome (a crash) and an unknown outcome as held, 24 h from the line', () => {
    const held = mintsDeelMayHold(
      [
        line(1, 'mint', 'intent', 'a'),
        line(2, 'mint', 'intent', 'b'),
        line(2, 'mint', 'unknown', 'b'),
      ],
      NOW,
    );
    expect(held.map((m) => [m.workerId, m.expiresAt])).toEqual([
      ['a', new Date(T0 + 60_000 + 24 * 3_600_000).toISOString()],
      ['b', new Date(T0 + 120_000 + 24 * 3_600_000).toISOString()],
    ]);
  });

  it('a revoke that succeeded (or found no token) ends it; a failed one does not', () => {
    const held = mintsDeelMayHold(
      [
        line(0, 'mint', 'success', 'a'),
        line(1, 'revoke', 'intent', 'a'),
        line(1, 'revoke', 'success', 'a'),
        line(0, 'mint', 'success', 'b'),
        line(3, 'bulk-revoke', 'success', 'b', 'no live token on Deel (404)'),
        line(0, 'mint', 'success', 'c'),
        line(4, 'revoke', 'intent', 'c'),
        line(4, 'revoke', 'failure', 'c'),
        line(0, 'mint', 'success', 'd'),
        line(5, 'revoke', 'intent', 'd'),
      ],
      NOW,
    );
    // d: a revoke cut before its answer may not have happened.
    expect(held.map((m) => m.workerId)).toEqual(['c', 'd']);
  });

  it('a refused mint leaves the token before it; a later mint replaces it', () => {
    const held = mintsDeelMayHold(
      [
        line(0, 'mint', 'success', 'a'),
        line(5, 'mint', 'intent', 'a'),
        line(5, 'mint', 'failure', 'a'),
        line(0, 'mint', 'success', 'b'),
        line(9, 'mint', 'success', 'b'),
      ],
      NOW,
    );
    expect(held.map((m) => [m.workerId, m.mintedAt])).toEqual([
      ['a', at(0)],
      ['b', at(9)],
    ]);
  });

  it('a mint still pending after a revoke of the worker is kept (the revoke may have come first)', () => {
    const held = mintsDeelMayHold(
      [line(0, 'mint', 'intent', 'a'), line(1, 'revoke', 'success', 'a')],
      NOW,
    );
    expect(held.map((m) => m.workerId)).toEqual(['a']);
  });

  it('drops what has expired by now, and lines without a worker', () => {
    const held = mintsDeelMayHold(
      [
        line(0, 'mint', 'success', 'a', 'expires 2026-12-02T08:30:00.000Z'),
        { action: 'connect', outcome: 'success', time: at(0) },
      ],
      NOW,
    );
    expect(held).toEqual([]);
  });
});
