/** The simulator's controllable clock: an external or real clock plus an adjustable offset. */
export interface SimClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function createClock(base: () => number = Date.now): SimClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance: (ms) => {
      if (!Number.isFinite(ms)) throw new RangeError('clock.advance() needs a finite number');
      offset += ms;
    },
    set: (ms) => {
      if (!Number.isFinite(ms)) throw new RangeError('clock.set() needs a finite number');
      offset = ms - base();
    },
  };
}
