import type { Timers } from '../../src-main/sessions/ports';

/** A clock and timers the test moves by hand; shared with the simulator so both agree on time. */
export function manualTimers(start = Date.parse('2026-11-26T09:00:00Z')): Timers & {
  advance(ms: number): void;
  pending(): number;
} {
  let now = start;
  let pending: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer(fn, ms) {
      const timer = { at: now + Math.max(0, ms), fn };
      pending.push(timer);
      return () => void (pending = pending.filter((t) => t !== timer));
    },
    advance(ms) {
      now += ms;
      for (;;) {
        const due = pending.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
        if (!due) return;
        pending = pending.filter((t) => t !== due);
        due.fn();
      }
    },
    pending: () => pending.length,
  };
}
