import type * as StoreModule from '../../../src-renderer/src/stores/workers-store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isIdSearch,
  sensitiveDataNote,
  workerDisplayName,
} from '../../../src-renderer/src/lib/sensitive-data';
import { describeVerify } from '../../../src-renderer/src/lib/verify-wording';
import type { VerifiedIdentity, WorkerRow } from '../../../src-shared/contract';
import { installFakeApi, uninstallFakeApi } from './fake-api';

const identity = (overrides: Partial<VerifiedIdentity> = {}): VerifiedIdentity => ({
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  matches: true,
  mismatches: [],
  checked: ['id', 'email', 'name', 'organization'],
  ...overrides,
});

describe('Verify wording, chosen from the identity fields', () => {
  it('a match says whom the token authenticates and what was compared', () => {
    expect(describeVerify(identity(), { name: 'Ada Lovelace' })).toEqual({
      tone: 'ok',
      headline: 'Valid: authenticates Ada Lovelace, ada@example.com.',
      detail: "Matches the selected worker's worker id, email, name and organization.",
    });
    expect(
      describeVerify(identity({ email: null, checked: ['id'] }), { name: 'Ada' }).headline,
    ).toBe('Valid: authenticates Ada Lovelace.');
  });

  it('a mismatch is an alert naming both people and every field that differs', () => {
    const wording = describeVerify(
      identity({
        name: 'Grace Hopper',
        email: 'grace@example.com',
        matches: false,
        mismatches: ['id', 'name'],
      }),
      { name: 'Ada Lovelace' },
    );
    expect(wording.tone).toBe('mismatch');
    expect(wording.headline).toBe(
      'Identity mismatch: this token authenticates Grace Hopper, grace@example.com, not Ada Lovelace.',
    );
    expect(wording.detail).toMatch(
      /^Deel's answer differs from the selected worker in worker id and name\./,
    );
    expect(wording.detail).toContain('revoke it');
  });

  it('the fields decide, not the names: equal names with a differing id are still a mismatch', () => {
    const wording = describeVerify(identity({ matches: false, mismatches: ['organization'] }), {
      name: 'Ada Lovelace',
    });
    expect(wording.tone).toBe('mismatch');
    expect(wording.detail).toContain('in organization.');
  });

  it('a working token with nothing compared is not called valid', () => {
    const wording = describeVerify(identity({ checked: [] }), { name: '' });
    expect(wording.tone).toBe('unconfirmed');
    expect(wording.headline).toBe(
      'The token works: it authenticates Ada Lovelace, ada@example.com.',
    );
    expect(wording.detail).toContain('cannot confirm');
  });
});

describe('the sensitive-data note', () => {
  it('names the token setting and says search by id still works', () => {
    const note = sensitiveDataNote('');
    expect(note).toContain('organization token’s “sensitive data” toggles are off');
    expect(note).toContain('Search by worker id or profile id still works.');
    expect(note).not.toContain('may find nothing');
  });

  it('warns that a name search may find nothing, but not for an id search', () => {
    expect(sensitiveDataNote('ada')).toContain('A search by name or email may find nothing');
    expect(sensitiveDataNote('2000123')).not.toContain('may find nothing');
    expect(sensitiveDataNote('11111111-1111-4111-8111-111111111111')).not.toContain(
      'may find nothing',
    );
    expect(isIdSearch(' 2000123 ')).toBe(true);
    expect(isIdSearch('ada 2')).toBe(false);
  });
});

describe('the workers store keeps the flag for the query', () => {
  let fake: ReturnType<typeof installFakeApi>;
  let store: typeof StoreModule;
  let ids: number;
  const row = (i: number): WorkerRow => ({
    id: `w-${i}`,
    name: '',
    email: null,
    country: null,
    jobTitle: null,
    hiringType: 'eor',
    hiringStatus: 'active',
  });

  beforeEach(async () => {
    vi.resetModules();
    fake = installFakeApi();
    ids = 0;
    fake.api.queryWorkers.mockImplementation(() =>
      Promise.resolve({ ok: true, data: { queryId: `q${++ids}` } }),
    );
    store = await import('../../../src-renderer/src/stores/workers-store');
    store.useWorkersStore.getState().subscribe();
  });
  afterEach(() => uninstallFakeApi());

  it('sets piiHidden from a flagged page, keeps it through later pages, clears it on a new query', async () => {
    const state = () => store.useWorkersStore.getState();
    await state().run();
    fake.emit('workersPage', { queryId: 'q1', rows: [row(1)], loaded: 1, total: 3, done: false });
    expect(state().piiHidden).toBe(false);
    fake.emit('workersPage', {
      queryId: 'q1',
      rows: [row(2)],
      loaded: 2,
      total: 3,
      done: false,
      piiHidden: true,
    });
    expect(state().piiHidden).toBe(true);
    fake.emit('workersPage', { queryId: 'q1', rows: [], loaded: 2, total: 2, done: true });
    expect(state().piiHidden).toBe(true);
    await state().run();
    expect(state().piiHidden).toBe(false);
  });
});

describe('a worker name Deel withheld', () => {
  it('is named as withheld, so the row button still has an accessible name', () => {
    expect(workerDisplayName('')).toBe('Name hidden by Deel');
    expect(workerDisplayName('   ')).toBe('Name hidden by Deel');
    expect(workerDisplayName('Priya Nair')).toBe('Priya Nair');
  });
});
