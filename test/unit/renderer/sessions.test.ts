import { describe, expect, it } from 'vitest';
import { session, WORKER_A, WORKER_B } from './fake-api';

import { latestByWorker, liveSessionsByExpiry } from '../../../src-renderer/src/lib/sessions';

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
