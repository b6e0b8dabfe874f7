/**
 * Deel's documented `Idempotency-Key` behaviour (../shared/deel-api.md, "Idempotency and request
 * ids"), for the endpoints that honour it:
 * - a key is at most 64 characters (longer: 400);
 * - a 2xx answer is cached for 24 h per (token, key) and replayed for the same key, with an
 *   `x-original-request-id` header naming the request that produced it (the replay has its own,
 *   fresh `x-request-id`);
 * - 4xx and 5xx answers are not cached: the same key may be sent again and is processed anew;
 * - while a request with a key is being processed, a second one with the same key gets 429 with
 *   `Retry-After` (so not every 429 is the rate limit).
 * Deel documents no check that a reused key comes with the same body; the simulator does none.
 */
import type { ApiResponse } from './context.js';

export const IDEMPOTENCY_KEY_MAX_LENGTH = 64;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Retry-After, in seconds, of the 429 a concurrent reuse of a key gets. */
export const IDEMPOTENCY_CONFLICT_RETRY_AFTER_S = 1;

interface Cached {
  response: ApiResponse;
  /** The `x-request-id` of the request whose answer this is. */
  requestId: string;
  storedAt: number;
}

/** What to do with a request that carries a key. */
export type IdempotencyDecision =
  | { kind: 'replay'; response: ApiResponse }
  | { kind: 'in-flight' }
  | {
      kind: 'process';
      /** The answer (cached when 2xx) and the request id it went out under; none: it failed. */
      done: (response: ApiResponse | undefined, requestId: string) => void;
    };

export class IdempotencyStore {
  private readonly answers = new Map<string, Cached>();
  private readonly inFlight = new Set<string>();

  /**
   * Looks the key up for `scope` (the caller's token): a cached answer to replay, a request
   * with the same key still being processed, or go ahead. After `process`, call `done` exactly
   * once.
   */
  begin(scope: string, key: string, now: number): IdempotencyDecision {
    const id = `${scope}\u0000${key}`;
    const cached = this.answers.get(id);
    if (cached && now - cached.storedAt < IDEMPOTENCY_TTL_MS) {
      return {
        kind: 'replay',
        response: {
          ...cached.response,
          headers: { ...cached.response.headers, 'x-original-request-id': cached.requestId },
        },
      };
    }
    if (cached) this.answers.delete(id);
    if (this.inFlight.has(id)) return { kind: 'in-flight' };
    this.inFlight.add(id);
    let finished = false;
    return {
      kind: 'process',
      done: (response, requestId) => {
        if (finished) return;
        finished = true;
        this.inFlight.delete(id);
        if (response && response.status >= 200 && response.status < 300) {
          this.answers.set(id, { response, requestId, storedAt: now });
        }
      },
    };
  }

  /** Answers cached and not yet expired (for tests and the state route). */
  size(now: number): number {
    let n = 0;
    for (const cached of this.answers.values()) if (now - cached.storedAt < IDEMPOTENCY_TTL_MS) n++;
    return n;
  }
}
