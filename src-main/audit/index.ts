export {
  AuditLog,
  AUDIT_FILE_NAME,
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
