import type { TokenUnavailableReason } from '../../../src-shared/contract';

/** Why the panel cannot reveal, copy or verify a live token: the true reason, from main's field. */
export function unavailableSentence(reason: TokenUnavailableReason | undefined): string {
  const why =
    reason === 'token-forgotten'
      ? 'the organization token was forgotten after this token was minted'
      : reason === 'connection-switched'
        ? 'the console connected again (another connection, or a new token) after this token was minted'
        : 'the console was restarted after this token was minted';
  return `The token value is not in this console's memory (it keeps values in memory only, and ${why}). It is still live on Deel until it expires or is revoked. Mint a new one to reveal, copy or verify.`;
}

/** The Forget dialog's warning: worker tokens Deel may still hold (live or outcome unknown). */
export function stillLiveWarning(count: number): string | undefined {
  if (count <= 0) return undefined;
  return count === 1
    ? '1 worker token is still live on Deel.'
    : `${count} worker tokens are still live on Deel.`;
}

/** Why forgetting the org token does not end them, and what "Revoke them first" does. */
export const FORGET_LIVE_EXPLAINED =
  'Forgetting the organization token does not revoke them: each keeps working until it expires (24 h after its mint) or is revoked, and without the organization token this console can no longer revoke it. Revoke them first opens Live tokens with them selected.';

/** A worker as one label: name, and email when known, so namesakes can be told apart. */
export function workerLabel(worker: { workerName: string; workerEmail?: string | null }): string {
  const name = worker.workerName.trim() || 'Unnamed worker';
  return worker.workerEmail ? `${name} (${worker.workerEmail})` : name;
}

/** What the Live tokens list's state column says (text, never colour alone). */
export function liveStateLabel(state: 'live' | 'outcome-unknown'): string {
  return state === 'live' ? 'Live' : 'Outcome unknown';
}

/** The count line above the Live tokens list. */
export function liveCountLine(total: number, unknown: number, shown: number): string {
  const tokens = `${total} ${total === 1 ? 'token' : 'tokens'} Deel may hold`;
  const flagged = unknown > 0 ? ` (${unknown} outcome unknown)` : '';
  const filtered = shown < total ? `; ${shown} shown` : '';
  return `${tokens}${flagged}, soonest expiry first${filtered}.`;
}
