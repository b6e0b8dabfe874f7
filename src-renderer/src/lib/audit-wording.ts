import {
  auditActions,
  auditOutcomes,
  type AuditAction,
  type AuditOutcome,
} from '../../../src-shared/audit-vocabulary';
import type { AuditEntry } from '../../../src-shared/contract';
import { environmentLabels, type LabelledOption } from './labels';

/** The Audit screen's words for the log's actions: what an operator would say happened. */
export const auditActionLabels: Readonly<Record<AuditAction, string>> = {
  connect: 'Connected',
  mint: 'Token minted',
  verify: 'Token verified',
  revoke: 'Token revoked',
  'bulk-revoke': 'Token revoked (bulk)',
  'organization-sweep': 'Organization sweep',
  reveal: 'Token revealed',
  copy: 'Token copied',
  'token-replaced': 'Organization token replaced',
  'token-rotated': 'Organization token rotated',
  'token-forgotten': 'Organization token forgotten',
  'profile-switched': 'Profile switched',
  'profile-removed': 'Profile removed',
  'audit-recovered': 'Audit log repaired',
  'token-superseded': 'Token superseded by a new mint',
};

/** The words for an entry's action, given its outcome (an intent is "about to", not done). */
export function auditActionText(action: AuditAction, outcome: AuditOutcome): string {
  if (outcome !== 'intent') return auditActionLabels[action];
  const about: Partial<Record<AuditAction, string>> = {
    mint: 'Mint requested',
    verify: 'Verify requested',
    revoke: 'Revoke requested',
    'bulk-revoke': 'Revoke requested (bulk)',
    'organization-sweep': 'Sweep requested',
  };
  return about[action] ?? auditActionLabels[action];
}

export const auditOutcomeLabels: Readonly<Record<AuditOutcome, string>> = {
  intent: 'Sent to Deel next',
  success: 'Succeeded',
  failure: 'Failed',
  unknown: 'Outcome unknown',
};

/** A mark beside each outcome, so it never rests on colour alone. */
export const auditOutcomeMarks: Readonly<Record<AuditOutcome, string>> = {
  intent: '→',
  success: '✓',
  failure: '✗',
  unknown: '?',
};

/** The filters' choices: the same words as the rows. */
export const auditActionOptions: LabelledOption<AuditAction>[] = auditActions.map((action) => ({
  value: action,
  label: auditActionLabels[action],
}));
export const auditOutcomeOptions: LabelledOption<AuditOutcome>[] = auditOutcomes.map((outcome) => ({
  value: outcome,
  label: auditOutcomeLabels[outcome],
}));

/** An environment as the Connect screen names it; a value it does not know is shown as is. */
export function environmentText(environment: string): string {
  return (environmentLabels as Record<string, string>)[environment] ?? environment;
}

/** Who a row is about: name (or "Name not recorded"), email, and id, each when known. */
export function auditWorker(
  entry: Pick<AuditEntry, 'workerId' | 'workerName' | 'workerEmail'>,
): { name: string; email?: string; id?: string } | undefined {
  if (!entry.workerId && !entry.workerName && !entry.workerEmail) return undefined;
  return {
    name: entry.workerName?.trim() || 'Name not recorded',
    ...(entry.workerEmail && { email: entry.workerEmail }),
    ...(entry.workerId && { id: entry.workerId }),
  };
}

/** What the export status line says: where the file went, or that nothing was saved. */
export function exportedText(
  exported: { saved: boolean; rows: number; fileName?: string; folder?: string },
  scope: 'shown' | 'all',
): string {
  if (!exported.saved) return 'Export cancelled: nothing was saved.';
  const rows = `${exported.rows} ${exported.rows === 1 ? 'row' : 'rows'}`;
  const what = scope === 'shown' ? `${rows} (the entries shown)` : `${rows} (every entry)`;
  const where =
    exported.fileName && exported.folder
      ? ` to ${exported.fileName} in ${exported.folder}`
      : exported.fileName
        ? ` to ${exported.fileName}`
        : '';
  return `Saved ${what}${where}.`;
}

/** Who did it, as a row shows it: "Jane Ops (jdoe)", the account alone, or nothing (older lines). */
export function operatorLabel(entry: Pick<AuditEntry, 'operatorAccount' | 'operatorName'>): string {
  const { operatorAccount: account, operatorName: name } = entry;
  if (name && account) return `${name} (${account})`;
  return name ?? account ?? '';
}
