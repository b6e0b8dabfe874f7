import type { AuditOutcome } from '../../src-shared/audit-vocabulary';
import type {
  HistoryOperator,
  Session,
  TokenHistoryRow,
  TokenHistoryState,
} from '../../src-shared/contract';
import { WORKER_TOKEN_LIFETIME_MS } from './rebuild-from-audit';

/** One audit line as the history reads it (an audit entry has all of these, and more). */
export interface HistoryLine {
  seq: number;
  /** ISO time the line was written. */
  time: string;
  action: string;
  outcome: AuditOutcome;
  workerId?: string;
  requestId?: string;
  detail?: string;
  reason?: string;
  operatorAccount?: string;
  operatorName?: string;
}

/** The session state of the same worker on the same connection, as main holds it now. */
export type HistorySession = Pick<
  Session,
  'workerId' | 'mintedAt' | 'expiresAt' | 'state' | 'stateChangedAt' | 'requestId' | 'pendingCall'
>;

const REVOKES: Readonly<Record<string, TokenHistoryRow['revokedBy']>> = {
  revoke: 'single',
  'bulk-revoke': 'bulk',
  'organization-sweep': 'sweep',
};

/** A success line's detail starts with Deel's expiry (as in rebuild-from-audit). */
const EXPIRES_DETAIL = /^expires (\d{4}-\d\d-\d\dT[\d:.]+Z)(?:;|$)/;
/** Deel replayed an earlier mint for its idempotency key: the same token, not a new one. */
const REPLAYED_DETAIL = /(?:^|; )replayed original request /;
/** A revoke Deel answered with 404 (see SessionService.revoke). */
const HAD_NONE_DETAIL = /^no live token on Deel/;

interface Row {
  out: TokenHistoryRow;
  /** Still held (Deel may hold it): a later mint or revoke ends it. */
  open: boolean;
}

const operatorOf = (line: HistoryLine): HistoryOperator => ({
  ...(line.operatorAccount && { account: line.operatorAccount }),
  ...(line.operatorName && { name: line.operatorName }),
});

function expiryOf(line: HistoryLine): string {
  const stated = line.detail ? EXPIRES_DETAIL.exec(line.detail)?.[1] : undefined;
  if (stated && !Number.isNaN(Date.parse(stated))) return new Date(stated).toISOString();
  return new Date(Date.parse(line.time) + WORKER_TOKEN_LIFETIME_MS).toISOString();
}

/**
 * One worker's tokens as this console knows them, newest first: replays the worker's audit
 * lines of the active connection (oldest first) and ends each token with what came first: a
 * later mint (replaced), a revoke (how, by whom, why), its expiry (shown once past `now`), or
 * a call whose answer never came (outcome unknown). A refused mint created no token: no row.
 *
 * The sessions complete what the log cannot say yet: the worker's last call, whose intent is
 * on disk but whose outcome line is still being written (or was never written), is read from
 * the session state (pending, live, revoked, or gone when Deel refused the mint). A Verify that
 * Deel refused shows as `rejected`. No token value is read or returned.
 */
export function workerTokenHistory(
  workerId: string,
  lines: readonly HistoryLine[],
  sessions: readonly HistorySession[],
  now: number,
): TokenHistoryRow[] {
  const mine = lines.filter((line) => line.workerId === workerId);
  const rows: Row[] = [];
  const openRows = () => rows.filter((row) => row.open);
  /** Ends a row; an outcome-unknown end leaves it open (Deel may still hold it). */
  const end = (
    row: Row,
    line: HistoryLine,
    state: TokenHistoryState,
    extra: Partial<TokenHistoryRow> = {},
  ) => {
    row.open = state === 'outcome-unknown';
    row.out = {
      ...withoutEnd(row.out),
      state,
      endedAt: new Date(line.time).toISOString(),
      endedBy: operatorOf(line),
      ...extra,
    };
  };
  /** The mint or revoke intent still waiting for its outcome line. */
  let waiting: HistoryLine | undefined;
  for (const line of mine) {
    const revokedBy = REVOKES[line.action];
    if (line.action !== 'mint' && revokedBy === undefined) continue;
    if (line.outcome === 'intent') {
      if (waiting) settleUnknown(waiting);
      waiting = line;
      continue;
    }
    const intent = waiting?.action === line.action ? waiting : undefined;
    if (intent) waiting = undefined;
    if (line.action === 'mint') onMint(line, intent);
    else onRevoke(line, intent, revokedBy);
  }
  if (waiting) settleFromSessions(waiting);

  function newRow(line: HistoryLine, mint: 'success' | 'unknown', from = line) {
    const row: Row = {
      open: true,
      out: {
        id: from.seq,
        mintedAt: new Date(line.time).toISOString(),
        mint,
        mintedBy: operatorOf(from),
        ...((line.reason ?? from.reason) && { reason: line.reason ?? from.reason }),
        ...(line.requestId && { requestId: line.requestId }),
        expiresAt: mint === 'success' ? expiryOf(line) : expiryOf({ ...line, detail: undefined }),
        state: mint === 'success' ? 'live' : 'outcome-unknown',
        ...(mint === 'unknown' && { call: 'mint' as const }),
      },
    };
    rows.push(row);
    return row;
  }

  function onMint(line: HistoryLine, intent: HistoryLine | undefined) {
    if (line.outcome === 'failure') return;
    if (line.outcome === 'unknown') {
      // Deel may have minted: whatever it held for the worker may have been replaced.
      for (const row of openRows()) end(row, line, 'outcome-unknown', { call: 'mint' });
      newRow(line, 'unknown', intent);
      return;
    }
    const replayedOf =
      line.detail && REPLAYED_DETAIL.test(line.detail)
        ? [...rows].reverse().find((row) => row.open && row.out.mint === 'unknown')
        : undefined;
    if (replayedOf) {
      // The token that earlier mint created, now known: the same row, live.
      replayedOf.out = {
        ...withoutEnd(replayedOf.out),
        mint: 'success',
        expiresAt: expiryOf(line),
        ...(line.requestId && { requestId: line.requestId }),
        state: 'live',
      };
      for (const row of openRows()) if (row !== replayedOf) end(row, line, 'replaced');
      return;
    }
    for (const row of openRows()) end(row, line, 'replaced');
    newRow(line, 'success', intent);
  }

  function onRevoke(
    line: HistoryLine,
    intent: HistoryLine | undefined,
    revokedBy: TokenHistoryRow['revokedBy'],
  ) {
    if (line.outcome === 'failure') return;
    const reason = line.reason ?? intent?.reason;
    for (const row of openRows()) {
      if (line.outcome === 'unknown') {
        end(row, line, 'outcome-unknown', { call: 'revoke', revokedBy });
        continue;
      }
      end(row, line, 'revoked', {
        revokedBy,
        ...(reason && { endReason: reason }),
        ...(line.detail && HAD_NONE_DETAIL.test(line.detail) && { deelHadNone: true as const }),
      });
    }
  }

  /** An intent another intent followed: its answer never came (the console stopped). */
  function settleUnknown(intent: HistoryLine) {
    if (intent.action === 'mint') onMint({ ...intent, outcome: 'unknown' }, intent);
    else onRevoke({ ...intent, outcome: 'unknown' }, intent, REVOKES[intent.action]);
  }

  /** The last call: its outcome is what the worker's sessions say now. */
  function settleFromSessions(intent: HistoryLine) {
    const theirs = sessions
      .filter((session) => session.workerId === workerId)
      .sort((a, b) => b.mintedAt.localeCompare(a.mintedAt));
    const call = intent.action === 'mint' ? 'mint' : 'revoke';
    const inFlight = theirs.find(
      (session) => session.state === 'pending' || session.pendingCall === call,
    );
    if (inFlight && (inFlight.state === 'pending' || inFlight.state === 'live')) {
      if (call === 'mint') {
        const row = newRow(intent, 'unknown');
        row.out = { ...withoutEnd(row.out), state: 'pending', call };
      } else {
        for (const row of openRows()) row.out = { ...withoutEnd(row.out), state: 'pending', call };
      }
      return;
    }
    if (call === 'mint') {
      // The session this mint made is newer than the worker's previous token line.
      const known = new Set(rows.map((row) => row.out.requestId).filter(Boolean));
      const made = theirs.find(
        (session) =>
          session.mintedAt <= intent.time &&
          !(session.requestId && known.has(session.requestId)) &&
          rows.every((row) => session.mintedAt >= row.out.mintedAt),
      );
      if (!made) return; // Deel refused it: its session is gone, and its failure line is coming.
      if (made.state === 'outcome-unknown') {
        settleUnknown(intent);
        return;
      }
      for (const row of openRows()) end(row, intent, 'replaced');
      const row = newRow(intent, 'success');
      row.out = {
        ...row.out,
        ...(made.requestId && { requestId: made.requestId }),
        ...(made.expiresAt && { expiresAt: made.expiresAt }),
      };
      return;
    }
    const latest = theirs[0];
    if (latest?.state === 'revoked') {
      onRevoke(
        { ...intent, outcome: 'success', time: latest.stateChangedAt },
        intent,
        REVOKES[intent.action],
      );
    } else if (latest?.state === 'outcome-unknown' && latest.pendingCall === 'revoke') {
      settleUnknown(intent);
    }
  }

  // Verify refused (401): Deel no longer accepts a token it may still list as live.
  for (const session of sessions) {
    if (session.workerId !== workerId || session.state !== 'rejected' || !session.requestId)
      continue;
    const row = rows.find((r) => r.open && r.out.requestId === session.requestId);
    if (!row) continue;
    row.open = false;
    row.out = { ...withoutEnd(row.out), state: 'rejected', endedAt: session.stateChangedAt };
  }

  return rows.map((row) => expired(row.out, now)).sort((a, b) => b.id - a.id);
}

function withoutEnd(row: TokenHistoryRow): TokenHistoryRow {
  const ended = new Set<string>(END_FIELDS);
  return Object.fromEntries(
    Object.entries(row).filter(([field]) => !ended.has(field)),
  ) as TokenHistoryRow;
}

const END_FIELDS = ['endedAt', 'endedBy', 'revokedBy', 'endReason', 'deelHadNone', 'call'] as const;

/** Past its expiry, a token that nothing ended earlier is expired (whatever came later). */
function expired(row: TokenHistoryRow, now: number): TokenHistoryRow {
  const expiry = Date.parse(row.expiresAt);
  if (expiry > now) return row;
  if (row.state === 'pending') return row;
  if (row.endedAt && Date.parse(row.endedAt) < expiry && row.state !== 'outcome-unknown')
    return row;
  return { ...withoutEnd(row), state: 'expired', endedAt: row.expiresAt };
}
