import type { Timers } from '../sessions/ports';

/**
 * Passes on the latest value at most once per `intervalMs` (the first at once, then the latest
 * of each interval), and at once whenever `urgent(value)` says so (a sweep that ended, say):
 * a sweep answers several times a second for hours, and the page needs a few frames a second.
 */
export function throttleLatest<T>(
  send: (value: T) => void,
  intervalMs: number,
  timers: Timers,
  urgent: (value: T) => boolean = () => false,
): (value: T) => void {
  let lastSent = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | undefined;
  let cancelTimer: (() => void) | undefined;
  const flush = () => {
    cancelTimer?.();
    cancelTimer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    lastSent = timers.now();
    send(value);
  };
  return (value) => {
    pending = { value };
    const wait = lastSent + intervalMs - timers.now();
    if (urgent(value) || wait <= 0) flush();
    else cancelTimer ??= timers.setTimer(flush, wait);
  };
}
