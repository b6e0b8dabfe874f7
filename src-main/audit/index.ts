export {
  AuditLog,
  AUDIT_FILE_NAME,
  anchorPathOf,
  lockPathOf,
  type AuditIncident,
  type AuditStartup,
  type AnchorStatus,
  REDACTED,
  type AuditHead,
  type AuditLogOptions,
  type AuditPage,
  type AuditQuery,
  type AuditVerifyResult,
} from './audit-log';
export {
  auditActions,
  storedAuditEntrySchema,
  auditOutcomeSchema,
  auditOutcomes,
  GENESIS_HASH,
  type AuditAction,
  type AuditEntry,
  type AuditInput,
  type AuditOutcome,
} from './entry';
export { auditEntriesToCsv, csvCell } from './csv';
export { HeadAnchor, type AnchorKey, type AnchorKeySource } from './head-anchor';
export { AuditLogLockedError } from './writer-lock';
