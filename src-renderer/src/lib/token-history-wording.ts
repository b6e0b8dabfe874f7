import type {
  HistoryOperator,
  Session,
  TokenHistoryRow,
  TokenHistoryState,
} from '../../../src-shared/contract';
import { formatDateTime, type TimeZoneSetting } from './date-time';

/** The short state word of each row (its badge). */
export const historyStateLabels: Readonly<Record<TokenHistoryState, string>> = {
  live: 'Live',
  replaced: 'Replaced',
  revoked: 'Revoked',
  expired: 'Expired',
  'outcome-unknown': 'Outcome unknown',
  rejected: 'Rejected by Deel',
  pending: 'In progress',
};

const revokeWays: Readonly<Record<NonNullable<TokenHistoryRow['revokedBy']>, string>> = {
  single: 'from the worker panel',
  bulk: 'in a bulk revoke',
  sweep: 'by the organization sweep',
};

/** "Ana Ops (ana)", "ana", or, for lines written before operators were recorded, none. */
export function operatorLabel(operator: HistoryOperator | undefined): string | undefined {
  if (!operator) return undefined;
  const { name, account } = operator;
  if (name && account) return `${name} (${account})`;
  return name ?? account;
}

const by = (operator: HistoryOperator | undefined) => {
  const label = operatorLabel(operator);
  return label ? ` by ${label}` : '';
};

export interface HistoryRowView {
  key: number;
  state: TokenHistoryState;
  label: string;
  /** "Minted 2026-12-02 14:03:27 UTC by Ana Ops (ana)". */
  minted: string;
  reason?: string;
  requestId?: string;
  /** What became of it, in a sentence. */
  end: string;
  endReason?: string;
}

/** One row as the panel shows it: every time in the Settings zone. */
export function historyRowView(row: TokenHistoryRow, zone: TimeZoneSetting): HistoryRowView {
  const time = (iso: string) => formatDateTime(iso, zone);
  const minted =
    row.mint === 'unknown'
      ? `Mint sent ${time(row.mintedAt)}${by(row.mintedBy)}; Deel's answer never came`
      : `Minted ${time(row.mintedAt)}${by(row.mintedBy)}`;
  return {
    key: row.id,
    state: row.state,
    label: historyStateLabels[row.state],
    minted,
    ...(row.reason && { reason: row.reason }),
    ...(row.requestId && { requestId: row.requestId }),
    end: endSentence(row, time),
    ...(row.endReason && { endReason: row.endReason }),
  };
}

function endSentence(row: TokenHistoryRow, time: (iso: string) => string): string {
  const at = row.endedAt ? time(row.endedAt) : '';
  switch (row.state) {
    case 'live':
      return `Live until ${time(row.expiresAt)}.`;
    case 'replaced':
      return `Replaced by a new mint at ${at}${by(row.endedBy)}.`;
    case 'revoked': {
      const how = row.revokedBy ? ` ${revokeWays[row.revokedBy]}` : '';
      const none = row.deelHadNone ? ' Deel answered that it held no live token.' : '';
      return `Revoked at ${at}${by(row.endedBy)}${how}.${none}`;
    }
    case 'expired':
      return `Expired at ${at}.`;
    case 'rejected':
      return `Deel refused it on Verify at ${at}: it no longer accepts this token.`;
    case 'pending':
      return row.call === 'revoke' ? 'A revoke is on its way.' : 'The mint is on its way.';
    case 'outcome-unknown':
      return row.call === 'revoke'
        ? `A revoke was sent at ${at}${by(row.endedBy)} and its answer never came: the token may still be live until ${time(row.expiresAt)}.`
        : !row.endedAt
          ? `Deel may or may not have created it; if it did, it is live until ${time(row.expiresAt)}.`
          : `A later mint at ${at}${by(row.endedBy)} had no answer: this token may have been replaced.`;
  }
}

/** The panel's rows, newest first. */
export function historyView(rows: readonly TokenHistoryRow[], zone: TimeZoneSetting) {
  return [...rows]
    .sort((a, b) => b.mintedAt.localeCompare(a.mintedAt) || b.id - a.id)
    .map((row) => historyRowView(row, zone));
}

/**
 * What of a worker's sessions the history depends on: when it changes, the history is read
 * again (a `sessionsChanged` about other workers changes nothing here).
 */
export function sessionsSignature(sessions: readonly Session[], workerId: string): string {
  return sessions
    .filter((session) => session.workerId === workerId)
    .map((s) => `${s.id}:${s.state}:${s.stateChangedAt}:${s.pendingCall ?? ''}`)
    .sort()
    .join('|');
}
