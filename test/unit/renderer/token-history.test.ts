import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, TokenHistoryRow } from '../../../src-shared/contract';
import {
  historyView,
  operatorLabel,
  sessionsSignature,
} from '../../../src-renderer/src/lib/token-history-wording';
import { installFakeApi, uninstallFakeApi } from './fake-api';

const row = (over: Partial<TokenHistoryRow>): TokenHistoryRow => ({
  id: 1,
  mintedAt: '2026-12-02T08:00:00.000Z',
  mint: 'success',
  mintedBy: { account: 'ana', name: 'Ana Ops' },
  expiresAt: '2026-12-03T08:00:00.000Z',
  state: 'live',
  ...over,
});

describe('token history wording', () => {
  it('names the operator by display name and account, either alone, or not at all', () => {
    expect(operatorLabel({ account: 'ana', name: 'Ana Ops' })).toBe('Ana Ops (ana)');
    expect(operatorLabel({ account: 'ana' })).toBe('ana');
    expect(operatorLabel({})).toBeUndefined();
  });

  it('lists newest first with times in the Settings zone and each end in words', () => {
    const view = historyView(
      [
        row({
          id: 1,
          state: 'revoked',
          endedAt: '2026-12-02T09:30:00.000Z',
          endedBy: { account: 'ben' },
          revokedBy: 'bulk',
          endReason: 'offboarding',
          deelHadNone: true,
        }),
        row({ id: 5, mintedAt: '2026-12-02T10:00:00.000Z', reason: 'TICKET-9', requestId: 'r-5' }),
      ],
      'utc',
    );
    expect(view.map((v) => v.label)).toEqual(['Live', 'Revoked']);
    expect(view[0]).toMatchObject({
      minted: 'Minted 2026-12-02 10:00:00 UTC by Ana Ops (ana)',
      reason: 'TICKET-9',
      requestId: 'r-5',
      end: 'Live until 2026-12-03 08:00:00 UTC.',
    });
    expect(view[1]?.end).toBe(
      'Revoked at 2026-12-02 09:30:00 UTC by ben in a bulk revoke. Deel answered that it held no live token.',
    );
    expect(view[1]?.endReason).toBe('offboarding');
  });

  it('words replaced, expired, sweep, unknown and pending rows', () => {
    const ended = { endedAt: '2026-12-02T09:00:00.000Z', endedBy: { account: 'ben' } };
    const end = (over: Partial<TokenHistoryRow>) => historyView([row(over)], 'utc')[0]?.end;
    expect(end({ state: 'replaced', ...ended })).toBe(
      'Replaced by a new mint at 2026-12-02 09:00:00 UTC by ben.',
    );
    expect(end({ state: 'expired', endedAt: '2026-12-03T08:00:00.000Z' })).toBe(
      'Expired at 2026-12-03 08:00:00 UTC.',
    );
    expect(end({ state: 'revoked', revokedBy: 'sweep', ...ended })).toBe(
      'Revoked at 2026-12-02 09:00:00 UTC by ben by the organization sweep.',
    );
    expect(end({ state: 'outcome-unknown', mint: 'unknown', call: 'mint' })).toMatch(
      /^Deel may or may not have created it/,
    );
    expect(end({ state: 'outcome-unknown', call: 'mint', ...ended })).toMatch(
      /^A later mint at 2026-12-02 09:00:00 UTC by ben had no answer/,
    );
    expect(end({ state: 'outcome-unknown', call: 'revoke', ...ended })).toMatch(
      /^A revoke was sent at 2026-12-02 09:00:00 UTC by ben and its answer never came/,
    );
    expect(end({ state: 'pending', call: 'revoke' })).toBe('A revoke is on its way.');
    expect(
      historyView([row({ mint: 'unknown', state: 'outcome-unknown' })], 'utc')[0]?.minted,
    ).toBe("Mint sent 2026-12-02 08:00:00 UTC by Ana Ops (ana); Deel's answer never came");
  });
});

const sessionOf = (over: Partial<Session>): Session => ({
  id: 's1',
  workerId: 'w1',
  workerName: 'W',
  mintedAt: '2026-12-02T08:00:00.000Z',
  expiresAt: null,
  state: 'live',
  stateChangedAt: '2026-12-02T08:00:00.000Z',
  available: true,
  revealed: false,
  ...over,
});

describe('history store', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
  });
  afterEach(uninstallFakeApi);

  it("reads the worker's history, and again only when that worker's sessions change", async () => {
    const { useHistoryStore } = await import('../../../src-renderer/src/stores/history-store');
    const rows = [row({ id: 3 })];
    fake.api.getWorkerHistory.mockResolvedValue({ ok: true, data: rows });
    const stop = useHistoryStore.getState().follow('w1');
    await vi.waitFor(() => expect(useHistoryStore.getState().status).toBe('ready'));
    expect(fake.api.getWorkerHistory).toHaveBeenCalledWith({ workerId: 'w1' });
    expect(useHistoryStore.getState()).toMatchObject({ workerId: 'w1', rows });

    fake.emit('sessionsChanged', [sessionOf({ workerId: 'w2' })]);
    expect(fake.api.getWorkerHistory).toHaveBeenCalledTimes(1);
    fake.emit('sessionsChanged', [sessionOf({ state: 'pending' })]);
    expect(fake.api.getWorkerHistory).toHaveBeenCalledTimes(2);
    fake.emit('sessionsChanged', [sessionOf({ state: 'pending' }), sessionOf({ workerId: 'w2' })]);
    expect(fake.api.getWorkerHistory).toHaveBeenCalledTimes(2);

    stop();
    fake.emit('sessionsChanged', [sessionOf({ state: 'revoked' })]);
    expect(fake.api.getWorkerHistory).toHaveBeenCalledTimes(2);
  });

  it('keeps the error main answered, and drops an answer for a worker no longer shown', async () => {
    const { useHistoryStore } = await import('../../../src-renderer/src/stores/history-store');
    const error = { kind: 'unavailable' as const, message: 'The audit log could not be read.' };
    fake.api.getWorkerHistory.mockResolvedValueOnce({ ok: false, error } as never);
    await useHistoryStore.getState().load('w1');
    expect(useHistoryStore.getState()).toMatchObject({ status: 'error', error });

    let answerFirst: (value: { ok: true; data: TokenHistoryRow[] }) => void = () => undefined;
    fake.api.getWorkerHistory.mockReturnValueOnce(
      new Promise((resolve) => {
        answerFirst = resolve;
      }),
    );
    fake.api.getWorkerHistory.mockResolvedValueOnce({ ok: true, data: [] });
    const first = useHistoryStore.getState().load('w1');
    await useHistoryStore.getState().load('w2');
    answerFirst({ ok: true, data: [row({ id: 9 })] });
    await first;
    expect(useHistoryStore.getState()).toMatchObject({ workerId: 'w2', rows: [] });
  });

  it("signs only the worker's own sessions", () => {
    const a = sessionOf({});
    const b = sessionOf({ id: 's2', workerId: 'w2' });
    expect(sessionsSignature([a, b], 'w1')).toBe(sessionsSignature([b, a], 'w1'));
    expect(sessionsSignature([a], 'w1')).not.toBe(
      sessionsSignature([{ ...a, state: 'revoked' }], 'w1'),
    );
  });
});
