import type { Timers } from './ports';

/**
 * One timer for every token: it always points at the earliest expiry, fires `onDue` with the
 * current time, and is re-armed by `reschedule`. No per-token intervals.
 */
export class ExpiryScheduler {
  #cancel: (() => void) | undefined;
  #armedFor: number | undefined;

  constructor(
    private readonly timers: Timers,
    private readonly onDue: (now: number) => void,
  ) {}

  /** Arms the timer for the earliest of `expiries` (epoch ms), or disarms it when there is none. */
  reschedule(expiries: Iterable<number>): void {
    let earliest: number | undefined;
    for (const at of expiries) if (earliest === undefined || at < earliest) earliest = at;
    if (earliest === this.#armedFor) return;
    this.stop();
    if (earliest === undefined) return;
    this.#armedFor = earliest;
    this.#cancel = this.timers.setTimer(() => {
      this.#cancel = undefined;
      this.#armedFor = undefined;
      this.onDue(this.timers.now());
    }, earliest - this.timers.now());
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#armedFor = undefined;
  }
}
