/** How many recent answers the estimate is taken from. */
const SAMPLES = 9;
/** Below this the estimate is the header's rounding, not a skew: nothing is corrected. */
export const NEGLIGIBLE_SKEW_MS = 2_000;

/**
 * Deel's clock against this machine's, from the `Date` header of Deel's answers: positive when
 * Deel is ahead. Deel's `expires_at` is on Deel's clock; the countdowns and the expiry notice run
 * on this machine's, so they are corrected by this. The header has whole seconds, so the
 * estimate is good to about half a second, which is all a countdown needs.
 */
export class ClockSkew {
  readonly #samples: number[] = [];

  observe(header: string | null, receivedAt: number): void {
    if (!header) return;
    const server = Date.parse(header);
    if (Number.isNaN(server)) return;
    // The true server time at that moment is in [server, server + 1 s): take the middle.
    this.#samples.push(server + 500 - receivedAt);
    if (this.#samples.length > SAMPLES) this.#samples.shift();
  }

  /**
   * The median of the recent samples in ms (so one odd answer does not move it); 0 before any
   * answer, and 0 when it is within the header's rounding.
   */
  ms(): number {
    if (this.#samples.length === 0) return 0;
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return Math.abs(median) < NEGLIGIBLE_SKEW_MS ? 0 : median;
  }
}
