import { describe, expect, it } from 'vitest';
import { throttleLatest } from '../../../src-main/app/throttle-latest';
import { manualTimers } from '../../support/manual-timers';

describe('throttleLatest', () => {
  it('sends the first value at once, then only the latest of each interval', () => {
    const timers = manualTimers();
    const sent: number[] = [];
    const push = throttleLatest((v: number) => sent.push(v), 250, timers);
    push(1);
    push(2);
    push(3);
    expect(sent).toEqual([1]);
    timers.advance(249);
    expect(sent).toEqual([1]);
    timers.advance(1);
    expect(sent).toEqual([1, 3]);
    timers.advance(1_000);
    expect(sent).toEqual([1, 3]);
    push(4);
    expect(sent).toEqual([1, 3, 4]);
  });

  it('sends an urgent value at once, and nothing stale after it', () => {
    const timers = manualTimers();
    const sent: string[] = [];
    const push = throttleLatest(
      (v: string) => sent.push(v),
      250,
      timers,
      (v) => v === 'end',
    );
    push('a');
    push('b');
    push('end');
    expect(sent).toEqual(['a', 'end']);
    timers.advance(1_000);
    expect(sent).toEqual(['a', 'end']);
  });
});
