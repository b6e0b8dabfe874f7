import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DAY_MS,
  deleteOldTokenReminder,
  reminderHeadline,
  reminderStateText,
  rotationReminder,
  rotationRequest,
  tokenAgeDays,
  tokenAgeText,
} from '../../../src-renderer/src/lib/token-rotation';
import type { ConnectionStatus } from '../../../src-shared/contract';
import { installFakeApi, uninstallFakeApi } from './fake-api';

const NOW = Date.parse('2026-06-30T12:00:00.000Z');
const daysAgo = (days: number, extraMs = 0) =>
  new Date(NOW - days * DAY_MS - extraMs).toISOString();
const live = (tokenEnteredAt?: string) => ({
  mode: 'live' as const,
  ...(tokenEnteredAt && { tokenEnteredAt }),
});

describe('token age', () => {
  it('counts whole days since the token was entered', () => {
    expect(tokenAgeDays(daysAgo(0), NOW)).toBe(0);
    expect(tokenAgeDays(daysAgo(0, DAY_MS - 1), NOW)).toBe(0);
    expect(tokenAgeDays(daysAgo(1), NOW)).toBe(1);
    expect(tokenAgeDays(daysAgo(89, 5 * 3600_000), NOW)).toBe(89);
    expect(tokenAgeDays(daysAgo(400), NOW)).toBe(400);
  });

  it('counts a time slightly ahead of this clock as today, and an unknown time as unknown', () => {
    expect(tokenAgeDays(new Date(NOW + 60_000).toISOString(), NOW)).toBe(0);
    expect(tokenAgeDays(undefined, NOW)).toBeUndefined();
    expect(tokenAgeDays('not a time', NOW)).toBeUndefined();
  });

  it('says the age in words', () => {
    expect(tokenAgeText(0)).toBe('Entered today');
    expect(tokenAgeText(1)).toBe('Entered 1 day ago');
    expect(tokenAgeText(91)).toBe('Entered 91 days ago');
  });
});

describe('rotation reminder', () => {
  it('is due from the day the token is as old as the setting, not before', () => {
    expect(rotationReminder(live(daysAgo(89, DAY_MS - 1)), 90, NOW)).toEqual({
      ageDays: 89,
      reminderDays: 90,
      due: false,
      daysLeft: 1,
    });
    expect(rotationReminder(live(daysAgo(90)), 90, NOW)).toEqual({
      ageDays: 90,
      reminderDays: 90,
      due: true,
      daysLeft: 0,
    });
    expect(rotationReminder(live(daysAgo(10)), 7, NOW)?.due).toBe(true);
    expect(rotationReminder(live(daysAgo(10)), 30, NOW)).toMatchObject({
      due: false,
      daysLeft: 20,
    });
  });

  it('has nothing to say without a live token of known age, or before the settings loaded', () => {
    const entered = daysAgo(200);
    expect(rotationReminder(undefined, 90, NOW)).toBeUndefined();
    expect(rotationReminder({ mode: 'demo', tokenEnteredAt: entered }, 90, NOW)).toBeUndefined();
    expect(
      rotationReminder({ mode: 'unconfigured', tokenEnteredAt: entered }, 90, NOW),
    ).toBeUndefined();
    expect(rotationReminder(live(), 90, NOW)).toBeUndefined();
    expect(rotationReminder(live(entered), undefined, NOW)).toBeUndefined();
  });

  it('words the header reminder and the Settings state', () => {
    const due = rotationReminder(live(daysAgo(95)), 90, NOW)!;
    expect(reminderHeadline(due)).toBe('Org token is 95 days old: rotate');
    expect(reminderStateText(due)).toBe('Rotation due: the reminder is set at 90 days.');
    const early = rotationReminder(live(daysAgo(89)), 90, NOW)!;
    expect(reminderStateText(early)).toBe('Not due: the reminder comes in 1 day (at 90 days).');
    expect(reminderHeadline(rotationReminder(live(daysAgo(1)), 7, NOW)!)).toBe(
      'Org token is 1 day old: rotate',
    );
  });
});

describe('rotation request', () => {
  const custom = {
    mode: 'live' as const,
    environment: 'custom' as const,
    baseUrl: 'http://127.0.0.1:4010/rest/v2',
  };

  it('sends the new token for the environment and host in use, as a rotation', () => {
    expect(rotationRequest(custom, '  sim_org_new123  ')).toEqual({
      input: {
        environment: 'custom',
        customUrl: 'http://127.0.0.1:4010/rest/v2',
        token: 'sim_org_new123',
        rotate: true,
      },
    });
    expect(
      rotationRequest(
        { mode: 'live', environment: 'production', baseUrl: 'https://api.letsdeel.com/rest/v2' },
        'tok_12345678',
      ),
    ).toEqual({ input: { environment: 'production', token: 'tok_12345678', rotate: true } });
  });

  it('sends nothing when there is no live token to rotate or nothing was pasted', () => {
    expect(rotationRequest(custom, '   ')).toEqual({
      problem: 'Paste the new organization token.',
    });
    for (const status of [
      undefined,
      { mode: 'demo' as const, environment: 'demo' as const },
      { mode: 'unconfigured' as const },
    ]) {
      expect(rotationRequest(status, 'tok_12345678')).toHaveProperty('problem');
    }
    expect(rotationRequest({ mode: 'live', environment: 'custom' }, 'tok_12345678')).toHaveProperty(
      'problem',
    );
  });

  it("names the old token and where to delete it in Deel's Developer Center", () => {
    expect(deleteOldTokenReminder('…f3a9')).toBe(
      "Now delete the old token (…f3a9) in Deel's Developer Center (Settings > Developer Center > Tokens): until then it still works.",
    );
    expect(deleteOldTokenReminder(undefined)).toContain('Now delete the old token in');
  });
});

describe('rotation store', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
  });
  afterEach(uninstallFakeApi);

  const before: ConnectionStatus = {
    mode: 'live',
    environment: 'custom',
    baseUrl: 'http://127.0.0.1:4010/rest/v2',
    organization: { id: 'org-1', name: 'Acme' },
    tokenHint: '…old1',
    tokenEnteredAt: daysAgo(100),
    persisted: true,
    warnings: [],
  };

  async function load() {
    const { useConnectionStore } =
      await import('../../../src-renderer/src/stores/connection-store');
    const { useRotationStore } = await import('../../../src-renderer/src/stores/rotation-store');
    const { useNavStore } = await import('../../../src-renderer/src/stores/nav-store');
    useConnectionStore.setState({ status: before });
    return { useConnectionStore, useRotationStore, useNavStore };
  }

  it('swaps on success: the new status is shown, the draft is gone, the old hint is kept for step 3', async () => {
    const { useConnectionStore, useRotationStore } = await load();
    const after = { ...before, tokenHint: '…new2', tokenEnteredAt: new Date().toISOString() };
    fake.api.connect.mockResolvedValue({ ok: true, data: after });
    const s = useRotationStore.getState();
    s.openDialog();
    s.setTokenDraft('sim_org_new_token_2');
    await s.submit();
    expect(fake.api.connect).toHaveBeenCalledWith({
      environment: 'custom',
      customUrl: before.baseUrl,
      token: 'sim_org_new_token_2',
      rotate: true,
    });
    expect(useRotationStore.getState().state).toEqual({
      step: 'done',
      organization: 'Acme',
      oldHint: '…old1',
      newHint: '…new2',
    });
    expect(useRotationStore.getState().tokenDraft).toBe('');
    expect(useConnectionStore.getState().status).toEqual(after);
  });

  it("shows main's refusal as it is, keeps the connection, and does not send the operator to Connect", async () => {
    const { useConnectionStore, useRotationStore, useNavStore } = await load();
    useNavStore.getState().go('workers');
    const refusal = {
      kind: 'not-allowed',
      message:
        'Nothing was changed: the new token belongs to Globex (id g), not to Acme (id org-1).',
    };
    fake.api.connect.mockResolvedValue({ ok: false, error: refusal });
    const s = useRotationStore.getState();
    s.openDialog();
    s.setTokenDraft('sim_org_other_token');
    await s.submit();
    expect(useRotationStore.getState().state).toEqual({ step: 'paste', error: refusal });
    expect(useRotationStore.getState().tokenDraft).toBe('');
    expect(useConnectionStore.getState().status).toEqual(before);

    // A token Deel rejects (401) is the new token's problem, not the connection's.
    fake.api.connect.mockResolvedValue({
      ok: false,
      error: { kind: 'auth', message: 'Unauthorized', status: 401 },
    });
    s.setTokenDraft('sim_org_unknown');
    await useRotationStore.getState().submit();
    expect(useRotationStore.getState().state).toMatchObject({
      step: 'paste',
      error: { kind: 'auth' },
    });
    expect(useNavStore.getState().screen).toBe('workers');
    expect(useNavStore.getState().authError).toBeUndefined();
  });

  it('sends nothing for an empty paste, and closing forgets the draft', async () => {
    const { useRotationStore } = await load();
    const s = useRotationStore.getState();
    s.openDialog();
    await s.submit();
    expect(fake.api.connect).not.toHaveBeenCalled();
    expect(useRotationStore.getState().state).toMatchObject({
      step: 'paste',
      error: { kind: 'invalid-argument', message: 'Paste the new organization token.' },
    });
    s.setTokenDraft('sim_org_typed');
    const key = useRotationStore.getState().tokenFieldKey;
    s.close();
    expect(useRotationStore.getState()).toMatchObject({ open: false, tokenDraft: '' });
    expect(useRotationStore.getState().tokenFieldKey).toBeGreaterThan(key);
  });
});
