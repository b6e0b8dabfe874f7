/**
 * The audit log's actions and outcomes. Dependency-free, like channels.ts, so the renderer can
 * offer them as filter choices without bundling zod; contract.ts builds its schemas from them.
 */
/** What an operator does with worker tokens (the sessions service audits these). */
export const workerTokenActions = [
  'mint',
  'verify',
  'revoke',
  'bulk-revoke',
  /** "Sweep the organization": a DELETE for every EOR worker, tokens minted elsewhere included. */
  'organization-sweep',
  /** A worker token shown on screen or copied: reading a secret is an event, as in Vault. */
  'reveal',
  'copy',
] as const;

export const auditActions = [
  'connect',
  ...workerTokenActions,
  'token-replaced',
  /** The organization token was replaced by a new one of the same organization (a rotation). */
  'token-rotated',
  'token-forgotten',
  /** Something happened to the log itself: a torn line set aside, entries found missing. */
  'audit-recovered',
  /**
   * A mint replaced a worker's earlier token (Deel keeps one per worker): the earlier token's
   * own line, so what happened to it can be found by filtering, not only read in a mint's detail.
   */
  'token-superseded',
  /** The operator switched connection profile (which organization the console acts on). */
  'profile-switched',
  /** A saved connection profile and its organization token were removed. */
  'profile-removed',
] as const;

/** `unknown`: Deel may or may not have acted (e.g. a mint whose answer never came). */
export const auditOutcomes = ['intent', 'success', 'failure', 'unknown'] as const;

export type AuditAction = (typeof auditActions)[number];
export type WorkerTokenAction = (typeof workerTokenActions)[number];
/** What the sessions service writes: its calls, and a token a mint superseded. */
export type SessionAuditAction = WorkerTokenAction | 'token-superseded';
export type AuditOutcome = (typeof auditOutcomes)[number];
