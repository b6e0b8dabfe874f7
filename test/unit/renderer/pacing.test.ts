import { describe, expect, it } from 'vitest';
import { describePacing } from '../../../src-renderer/src/lib/pacing';

describe('the status bar wording for pacing', () => {
  it('says the ceiling when the console runs at it, and nothing else', () => {
    expect(describePacing({ ratePerSecond: 4, ceiling: 4, recent429s: 0 }, 0)).toEqual({
      rate: 'Deel requests: 4/s (the ceiling)',
      limited: undefined,
      waiting: undefined,
    });
  });

  it('says the console slowed for the shared budget, the recent 429s and a wait in progress', () => {
    const now = 1_000_000;
    expect(
      describePacing(
        { ratePerSecond: 2.85, ceiling: 4, recent429s: 3, waitingUntil: now + 1_200 },
        now,
      ),
    ).toEqual({
      rate: "Deel requests: 2.9/s of 4/s (slowed: the organization's budget is shared)",
      limited: '3 rate-limit answers (429) in the last minute',
      waiting: 'Rate limited, waiting 2 s',
    });
    expect(
      describePacing({ ratePerSecond: 3, ceiling: 4, recent429s: 1, waitingUntil: now - 1 }, now),
    ).toMatchObject({
      limited: '1 rate-limit answer (429) in the last minute',
      waiting: undefined,
    });
  });
});
