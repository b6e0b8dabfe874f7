import type { AuditEntry } from './entry';

/**
 * RFC 4180 CSV that is also safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`,
 * `@` (or a tab / carriage return, which some spreadsheets skip before evaluating) is prefixed
 * with `'`, so a worker name such as `=HYPERLINK(...)` is shown as text, never run as a formula.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== text.trim()) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

export const auditCsvColumns = [
  'seq',
  'time',
  'action',
  'environment',
  'organization',
  'workerId',
  'workerName',
  'outcome',
  'requestId',
  'detail',
  'prevHash',
  'hash',
  // Added after the first release: last, so a script reading columns by position still works.
  'workerEmail',
  'operatorAccount',
  'operatorName',
  'reason',
  'consent',
] as const satisfies readonly (keyof AuditEntry)[];

/** CRLF line endings (RFC 4180); a UTF-8 BOM so spreadsheets read accented names correctly. */
export function auditEntriesToCsv(entries: Iterable<AuditEntry>): string {
  const lines = [auditCsvColumns.join(',')];
  for (const entry of entries) {
    lines.push(auditCsvColumns.map((column) => csvCell(entry[column])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
