import type {
  AuditOutcome,
  SessionAuditAction,
  WorkerTokenAction,
} from '../../src-shared/audit-vocabulary';
/** What the session service needs from the outside world; adapters live elsewhere. */

export interface MintAnswer {
  token: string;
  expiresAt: string;
  requestId?: string;
  originalRequestId?: string;
  /** The body field Deel accepted, when the client knows (`hris_profile_id`: a drifted one). */
  profileIdField?: string;
}

export interface WorkerTokenApi {
  /**
   * POST /workers/session with `idempotencyKey` as its `Idempotency-Key` (on every attempt).
   * Retried only when nothing was minted (a 429, a connection refused); an ambiguous failure is
   * an `outcome-unknown` error. `originalRequestId`: Deel replayed an earlier mint with the
   * same key, and this is the token that mint created.
   */
  createWorkerSession(profileId: string, options: { idempotencyKey: string }): Promise<MintAnswer>;
  /** DELETE /workers/{id}/session. A 404 is a not-found DeelApiError: no live token on Deel. */
  deleteWorkerSession(workerId: string): Promise<{ requestId?: string }>;
  /** GET /people/me with the worker token: whose token it is (any of Deel's three shapes). */
  getMe(workerToken: string): Promise<MeAnswer>;
}

/** `GET /people/me` as the client read it; the optional fields are null or absent when unsaid. */
export interface MeAnswer {
  /** people.yml's numeric profile id: the person's `worker_id` in `/people`. */
  id: string;
  name: string;
  email: string | null;
  /** Every email the answer names (`email`, or the `emails[]` list). */
  emails?: readonly string[];
  organizationName?: string | null;
  hrisOrganizationUserId?: string | null;
  /** Deel's `x-request-id` of the answer. */
  requestId?: string;
}

/** The system clipboard (asynchronous in Electron 45, like the W3C API). */
export interface Clipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

export interface Timers {
  now(): number;
  /** Schedules `fn` once; the returned function cancels it. Timers never keep the process alive. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    handle.unref();
    return () => clearTimeout(handle);
  },
};

export interface AuditRecord {
  action: SessionAuditAction;
  workerId?: string;
  workerName?: string;
  /** The worker's email; when absent the audit sink fills it from what main listed. */
  workerEmail?: string;
  /** `unknown`: Deel may or may not have acted (e.g. a mint whose answer never came). */
  outcome: AuditOutcome;
  requestId?: string;
  detail?: string;
  /** The operator's reason or ticket reference. */
  reason?: string;
  /** The consent wording the operator confirmed (a mint). */
  consent?: string;
}

/** Appends one audit entry; resolves once it is flushed to disk. */
export type AuditSink = (record: AuditRecord) => Promise<void>;

/** One audit line about a worker token, as the sessions service reads its history back. */
export interface AuditedCall {
  action: WorkerTokenAction | string;
  outcome: AuditOutcome;
  workerId?: string;
  workerName?: string;
  /** ISO time the line was written. */
  time: string;
  requestId?: string;
  detail?: string;
}

/**
 * This connection's audit lines since `since`, oldest first: what the sessions service rebuilds
 * a lost sessions file from.
 */
export type AuditHistory = (since: Date) => Promise<AuditedCall[]>;
