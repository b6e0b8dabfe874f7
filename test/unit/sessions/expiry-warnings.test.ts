import { describe, expect, it, vi } from 'vitest';
import {
  ExpiryWarnings,
  expiryNotice,
  WARN_BEFORE_EXPIRY_MS,
} from '../../../src-main/sessions/expiry-warnings';
import type { Session } from '../../../src-shared/contract';
import { manualTimers } from '../../support/manual-timers';

function session(
  id: string,
  expiresInMs: number,
  now: number,
  state: Session['state'] = 'live',
): Session {
  const iso = new Date(now).toISOString();
  return {
    id,
    workerId: `w-${id}`,
    workerName: `Worker ${id}`,
    mintedAt: iso,
    expiresAt: new Date(now + expiresInMs).toISOString(),
    state,
    stateChangedAt: iso,
    available: true,
    revealed: false,
  };
}

describe('expiry warnings', () => {
  it('notifies each live token once, 10 minutes before it expires, with one timer', () => {
    const timers = manualTimers();
    const notify = vi.fn();
    const warnings = new ExpiryWarnings(timers, () => true, notify);
    const t0 = timers.now();
    warnings.update([
      session('a', WARN_BEFORE_EXPIRY_MS + 60_000, t0),
      session('b', WARN_BEFORE_EXPIRY_MS + 120_000, t0),
      session('c', WARN_BEFORE_EXPIRY_MS + 30_000, t0, 'revoked'),
    ]);
    expect(timers.pending()).toBe(1);
    timers.advance(59_000);
    expect(notify).not.toHaveBeenCalled();
    timers.advance(1_000);
    expect(notify.mock.calls.map(([s]) => (s as Session).id)).toEqual(['a']);
    timers.advance(60_000);
    expect(notify.mock.calls.map(([s]) => (s as Session).id)).toEqual(['a', 'b']);
    timers.advance(WARN_BEFORE_EXPIRY_MS);
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('stays silent while notifications are off (the default) and picks up when turned on', () => {
    const timers = manualTimers();
    const notify = vi.fn();
    let enabled = false;
    const warnings = new ExpiryWarnings(timers, () => enabled, notify);
    const list = [session('a', WARN_BEFORE_EXPIRY_MS + 60_000, timers.now())];
    warnings.update(list);
    expect(timers.pending()).toBe(0);
    timers.advance(60_000);
    expect(notify).not.toHaveBeenCalled();
    enabled = true;
    warnings.update(list);
    timers.advance(0);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('does not warn about a token that is already past its expiry', () => {
    const timers = manualTimers();
    const notify = vi.fn();
    const warnings = new ExpiryWarnings(timers, () => true, notify);
    warnings.update([session('old', -1_000, timers.now())]);
    timers.advance(0);
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('the expiry notice', () => {
  it('names the worker (with the email, for namesakes) and the time the token dies, with its zone', () => {
    const expiresAt = '2030-05-06T07:08:09.000Z';
    const notice = expiryNotice(
      { workerName: 'Priya Nair', workerEmail: 'priya.nair@example.com', expiresAt },
      'utc',
    );
    expect(notice.title).toBe('Worker token expires in 10 minutes');
    expect(notice.body).toBe(
      "Priya Nair (priya.nair@example.com)'s token expires at 07:08:09 UTC.",
    );
    const local = expiryNotice({ workerName: 'Priya Nair', expiresAt }, 'local');
    expect(local.body).toMatch(/^Priya Nair's token expires at \d\d:\d\d:\d\d \S+\.$/);
  });
});
