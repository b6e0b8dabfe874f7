/**
 * Fault injection knobs, settable at start, through `setFaults()` or the loopback control route.
 * Random decisions use a seeded PRNG so a run with the same seed and call order is repeatable.
 */
import { z } from 'zod';
import { mulberry32 } from './prng.js';

export interface Faults {
  /** Added before every API answer: `fixedMs + random(0..jitterMs)`. */
  latency: { fixedMs: number; jitterMs: number };
  /** Share (0..1) of authenticated API requests answered with a 500. */
  errorRate: number;
  /** 429 for the next N API requests (a number), or until cleared (`true`); `false`/0 clears. */
  rateLimitStorm: number | boolean;
  /** Share (0..1) of API requests whose connection is destroyed without an answer. */
  dropRate: number;
  /**
   * people.yml documents `GET /people/me` as a flat object; some clients parse `{data:{...}}`.
   * `true` wraps the profile in `data` (the same as `peopleMeShape: 'data'`; kept for callers
   * that set it).
   */
  peopleMeEnvelope: boolean;
  /**
   * Which of the three `/people/me` shapes deel-api.md lists is answered: `flat` (people.yml,
   * default), `data` (`{data:{...}}`), or `emails` (flat, with `emails:[{type,value}]` instead
   * of `email`).
   */
  peopleMeShape: 'flat' | 'data' | 'emails';
  /**
   * `true`: `/people/me` with a worker token answers another worker's profile (the next one in
   * the organization), so a Verify that compares identities has something to catch.
   */
  peopleMeMismatch: boolean;
  /**
   * The organization token's "sensitive data" toggles off (deel-api.md): `/people` and
   * `/people/{id}` answer names and emails as null. Ids, statuses and the rest stay.
   */
  hideSensitiveData: boolean;
  /** Deel requires the worker-token feature to be enabled for the org: `true` answers 403. */
  workerTokensDisabled: boolean;
  /**
   * deel-api.md: `GET /contracts` `total_rows` "is known to be wrong when filters are passed".
   * `true` (default) mimics that by reporting the unfiltered total when filters are given.
   */
  contractsTotalRowsIgnoresFilters: boolean;
  /**
   * Deel documents `Idempotency-Key` for POST but not whether `/workers/session` honours it.
   * `false` (default): the mint honours keys as documented (replay, concurrent-reuse 429);
   * `true`: the other reading, the mint ignores keys and every request mints anew.
   */
  ignoreIdempotencyKeys: boolean;
  /**
   * The mint's body field for the profile: the OpenAPI's `profile_id` (default) or one guide's
   * `hris_profile_id`. The other spelling is refused with a 400 naming the field.
   */
  profileIdField: 'profile_id' | 'hris_profile_id';
  /**
   * How long a mint takes inside Deel, after the request passed the limiter and auth: the
   * window in which a second request with the same key is "concurrent", and in which a client
   * with a shorter timeout gives up while the mint still happens.
   */
  mintLatencyMs: number;
}

export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
  latency: Object.freeze({ fixedMs: 0, jitterMs: 0 }),
  errorRate: 0,
  rateLimitStorm: false,
  dropRate: 0,
  peopleMeEnvelope: false,
  peopleMeShape: 'flat',
  peopleMeMismatch: false,
  hideSensitiveData: false,
  workerTokensDisabled: false,
  contractsTotalRowsIgnoresFilters: true,
  ignoreIdempotencyKeys: false,
  profileIdField: 'profile_id',
  mintLatencyMs: 0,
});

const rate = z.number().min(0).max(1);

/** Schema for a partial fault update (control route body, `setFaults` argument). */
export const FaultsPatchSchema = z
  .object({
    latency: z
      .object({
        fixedMs: z.number().int().min(0).max(60_000),
        jitterMs: z.number().int().min(0).max(60_000),
      })
      .partial(),
    errorRate: rate,
    rateLimitStorm: z.union([z.boolean(), z.number().int().min(0)]),
    dropRate: rate,
    peopleMeEnvelope: z.boolean(),
    peopleMeShape: z.enum(['flat', 'data', 'emails']),
    peopleMeMismatch: z.boolean(),
    hideSensitiveData: z.boolean(),
    workerTokensDisabled: z.boolean(),
    contractsTotalRowsIgnoresFilters: z.boolean(),
    ignoreIdempotencyKeys: z.boolean(),
    profileIdField: z.enum(['profile_id', 'hris_profile_id']),
    mintLatencyMs: z.number().int().min(0).max(60_000),
  })
  .partial()
  .strict();

export type FaultsPatch = Omit<Partial<Faults>, 'latency'> & {
  latency?: Partial<Faults['latency']>;
};

export class FaultState {
  private current: Faults;
  private readonly random: () => number;

  constructor(initial: FaultsPatch | undefined, seed: number) {
    this.current = { ...DEFAULT_FAULTS, latency: { ...DEFAULT_FAULTS.latency } };
    this.random = mulberry32((seed ^ 0x5eed_fa17) >>> 0);
    if (initial) this.apply(initial);
  }

  get(): Faults {
    return { ...this.current, latency: { ...this.current.latency } };
  }

  /** Validates and merges a patch; throws a readable error for invalid values. */
  apply(patch: FaultsPatch): Faults {
    const parsed = FaultsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new RangeError(
        `invalid faults: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    }
    const p = parsed.data;
    this.current = {
      ...this.current,
      ...p,
      latency: { ...this.current.latency, ...p.latency },
    };
    if (this.current.rateLimitStorm === 0) this.current.rateLimitStorm = false;
    return this.get();
  }

  latencyMs(): number {
    const { fixedMs, jitterMs } = this.current.latency;
    return fixedMs + (jitterMs > 0 ? Math.floor(this.random() * (jitterMs + 1)) : 0);
  }

  shouldDrop(): boolean {
    return this.current.dropRate > 0 && this.random() < this.current.dropRate;
  }

  shouldFail(): boolean {
    return this.current.errorRate > 0 && this.random() < this.current.errorRate;
  }

  /** Consumes one storm request; true when this request must get a 429. */
  takeStorm(): boolean {
    const storm = this.current.rateLimitStorm;
    if (storm === true) return true;
    if (typeof storm === 'number' && storm > 0) {
      this.current.rateLimitStorm = storm - 1 > 0 ? storm - 1 : false;
      return true;
    }
    return false;
  }
}
