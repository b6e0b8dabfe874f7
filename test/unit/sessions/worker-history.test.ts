import { describe, expect, it } from 'vitest';
import { contract } from '../../../src-shared/contract';
import {
  workerTokenHistory,
  type HistoryLine,
  type HistorySession,
} from '../../../src-main/sessions/worker-history';

// A worker's token history is replayed from hand-built audit lines (as the sessions service
// writes them: an intent, then its outcome), completed by the sessions for the last call.

const T0 = Date.parse('2026-12-02T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const NOW = T0 + 60 * 60_000;
const W = 'worker-a';
const ANA = { operatorAccount: 'ana', operatorName: 'Ana Ops' };
const BEN = { operatorAccount: 'ben', operatorName: undefined };

let seq = 0;
const line = (
  minutes: number,
  action: string,
  outcome: HistoryLine['outcome'],
  extra: Partial<HistoryLine> = {},
): HistoryLine => ({
  seq: ++seq,
  time: at(minutes),
  action,
  outcome,
  workerId: W,
  ...ANA,
  ...extra,
});
/** A mint as the service writes it: intent, then success with Deel's expiry and request id. */
const minted = (minutes: number, requestId: string, extra: Partial<HistoryLine> = {}) => [
  line(minutes, 'mint', 'intent', { detail: 'request about to be sent', ...extra }),
  line(minutes, 'mint', 'success', {
    detail: `expires ${at(minutes + 24 * 60)}`,
    requestId,
    ...extra,
  }),
];
const revoked = (
  minutes: number,
  action = 'revoke',
  extra: Partial<HistoryLine> = {},
  detail = 'revoked',
) => [
  line(minutes, action, 'intent', { detail: 'request about to be sent', ...extra }),
  line(minutes, action, 'success', { detail, requestId: `del-${minutes}`, ...extra }),
];
const history = (lines: HistoryLine[], sessions: HistorySession[] = [], now = NOW) => {
  const rows = workerTokenHistory(W, lines, sessions, now);
  // Whatever it holds, the answer is what the contract lets main send to the page.
  expect(contract.getWorkerHistory.output.parse(rows)).toEqual(rows);
  return rows;
};
const session = (over: Partial<HistorySession>): HistorySession => ({
  workerId: W,
  mintedAt: at(0),
  expiresAt: null,
  state: 'live',
  stateChangedAt: at(0),
  ...over,
});

describe('workerTokenHistory', () => {
  it('lists a live token with its mint time, operator, reason, request id and expiry', () => {
    expect(history(minted(5, 'req-1', { reason: 'TICKET-1' }))).toEqual([
      {
        id: expect.any(Number),
        mintedAt: at(5),
        mint: 'success',
        mintedBy: { account: 'ana', name: 'Ana Ops' },
        reason: 'TICKET-1',
        requestId: 'req-1',
        expiresAt: at(5 + 24 * 60),
        state: 'live',
      },
    ]);
  });

  it('says an earlier token was replaced by the later mint, newest first', () => {
    const rows = history([...minted(0, 'req-1'), ...minted(10, 'req-2', BEN)]);
    expect(rows.map((row) => [row.requestId, row.state])).toEqual([
      ['req-2', 'live'],
      ['req-1', 'replaced'],
    ]);
    expect(rows[1]).toMatchObject({ endedAt: at(10), endedBy: { account: 'ben' } });
    expect(rows[0]?.mintedBy).toEqual({ account: 'ben' });
  });

  it('says how each token was revoked, by whom, when and why', () => {
    const rows = history([
      ...minted(0, 'req-1'),
      ...revoked(1, 'revoke', { ...BEN, reason: 'left the company' }),
      ...minted(2, 'req-2'),
      ...revoked(3, 'bulk-revoke'),
      ...minted(4, 'req-3'),
      ...revoked(5, 'organization-sweep', { reason: 'INC-7' }),
    ]);
    expect(
      rows.map(({ requestId, state, revokedBy, endedAt, endedBy, endReason }) => ({
        requestId,
        state,
        revokedBy,
        endedAt,
        endedBy,
        endReason,
      })),
    ).toEqual([
      {
        requestId: 'req-3',
        state: 'revoked',
        revokedBy: 'sweep',
        endedAt: at(5),
        endedBy: { account: 'ana', name: 'Ana Ops' },
        endReason: 'INC-7',
      },
      {
        requestId: 'req-2',
        state: 'revoked',
        revokedBy: 'bulk',
        endedAt: at(3),
        endedBy: { account: 'ana', name: 'Ana Ops' },
        endReason: undefined,
      },
      {
        requestId: 'req-1',
        state: 'revoked',
        revokedBy: 'single',
        endedAt: at(1),
        endedBy: { account: 'ben' },
        endReason: 'left the company',
      },
    ]);
  });

  it('notes a revoke Deel answered with 404 (it held none), and a refused revoke changes nothing', () => {
    const [gone] = history([
      ...minted(0, 'req-1'),
      ...revoked(1, 'revoke', {}, 'no live token on Deel (404)'),
    ]);
    expect(gone).toMatchObject({ state: 'revoked', deelHadNone: true });
    const [still] = history([
      ...minted(0, 'req-1'),
      line(1, 'revoke', 'intent'),
      line(1, 'revoke', 'failure', { detail: 'auth (HTTP 401)' }),
    ]);
    expect(still?.state).toBe('live');
    expect(still?.endedAt).toBeUndefined();
  });

  it('shows a token as expired once past its expiry, also when a revoke came only later', () => {
    const day = 24 * 60;
    const later = T0 + 3 * day * 60_000;
    expect(history(minted(0, 'req-1'), [], later)[0]).toMatchObject({
      state: 'expired',
      endedAt: at(day),
    });
    expect(history([...minted(0, 'req-1'), ...revoked(day + 5)], [], later)[0]).toMatchObject({
      state: 'expired',
      endedAt: at(day),
    });
    // Revoked before its expiry: it stays revoked after the expiry has passed.
    expect(history([...minted(0, 'req-1'), ...revoked(5)], [], later)[0]?.state).toBe('revoked');
    // Still before the expiry: live.
    expect(history(minted(0, 'req-1'), [], T0 + (day - 1) * 60_000)[0]?.state).toBe('live');
  });

  it('keeps a mint whose answer never came as outcome unknown, and the earlier token unsure', () => {
    const rows = history([
      ...minted(0, 'req-1'),
      line(5, 'mint', 'intent'),
      line(5, 'mint', 'unknown', { detail: 'outcome-unknown' }),
    ]);
    expect(rows.map((row) => [row.requestId, row.mint, row.state, row.call])).toEqual([
      [undefined, 'unknown', 'outcome-unknown', 'mint'],
      ['req-1', 'success', 'outcome-unknown', 'mint'],
    ]);
    expect(rows[0]?.expiresAt).toBe(at(5 + 24 * 60));
  });

  it('reads an intent that another call followed as a call whose answer never came', () => {
    // The console stopped after the mint's intent; after a restart the operator revoked.
    const rows = history([line(0, 'mint', 'intent'), ...revoked(30)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mint: 'unknown', state: 'revoked', revokedBy: 'single' });
    const [unsure] = history([
      ...minted(0, 'req-1'),
      line(5, 'revoke', 'intent'),
      line(6, 'mint', 'intent'),
      line(6, 'mint', 'failure', { detail: 'validation (HTTP 400)' }),
    ]);
    expect(unsure).toMatchObject({ state: 'outcome-unknown', call: 'revoke', endedAt: at(5) });
  });

  it('lists no row for a mint Deel refused', () => {
    expect(
      history([line(0, 'mint', 'intent'), line(0, 'mint', 'failure', { detail: 'validation' })]),
    ).toEqual([]);
  });

  it('merges a replayed re-mint into the token its earlier, unknown mint created', () => {
    const rows = history([
      line(0, 'mint', 'intent'),
      line(0, 'mint', 'unknown'),
      line(3, 'mint', 'intent'),
      line(3, 'mint', 'success', {
        requestId: 'req-9',
        detail: `expires ${at(24 * 60)}; replayed original request req-0: Deel returned the token`,
      }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      mint: 'success',
      state: 'live',
      requestId: 'req-9',
      mintedAt: at(0),
    });
    expect(rows[0]?.call).toBeUndefined();
  });

  it("ignores other workers' lines and lines that are not about a token's life", () => {
    const rows = history([
      ...minted(0, 'req-1'),
      line(1, 'reveal', 'success'),
      line(2, 'verify', 'failure'),
      line(3, 'token-superseded', 'success'),
      ...revoked(4, 'revoke', { workerId: 'worker-b' }),
    ]);
    expect(rows.map((row) => row.state)).toEqual(['live']);
  });

  describe('the last call, whose outcome line is not written yet', () => {
    it('is pending while its session is', () => {
      const rows = history(
        [...minted(0, 'req-1'), line(5, 'mint', 'intent')],
        [session({ mintedAt: at(5), state: 'pending', pendingCall: 'mint' })],
      );
      expect(rows[0]).toMatchObject({ state: 'pending', call: 'mint', mintedAt: at(5) });
      expect(rows[1]?.state).toBe('live');
    });

    it('is live when its session is: the earlier token was replaced', () => {
      const rows = history(
        [...minted(0, 'req-1'), line(5, 'mint', 'intent', BEN)],
        [
          session({ mintedAt: at(5), requestId: 'req-2', expiresAt: at(5 + 60) }),
          session({ mintedAt: at(0), requestId: 'req-1', state: 'superseded' }),
        ],
      );
      expect(rows.map((row) => [row.requestId, row.state])).toEqual([
        ['req-2', 'live'],
        ['req-1', 'replaced'],
      ]);
      expect(rows[0]).toMatchObject({ expiresAt: at(65), mintedBy: { account: 'ben' } });
    });

    it('adds no row when Deel refused the mint (its session is gone)', () => {
      const rows = history(
        [...minted(0, 'req-1'), line(5, 'mint', 'intent')],
        [session({ mintedAt: at(0), requestId: 'req-1' })],
      );
      expect(rows.map((row) => [row.requestId, row.state])).toEqual([['req-1', 'live']]);
    });

    it('is revoked when the session is, with how and by whom from the intent', () => {
      const rows = history(
        [...minted(0, 'req-1'), line(5, 'bulk-revoke', 'intent', { ...BEN, reason: 'offboard' })],
        [session({ requestId: 'req-1', state: 'revoked', stateChangedAt: at(6) })],
      );
      expect(rows[0]).toMatchObject({
        state: 'revoked',
        revokedBy: 'bulk',
        endedAt: at(6),
        endedBy: { account: 'ben' },
        endReason: 'offboard',
      });
    });

    it('is a pending revoke while the live session waits on it', () => {
      const [row] = history(
        [...minted(0, 'req-1'), line(5, 'revoke', 'intent')],
        [session({ requestId: 'req-1', pendingCall: 'revoke' })],
      );
      expect(row).toMatchObject({ state: 'pending', call: 'revoke' });
    });
  });

  it('shows a token Deel refused on Verify as rejected', () => {
    const [row] = history(minted(0, 'req-1'), [
      session({ requestId: 'req-1', state: 'rejected', stateChangedAt: at(7) }),
    ]);
    expect(row).toMatchObject({ state: 'rejected', endedAt: at(7) });
  });
});
