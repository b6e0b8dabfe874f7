import { describe, expect, it } from 'vitest';
import { FLOOR_RATIO_LIMIT, FRAME_BUDGET_MS, frameVerdict } from '../../../bench/renderer-verdict';

describe('row 4 frame verdict', () => {
  it('passes a p95 that fits one 60 Hz frame, whatever the floor', () => {
    expect(frameVerdict(16.7, 16.7)).toMatchObject({ passed: true, rule: 'budget' });
    // 16.8 ms is one interval at the page clock's 0.1 ms resolution.
    expect(frameVerdict(16.8, 33.3)).toMatchObject({ passed: true, rule: 'budget' });
    expect(frameVerdict(16.8, Number.NaN)).toMatchObject({ passed: true, rule: 'budget' });
  });

  it('fails a p95 over the frame when the floor fits it', () => {
    const verdict = frameVerdict(33.3, 16.7);
    expect(verdict).toMatchObject({ passed: false, rule: 'budget' });
    expect(verdict.ratio).toBeCloseTo(33.3 / 16.7, 5);
  });

  it('judges by the ratio to the floor when the floor itself is over the frame', () => {
    expect(frameVerdict(33.3, 33.3)).toMatchObject({ passed: true, rule: 'floor', ratio: 1 });
    expect(frameVerdict(FLOOR_RATIO_LIMIT * 30, 30)).toMatchObject({ passed: true, rule: 'floor' });
    expect(frameVerdict(50.0, 33.3)).toMatchObject({ passed: false, rule: 'floor' });
    expect(frameVerdict(38.4, 33.3).passed).toBe(false); // 1.153x
    expect(frameVerdict(38.2, 33.3).passed).toBe(true); // 1.147x
  });

  it('fails when nothing was measured, or the floor is missing and p95 is over the frame', () => {
    expect(frameVerdict(Number.NaN, 16.7)).toMatchObject({ passed: false, rule: 'none' });
    expect(frameVerdict(FRAME_BUDGET_MS * 2, Number.NaN)).toMatchObject({
      passed: false,
      rule: 'none',
    });
  });

  it('says which rule decided in words', () => {
    expect(frameVerdict(40, 33.3).reason).toContain('1.20x');
    expect(frameVerdict(16.7, 16.7).reason).toContain('fits');
  });
});
