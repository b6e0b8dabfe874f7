import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

describe('the shared ticker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('runs ONE interval however many countdowns retain it, and stops with the last', async () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const clearIntervalSpy = vi.spyOn(globalThis, 'clearInterval');
    const { useTickerStore } = await import('../../../src-renderer/src/stores/ticker-store');
    const releases = Array.from({ length: 500 }, () => useTickerStore.getState().retain());
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);
    expect(useTickerStore.getState().users).toBe(500);

    const before = useTickerStore.getState().now;
    vi.advanceTimersByTime(3000);
    expect(useTickerStore.getState().now - before).toBe(3000);

    for (const release of releases.slice(1)) release();
    releases[1]!(); // releasing twice is harmless
    expect(clearIntervalSpy).not.toHaveBeenCalled();
    expect(useTickerStore.getState().users).toBe(1);
    releases[0]!();
    expect(clearIntervalSpy).toHaveBeenCalledTimes(1);
    expect(useTickerStore.getState().users).toBe(0);

    const stopped = useTickerStore.getState().now;
    vi.advanceTimersByTime(5000);
    expect(useTickerStore.getState().now).toBe(stopped);

    useTickerStore.getState().retain();
    expect(setIntervalSpy).toHaveBeenCalledTimes(2);
  });

  it('a countdown mounting while the ticker runs does not re-notify the others', async () => {
    const { useTickerStore } = await import('../../../src-renderer/src/stores/ticker-store');
    const first = useTickerStore.getState().retain();
    vi.advanceTimersByTime(1500);
    const now = useTickerStore.getState().now;
    const seen: number[] = [];
    const unsubscribe = useTickerStore.subscribe((state: { now: number }) => seen.push(state.now));
    const second = useTickerStore.getState().retain(); // e.g. a row scrolled into view
    expect(useTickerStore.getState().now).toBe(now);
    expect(seen).toEqual([now]); // the users count changed; `now` did not
    second();
    first();
    unsubscribe();
  });

  it('notifies subscribers once per second', async () => {
    const { useTickerStore } = await import('../../../src-renderer/src/stores/ticker-store');
    const seen: number[] = [];
    const unsubscribe = useTickerStore.subscribe((state: { now: number }) => seen.push(state.now));
    const release = useTickerStore.getState().retain();
    seen.length = 0;
    vi.advanceTimersByTime(10_000);
    expect(seen).toHaveLength(10);
    release();
    unsubscribe();
  });
});
