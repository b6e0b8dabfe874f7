import type * as StoreModule from '../../../src-renderer/src/stores/sessions-store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flush, installFakeApi, session, uninstallFakeApi, WORKER_A, WORKER_B } from './fake-api';

const ada = { workerId: WORKER_A, workerName: 'Ada Lovelace' };

describe('sessions store', () => {
  let fake: ReturnType<typeof installFakeApi>;
  let store: typeof StoreModule;

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.resetModules();
    fake = installFakeApi();
    store = await import('../../../src-renderer/src/stores/sessions-store');
    store.useSessionsStore.getState().subscribe();
  });
  afterEach(() => {
    vi.useRealTimers();
    uninstallFakeApi();
  });

  const state = () => store.useSessionsStore.getState();

  it('derives the latest session per worker and the live list from sessionsChanged', () => {
    const old = session({ mintedAt: '2025-01-01T00:00:00.000Z', state: 'superseded' });
    const current = session({ mintedAt: '2025-01-02T00:00:00.000Z' });
    const other = session({ workerId: WORKER_B, state: 'revoked' });
    fake.emit('sessionsChanged', [old, current, other]);
    expect(state().latest.get(WORKER_A)).toBe(current);
    expect(state().latest.get(WORKER_B)?.state).toBe('revoked');
    expect(state().live).toEqual([current]);
  });

  it('will not mint without the consent box, then mints with consentConfirmed: true', async () => {
    const minted = session();
    fake.api.mintToken.mockResolvedValue({ ok: true, data: minted });
    state().openMint(ada);
    await state().confirmMint();
    expect(fake.api.mintToken).not.toHaveBeenCalled();
    expect(state().mintDialog?.error?.message).toMatch(/consent/);

    state().setConsent(true);
    await state().confirmMint();
    expect(fake.api.mintToken).toHaveBeenCalledWith({ ...ada, consentConfirmed: true });
    expect(state().mintDialog).toBeUndefined();
    expect(state().latest.get(WORKER_A)).toEqual(minted);
  });

  it('warns in the dialog when a live token will be superseded', () => {
    fake.emit('sessionsChanged', [session()]);
    state().openMint(ada);
    expect(state().mintDialog?.supersedes).toBe(true);
    state().closeMint();
    state().openMint({ workerId: WORKER_B, workerName: 'Grace' });
    expect(state().mintDialog?.supersedes).toBe(false);
  });

  it('turns an outcome-unknown mint into the "may or may not" state, not a dialog error', async () => {
    fake.api.mintToken.mockResolvedValue({
      ok: false,
      error: { kind: 'outcome-unknown', message: 'timed out', requestId: 'req-1' },
    });
    state().openMint(ada);
    state().setConsent(true);
    await state().confirmMint();
    expect(state().mintDialog).toBeUndefined();
    expect(state().activity[WORKER_A]?.outcomeUnknown?.requestId).toBe('req-1');

    fake.api.revokeToken.mockResolvedValue({
      ok: true,
      data: { workerId: WORKER_A, outcome: 'no-live-token' },
    });
    await state().revokeToBeSure(ada);
    expect(state().activity[WORKER_A]).toMatchObject({
      revokeNote: 'no-live-token',
      outcomeUnknown: undefined,
    });
  });

  it('keeps a revealed token only until hideAt, and only once per mint', async () => {
    const live = session();
    fake.emit('sessionsChanged', [live]);
    const hideAt = new Date(Date.now() + 30_000).toISOString();
    fake.api.revealToken.mockResolvedValue({ ok: true, data: { token: 'wkr_secret', hideAt } });
    await state().revealToken(live);
    expect(state().reveal).toMatchObject({ token: 'wkr_secret', workerId: WORKER_A });
    expect(state().latest.get(WORKER_A)?.revealed).toBe(true);

    await state().revealToken(state().latest.get(WORKER_A)!);
    expect(fake.api.revealToken).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(29_999);
    expect(state().reveal).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(state().reveal).toBeUndefined();
    expect(JSON.stringify(state())).not.toContain('wkr_secret');
  });

  it('drops a revealed token at once when its session stops being live', async () => {
    const live = session();
    fake.emit('sessionsChanged', [live]);
    fake.api.revealToken.mockResolvedValue({
      ok: true,
      data: { token: 'wkr_secret', hideAt: new Date(Date.now() + 30_000).toISOString() },
    });
    await state().revealToken(live);
    fake.emit('sessionsChanged', [{ ...live, state: 'revoked', revealed: true }]);
    expect(state().reveal).toBeUndefined();
  });

  it('records copy, verify and a revoke of nothing as results, not errors', async () => {
    const live = session();
    fake.emit('sessionsChanged', [live]);
    fake.api.copyToken.mockResolvedValue({ ok: true, data: { clearsAt: '2030-01-01T00:00:30Z' } });
    fake.api.verifyToken.mockResolvedValue({
      ok: true,
      data: { profile: { id: 'p1', name: 'Ada Lovelace', email: 'ada@example.com' } },
    });
    await state().copyToken(live);
    await state().verifyToken(live);
    expect(state().activity[WORKER_A]).toMatchObject({
      copiedClearsAt: '2030-01-01T00:00:30Z',
      verified: { profile: { name: 'Ada Lovelace' } },
    });

    fake.api.revokeToken.mockResolvedValue({
      ok: true,
      data: { workerId: WORKER_A, outcome: 'no-live-token' },
    });
    state().openRevoke(ada);
    await state().confirmRevoke();
    expect(state().revokeDialog).toBeUndefined();
    expect(state().activity[WORKER_A]).toMatchObject({ revokeNote: 'no-live-token' });
    expect(state().activity[WORKER_A]?.error).toBeUndefined();
  });

  it('keeps the error and its request id next to the action that failed', async () => {
    const live = session();
    fake.api.verifyToken.mockResolvedValue({
      ok: false,
      error: { kind: 'server', status: 503, message: 'Unavailable', requestId: 'req-9' },
    });
    await state().verifyToken(live);
    expect(state().activity[WORKER_A]?.error).toEqual({
      action: 'verify',
      error: { kind: 'server', status: 503, message: 'Unavailable', requestId: 'req-9' },
    });
    state().dismissError(WORKER_A);
    expect(state().activity[WORKER_A]?.error).toBeUndefined();
  });

  it('retries a rate-limited revoke and shows it is retrying', async () => {
    fake.api.revokeToken
      .mockResolvedValueOnce({ ok: false, error: { kind: 'rate-limit', message: '429' } })
      .mockResolvedValueOnce({ ok: true, data: { workerId: WORKER_A, outcome: 'revoked' } });
    const running = state().revokeToBeSure(ada);
    await flush();
    expect(state().activity[WORKER_A]).toMatchObject({ busy: 'revoke', retrying: true });
    await vi.advanceTimersByTimeAsync(1000);
    await running;
    expect(state().activity[WORKER_A]).toMatchObject({ revokeNote: 'revoked', retrying: false });
  });
});
