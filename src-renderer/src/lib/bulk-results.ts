import type { ConnectionStatus, RevokeResult } from '../../../src-shared/contract';

/** How a bulk run's items ended, counted: what the summary line says. */
export interface BulkCounts {
  revoked: number;
  noLiveToken: number;
  failed: number;
  notSent: number;
  /** No answer yet (the run is still going). */
  pending: number;
}

export function countResults(
  targets: readonly { workerId: string }[],
  results: Readonly<Record<string, RevokeResult>>,
): BulkCounts {
  const counts: BulkCounts = { revoked: 0, noLiveToken: 0, failed: 0, notSent: 0, pending: 0 };
  for (const { workerId } of targets) {
    const outcome = results[workerId]?.outcome;
    if (outcome === 'revoked') counts.revoked++;
    else if (outcome === 'no-live-token') counts.noLiveToken++;
    else if (outcome === 'failed') counts.failed++;
    else if (outcome === 'not-sent') counts.notSent++;
    else counts.pending++;
  }
  return counts;
}

/** The end of a bulk run in one line, e.g. "2 revoked, 1 no live token, 1 failed, 0 not sent." */
export function summaryLine(counts: BulkCounts): string {
  const parts = [
    `${counts.revoked} revoked`,
    `${counts.noLiveToken} no live token`,
    `${counts.failed} failed`,
    `${counts.notSent} not sent`,
  ];
  if (counts.pending > 0) parts.push(`${counts.pending} without an answer`);
  return `${parts.join(', ')}.`;
}

/** The targets whose revoke failed, in order: what "Retry failed" sends again. */
export function failedTargets<T extends { workerId: string }>(
  targets: readonly T[],
  results: Readonly<Record<string, RevokeResult>>,
): T[] {
  return targets.filter((t) => results[t.workerId]?.outcome === 'failed');
}

/**
 * Which organization and host results belong to: a connection with another key shows none of
 * them (the same organization reconnected keeps its key).
 */
export function connectionKeyOf(status: ConnectionStatus | undefined): string {
  if (!status) return 'unknown';
  return [
    status.mode,
    status.environment ?? '',
    status.baseUrl ?? '',
    status.organization?.id ?? '',
  ].join('|');
}
