import { create } from 'zustand';

export const TICK_MS = 1000;

interface TickerStore {
  /** Wall-clock milliseconds, updated once per second while anything shows a countdown. */
  now: number;
  /** How many mounted countdowns need the tick. */
  users: number;
  /** Starts the one shared interval on the first user; returns the release function. */
  retain(): () => void;
}

let interval: ReturnType<typeof setInterval> | undefined;

/**
 * The ONE ticker behind every countdown on screen: a single `setInterval` that runs only while
 * at least one countdown is mounted. Components that show a live countdown subscribe to `now`;
 * nothing else re-renders on the tick.
 */
export const useTickerStore = create<TickerStore>((set, get) => ({
  now: Date.now(),
  users: 0,
  retain() {
    const first = get().users === 0;
    // Only the first user refreshes `now` (it is stale while no interval runs): a countdown that
    // mounts while the ticker runs (a row scrolled into view) shows the same second as the rest
    // and does not re-render every other countdown.
    set((state) =>
      first ? { users: state.users + 1, now: Date.now() } : { users: state.users + 1 },
    );
    if (first && interval === undefined) {
      interval = setInterval(() => set({ now: Date.now() }), TICK_MS);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      set((state) => ({ users: state.users - 1 }));
      if (get().users === 0 && interval !== undefined) {
        clearInterval(interval);
        interval = undefined;
      }
    };
  },
}));
