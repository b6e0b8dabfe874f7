import type { Pacing } from '../../../src-shared/contract';

/** The status bar's words for the pacing: the rate, recent 429s, and a wait in progress. */
export function describePacing(
  pacing: Pacing,
  now: number,
): { rate: string; limited: string | undefined; waiting: string | undefined } {
  const rate =
    pacing.ratePerSecond >= pacing.ceiling
      ? `Deel requests: ${format(pacing.ceiling)}/s (the ceiling)`
      : `Deel requests: ${format(pacing.ratePerSecond)}/s of ${format(pacing.ceiling)}/s (slowed: the organization's budget is shared)`;
  const limited =
    pacing.recent429s > 0
      ? `${pacing.recent429s} rate-limit answer${pacing.recent429s === 1 ? '' : 's'} (429) in the last minute`
      : undefined;
  const left =
    pacing.waitingUntil === undefined ? 0 : Math.ceil((pacing.waitingUntil - now) / 1000);
  // Sentence case, as every other status line ("Rate limited, retrying…").
  const waiting = left > 0 ? `Rate limited, waiting ${left} s` : undefined;
  return { rate, limited, waiting };
}

function format(rate: number): string {
  return rate >= 10 || Number.isInteger(rate) ? String(Math.round(rate)) : rate.toFixed(1);
}
