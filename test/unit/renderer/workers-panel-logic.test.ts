import { describe, expect, it } from 'vitest';
import type { Session, WorkerRow } from '../../../src-shared/contract';
import {
  CLEARED_NOTE_MS,
  copyNoteOf,
  nextCopyNoteChange,
} from '../../../src-renderer/src/lib/copy-note';
import { urgencyIcons, urgencyOf, urgencyTags } from '../../../src-renderer/src/lib/countdown';
import {
  EXPIRY_BANNER_MS,
  expiringSoon,
  expiryHeadline,
  nextExpiryBannerChange,
} from '../../../src-renderer/src/lib/expiry-banner';
import { withoutRepeatedFieldErrors } from '../../../src-renderer/src/lib/field-errors';
import { mintEligibility } from '../../../src-renderer/src/lib/mint-eligibility';
import { mintWordingOf, panelActionsOf } from '../../../src-renderer/src/lib/token-actions';
import { identityOf } from '../../../src-renderer/src/lib/worker-identity';
import { selectionVisibility, visibleWorkers } from '../../../src-renderer/src/lib/worker-view';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const row = (id: string, over: Partial<WorkerRow> = {}): WorkerRow => ({
  id,
  name: `Worker ${id}`,
  email: `${id}@example.com`,
  country: 'DE',
  jobTitle: null,
  hiringType: 'eor',
  hiringStatus: 'active',
  ...over,
});

const session = (workerId: string, over: Partial<Session> = {}): Session => ({
  id: `s-${workerId}`,
  workerId,
  workerName: `Worker ${workerId}`,
  mintedAt: iso(NOW - 3600_000),
  expiresAt: iso(NOW + 3600_000 * 20),
  state: 'live',
  stateChangedAt: iso(NOW - 3600_000),
  available: true,
  revealed: false,
  ...over,
});

describe('worker identity (16.1)', () => {
  it('shows the email and the worker id when the row has them', () => {
    expect(identityOf({ email: 'a@x.example', workerId: '2893974' })).toEqual({
      email: 'a@x.example',
      workerId: 'Worker id 2893974',
    });
    expect(identityOf({ email: null, workerId: null })).toEqual({
      email: 'no email',
      workerId: undefined,
    });
    expect(identityOf({ email: 'a@x.example' }).workerId).toBeUndefined();
  });
});

describe('mint eligibility (16.2)', () => {
  it('refuses up front a People worker whose hiring type is known and not EOR, saying why', () => {
    const contractor = mintEligibility({ hiringType: 'contractor' }, 'people');
    expect(contractor).toEqual({
      allowed: false,
      reason: expect.stringContaining('EOR workers only') as unknown as string,
    });
    expect(contractor.allowed === false && contractor.reason).toContain('Contractor');
    for (const type of ['peo', 'direct_employee', 'hris_direct_employee']) {
      expect(mintEligibility({ hiringType: type }, 'people').allowed, type).toBe(false);
    }
  });

  it('allows EOR workers without a note', () => {
    expect(mintEligibility({ hiringType: 'eor' }, 'people')).toEqual({ allowed: true });
    expect(mintEligibility({ hiringType: 'eor' }, 'contracts')).toEqual({ allowed: true });
  });

  it('leaves the decision to Deel when the hiring type is unknown, and says so', () => {
    for (const [type, from] of [
      [null, 'people'],
      ['a_type_deel_adds_later', 'people'],
      // A contract's type is not the worker's hiring type (another contract may be EOR).
      ['ongoing_time_based', 'contracts'],
      ['contractor', 'contracts'],
    ] as const) {
      const result = mintEligibility({ hiringType: type }, from);
      expect(result.allowed, `${type} from ${from}`).toBe(true);
      expect(result.allowed && result.note).toMatch(/Deel decides/);
    }
  });
});

describe('the token panel actions (16.2, 16.9)', () => {
  const allowed = { allowed: true } as const;
  it('offers a primary Mint token while there is no live token', () => {
    expect(
      panelActionsOf({
        state: 'none',
        available: false,
        outcomeUnknown: false,
        eligibility: allowed,
      }),
    ).toEqual({
      mode: 'normal',
      mint: { label: 'Mint token', tone: 'primary' },
      copyPrimary: false,
    });
  });

  it('after a mint, Copy is primary and the mint is a danger-styled Replace token', () => {
    const actions = panelActionsOf({
      state: 'live',
      available: true,
      outcomeUnknown: false,
      eligibility: allowed,
    });
    expect(actions.copyPrimary).toBe(true);
    expect(actions.mint).toEqual({ label: 'Replace token', tone: 'danger' });
    // A live token from before a restart cannot be copied: nothing is primary, Replace stays.
    const restarted = panelActionsOf({
      state: 'live',
      available: false,
      outcomeUnknown: false,
      eligibility: allowed,
    });
    expect(restarted.copyPrimary).toBe(false);
    expect(restarted.mint.label).toBe('Replace token');
  });

  it('a mint that cannot work is disabled with its reason and is not primary', () => {
    const actions = panelActionsOf({
      state: 'none',
      available: false,
      outcomeUnknown: false,
      eligibility: { allowed: false, reason: 'EOR workers only.' },
    });
    expect(actions.mint).toEqual({
      label: 'Mint token',
      tone: 'plain',
      disabledReason: 'EOR workers only.',
    });
  });

  it('an outcome-unknown mint (this run or found at start) switches to the one set of recovery actions', () => {
    for (const input of [
      { state: 'outcome-unknown' as const, outcomeUnknown: false },
      { state: 'none' as const, outcomeUnknown: true },
      { state: 'live' as const, outcomeUnknown: true },
    ]) {
      expect(panelActionsOf({ ...input, available: false, eligibility: allowed }).mode).toBe(
        'outcome-unknown',
      );
    }
  });

  it('the mint dialog has its own words for replacing a live token', () => {
    const replace = mintWordingOf('Charlie Wright', true);
    expect(replace).toMatchObject({
      title: "Replace Charlie Wright's token?",
      submit: 'Replace token',
      tone: 'danger',
    });
    expect(replace.warning).toMatch(/old token stops working/);
    expect(mintWordingOf('Charlie Wright', false)).toMatchObject({
      title: 'Mint a token for Charlie Wright',
      submit: 'Mint token',
      tone: 'primary',
      warning: undefined,
    });
  });
});

describe('a refusal is shown once (16.2)', () => {
  const refusal = {
    kind: 'validation' as const,
    message: 'Deel rejected the request as invalid (400).',
    deelMessage: 'Worker access tokens are supported for EOR workers only',
    status: 400,
  };
  it('drops a field error that repeats what Deel said', () => {
    const error = {
      ...refusal,
      fieldErrors: [{ path: 'data.profile_id', message: refusal.deelMessage }],
    };
    expect(withoutRepeatedFieldErrors(error)).toEqual(refusal);
  });
  it('keeps field errors that add something, and the error itself when nothing repeats', () => {
    const extra = { path: 'data.profile_id', message: 'must be a UUID' };
    const error = {
      ...refusal,
      fieldErrors: [{ path: 'data.profile_id', message: refusal.deelMessage }, extra],
    };
    expect(withoutRepeatedFieldErrors(error).fieldErrors).toEqual([extra]);
    const plain = { ...refusal, fieldErrors: [extra] };
    expect(withoutRepeatedFieldErrors(plain)).toBe(plain);
  });
});

describe('the copy note (16.9)', () => {
  const clearsAt = iso(NOW + 30_000);
  it('reads Copied until the clear, then Clipboard cleared, then goes', () => {
    expect(copyNoteOf(clearsAt, NOW)).toEqual({ state: 'copied', clearsAt });
    expect(copyNoteOf(clearsAt, NOW + 30_000)).toEqual({ state: 'cleared', clearedAt: clearsAt });
    expect(copyNoteOf(clearsAt, NOW + 30_000 + CLEARED_NOTE_MS - 1).state).toBe('cleared');
    expect(copyNoteOf(clearsAt, NOW + 30_000 + CLEARED_NOTE_MS)).toEqual({ state: 'gone' });
    expect(copyNoteOf(undefined, NOW)).toEqual({ state: 'gone' });
    expect(copyNoteOf('not a time', NOW)).toEqual({ state: 'gone' });
  });
  it('says when it changes next', () => {
    expect(nextCopyNoteChange(clearsAt, NOW)).toBe(30_000);
    expect(nextCopyNoteChange(clearsAt, NOW + 31_000)).toBe(CLEARED_NOTE_MS - 1000);
    expect(nextCopyNoteChange(clearsAt, NOW + 30_000 + CLEARED_NOTE_MS)).toBeUndefined();
    expect(nextCopyNoteChange(undefined, NOW)).toBeUndefined();
  });
});

describe('urgent countdowns carry text, not colour alone (16.10)', () => {
  it('tags amber "< 1 h" and red "< 10 min", each with an icon', () => {
    expect(urgencyTags[urgencyOf(59 * 60_000)]).toBe('< 1 h');
    expect(urgencyTags[urgencyOf(9 * 60_000)]).toBe('< 10 min');
    expect(urgencyTags[urgencyOf(0)]).toBe('expired');
    expect(urgencyTags[urgencyOf(2 * 3600_000)]).toBe('');
    for (const urgency of ['amber', 'red', 'expired'] as const) {
      expect(urgencyIcons[urgency]).not.toBe('');
    }
    expect(urgencyIcons.ok).toBe('');
    expect(urgencyIcons.amber).not.toBe(urgencyIcons.red);
  });
});

describe('the Workers view: live-token filter and token sort (16.11)', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => row(id));
  const latest = new Map<string, Session>([
    ['b', session('b', { expiresAt: iso(NOW + 5 * 3600_000) })],
    ['d', session('d', { expiresAt: iso(NOW + 2 * 3600_000) })],
    ['c', session('c', { state: 'revoked' })],
    ['e', session('e', { state: 'outcome-unknown' })],
  ]);

  it('returns the rows untouched when neither is on', () => {
    expect(visibleWorkers(rows, latest, { liveOnly: false, tokenSort: undefined })).toBe(rows);
  });

  it("keeps only workers whose latest token is live, in Deel's order", () => {
    expect(
      visibleWorkers(rows, latest, { liveOnly: true, tokenSort: undefined }).map((r) => r.id),
    ).toEqual(['b', 'd']);
  });

  it('sorts live first (soonest expiry first), then unclear, finished, none; desc reverses', () => {
    expect(
      visibleWorkers(rows, latest, { liveOnly: false, tokenSort: 'asc' }).map((r) => r.id),
    ).toEqual(['d', 'b', 'e', 'c', 'a']);
    expect(
      visibleWorkers(rows, latest, { liveOnly: false, tokenSort: 'desc' }).map((r) => r.id),
    ).toEqual(['a', 'c', 'e', 'b', 'd']);
    expect(
      visibleWorkers(rows, latest, { liveOnly: true, tokenSort: 'asc' }).map((r) => r.id),
    ).toEqual(['d', 'b']);
  });

  it('says when the selected worker is filtered out (once the list is complete)', () => {
    expect(selectionVisibility(undefined, rows, true)).toBe('none');
    expect(selectionVisibility('a', rows, true)).toBe('shown');
    expect(selectionVisibility('z', rows, true)).toBe('hidden');
    expect(selectionVisibility('z', rows, false)).toBe('unknown');
  });
});

describe('the expiry banner (16.12)', () => {
  const soon = session('a', { id: 's1', expiresAt: iso(NOW + 8 * 60_000) });
  const sooner = session('b', { id: 's2', expiresAt: iso(NOW + 2 * 60_000) });
  const later = session('c', { id: 's3', expiresAt: iso(NOW + EXPIRY_BANNER_MS + 60_000) });
  const gone = session('d', { id: 's4', expiresAt: iso(NOW - 1000) });
  const revoked = session('e', { id: 's5', state: 'revoked', expiresAt: iso(NOW + 60_000) });
  const all = [soon, later, sooner, gone, revoked];

  it('lists live tokens that expire within 10 minutes, soonest first', () => {
    const tokens = expiringSoon(all, NOW, { enabled: true });
    expect(tokens.map((t) => t.sessionId)).toEqual(['s2', 's1']);
    expect(tokens[0]).toEqual({
      sessionId: 's2',
      workerId: 'b',
      workerName: 'Worker b',
      expiresAt: sooner.expiresAt,
    });
    expect(expiryHeadline(tokens)).toBe('2 worker tokens expire in under 10 minutes.');
    expect(expiryHeadline(tokens.slice(1))).toBe(
      "Worker a's worker token expires in under 10 minutes.",
    );
  });

  it('shows nothing when switched off in Settings, and not a dismissed token', () => {
    expect(expiringSoon(all, NOW, { enabled: false })).toEqual([]);
    expect(
      expiringSoon(all, NOW, { enabled: true, dismissed: new Set(['s2']) }).map((t) => t.sessionId),
    ).toEqual(['s1']);
  });

  it('wakes up when a token enters the window or expires', () => {
    expect(nextExpiryBannerChange([later], NOW)).toBe(60_000);
    expect(nextExpiryBannerChange([soon], NOW)).toBe(8 * 60_000);
    expect(nextExpiryBannerChange([gone, revoked], NOW)).toBeUndefined();
  });
});
