/**
 * The audit log's actions and outcomes. Dependency-free, like channels.ts, so the renderer can
 * offer them as filter choices without bundling zod; contract.ts builds its schemas from them.
 */
export const auditActions = [
  'connect',
  'mint',
  'verify',
  'revoke',
  'bulk-revoke',
  'token-replaced',
  'token-forgotten',
] as const;

/** `unknown`: Deel may or may not have acted (e.g. a mint whose answer never came). */
export const auditOutcomes = ['success', 'failure', 'unknown'] as const;

export type AuditAction = (typeof auditActions)[number];
export type AuditOutcome = (typeof auditOutcomes)[number];
