/** Deel allows 5 requests per second per organization, shared with its other integrations. */
export const DEFAULT_REQUESTS_PER_SECOND = 4;

/** What the pacing is doing now: the status bar shows it. */
export interface PacingState {
  /** The rate requests are spaced at now (requests per second). */
  ratePerSecond: number;
  /** The configured ceiling. */
  ceiling: number;
  /** 429s seen in the last minute. */
  recent429s: number;
  /** Epoch ms until which every request waits (a 429's Retry-After), if in the future. */
  waitingUntil?: number;
}

/** Grants one request slot at a time; every attempt (retries too) takes one. */
export interface RequestLimiter {
  /** The ceiling: the configured rate, never exceeded. */
  readonly perSecond: number;
  acquire(): Promise<void>;
  /**
   * Holds every slot for `ms`. A 429 means the organization's budget is spent, possibly by its
   * other integrations: every call of the console waits, not just the one that was refused.
   */
  pauseFor(ms: number): void;
  /** A 429: cut the rate and wait `waitMs` (Retry-After, or a second). */
  rateLimited(waitMs: number): void;
  /** Any other answer: the budget had room, so the rate recovers a little. */
  answered(): void;
  state(): PacingState;
  /** Told (at most a few times a second) when the state changes; returns the unsubscribe. */
  onChange(listener: (state: PacingState) => void): () => void;
}

/** How the rate adapts; the defaults are tuned against the simulator's 5/s rolling window. */
export interface PacingTuning {
  /** Multiplicative cut on a 429 (0.75: a quarter less). */
  cut: number;
  /** Never slower than this: a refused request costs the others nothing, so a storm is retried once a second. */
  floor: number;
  /** Recovery below the plateau, in requests per second gained per second of success. */
  fastRecovery: number;
  /** Recovery above it (probing for room that other integrations may have freed). */
  slowRecovery: number;
  /** After a 429 the rate holds at this share of the rate that was refused... */
  plateau: number;
  /** ...for this long, before probing above it. */
  holdMs: number;
  /** 429s within this long of a cut are one event (requests already in flight). */
  coalesceMs: number;
}

export const DEFAULT_TUNING: PacingTuning = {
  cut: 0.75,
  floor: 1,
  fastRecovery: 1,
  slowRecovery: 0.05,
  plateau: 0.93,
  holdMs: 30_000,
  coalesceMs: 1_000,
};

/**
 * Adaptive pacing for the organization's shared budget (additive increase, multiplicative
 * decrease, as TCP does for a shared link). Requests are spaced evenly at the current rate
 * (never bursts: a burst at the end of one second and one at the start of the next land in
 * the same rolling second at Deel). A 429 cuts the rate, pauses every request for Retry-After,
 * and remembers the rate that was refused: the rate comes back quickly to just under it, holds
 * there, and only then probes slowly above it. So the console settles into the share the other
 * integrations leave it, instead of taking theirs, and grows back to the ceiling when they stop.
 *
 * Hand-written: p-throttle and similar limiters fix their rate at creation.
 */
export function createRequestLimiter(
  perSecond = DEFAULT_REQUESTS_PER_SECOND,
  options: { tuning?: Partial<PacingTuning>; now?: () => number } = {},
): RequestLimiter {
  if (!Number.isFinite(perSecond) || perSecond <= 0) {
    throw new RangeError('The request rate must be a positive number of requests per second.');
  }
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const now = options.now ?? Date.now;
  const floor = Math.min(tuning.floor, perSecond);
  let rate = perSecond;
  /** The rate a 429 last refused, and when: the plateau is just under it. */
  let refused: { rate: number; at: number } | undefined;
  let lastCutAt: number | undefined;
  /** 429s since the last answer that got through: one congestion episode. */
  let episodeOpen = false;
  let nextAt = 0;
  let resumeAt = 0;
  let lastAnswerAt: number | undefined;
  const recent: number[] = [];
  let tail: Promise<void> = Promise.resolve();
  const listeners = new Set<(state: PacingState) => void>();
  let notifyTimer: ReturnType<typeof setTimeout> | undefined;

  const state = (): PacingState => {
    const t = now();
    while (recent.length > 0 && (recent[0] ?? 0) <= t - 60_000) recent.shift();
    return {
      ratePerSecond: Math.round(rate * 100) / 100,
      ceiling: perSecond,
      recent429s: recent.length,
      ...(resumeAt > t && { waitingUntil: resumeAt }),
    };
  };
  const changed = () => {
    if (listeners.size === 0 || notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      const current = state();
      for (const listener of listeners) listener(current);
    }, 250);
    notifyTimer.unref?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      setTimeout(resolve, Math.max(1, ms));
    });

  return {
    perSecond,
    acquire() {
      const turn = tail.then(async () => {
        for (let at = Math.max(nextAt, resumeAt); at > now(); at = Math.max(nextAt, resumeAt)) {
          await sleep(at - now());
        }
        nextAt = now() + 1000 / rate;
      });
      tail = turn.catch(() => undefined);
      return turn;
    },
    pauseFor(ms) {
      if (Number.isFinite(ms) && ms > 0) {
        resumeAt = Math.max(resumeAt, now() + ms);
        changed();
      }
    },
    rateLimited(waitMs) {
      const t = now();
      recent.push(t);
      this.pauseFor(waitMs);
      // Requests already in flight when the budget ran out are refused together: one event.
      if (lastCutAt !== undefined && t - lastCutAt < tuning.coalesceMs) return;
      lastCutAt = t;
      // The plateau is the rate at the first 429 since an answer got through: a storm of 429s
      // (the whole budget taken for a while) cuts the rate but does not lower the plateau, so
      // the console comes back to its share quickly when the storm ends.
      refused = episodeOpen && refused ? { rate: refused.rate, at: t } : { rate, at: t };
      episodeOpen = true;
      rate = Math.max(floor, rate * tuning.cut);
      lastAnswerAt = undefined;
      changed();
    },
    answered() {
      episodeOpen = false;
      const t = now();
      const since = lastAnswerAt === undefined ? 0 : Math.min(t - lastAnswerAt, 1000);
      lastAnswerAt = t;
      if (rate >= perSecond || since <= 0) return;
      const plateau = refused ? refused.rate * tuning.plateau : perSecond;
      const holding = refused !== undefined && t - refused.at < tuning.holdMs;
      const gain = (since / 1000) * (rate < plateau ? tuning.fastRecovery : tuning.slowRecovery);
      const cap = holding ? Math.max(rate, plateau) : perSecond;
      rate = Math.min(cap, perSecond, rate + gain);
      changed();
    },
    state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const shared = new Map<string, RequestLimiter>();

/**
 * One limiter per organization, shared by every client and token of it (the org token and its
 * worker tokens count against the same Deel limit). The console holds one organization per
 * Deel host, so the host's origin is the key. Asking with a new ceiling replaces the limiter.
 */
export function sharedLimiter(
  key: string,
  perSecond = DEFAULT_REQUESTS_PER_SECOND,
): RequestLimiter {
  const existing = shared.get(key);
  if (existing && existing.perSecond === perSecond) return existing;
  const limiter = createRequestLimiter(perSecond);
  shared.set(key, limiter);
  return limiter;
}
