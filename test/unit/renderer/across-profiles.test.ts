import { describe, expect, it } from 'vitest';
import type { CrossProfileTokens, Session } from '../../../src-shared/contract';
import {
  acrossConfirmed,
  acrossResultLines,
  tokensByProfile,
} from '../../../src-renderer/src/lib/across-profiles';

const session = (id: string): Session => ({
  id,
  workerId: `w-${id}`,
  workerName: `Worker ${id}`,
  mintedAt: '2026-12-02T10:00:00.000Z',
  expiresAt: '2026-12-03T10:00:00.000Z',
  state: 'live',
  stateChangedAt: '2026-12-02T10:00:00.000Z',
  available: false,
  revealed: false,
});

describe('revoke across profiles, in words', () => {
  it('takes the typed words whatever their case, and nothing else', () => {
    expect(acrossConfirmed('  All Profiles ')).toBe(true);
    expect(acrossConfirmed('all')).toBe(false);
    expect(acrossConfirmed('')).toBe(false);
  });

  it('counts per profile, the one in use first, a profile-less organization apart', () => {
    const all: CrossProfileTokens = {
      jobs: [],
      tokens: [
        { profileId: 'p-bbbbbb', profileName: 'Zeta', active: true, session: session('1') },
        { profileId: 'demo', profileName: 'Demo', active: false, session: session('2') },
        { profileId: 'demo', profileName: 'Demo', active: false, session: session('3') },
        { profileName: 'No saved profile', active: false, session: session('4') },
      ],
    };
    expect(tokensByProfile(all)).toEqual([
      { profileName: 'Zeta', count: 1, active: true },
      { profileName: 'Demo', count: 2, active: false },
      { profileName: 'No saved profile', count: 1, active: false },
    ]);
    expect(tokensByProfile(undefined)).toEqual([]);
  });

  it('says per profile what was started and why the rest was not', () => {
    expect(
      acrossResultLines({
        profiles: [
          { profileName: 'Acme', tokens: 2, started: true },
          { profileName: 'Old', tokens: 1, started: false, notStartedBecause: 'token-unavailable' },
        ],
      }),
    ).toEqual([
      'Acme: 2 tokens, revoking as one journaled job (see Live tokens → All profiles)',
      'Old: 1 token, not started: its organization token cannot be opened; enter it again, then revoke there',
    ]);
    expect(acrossResultLines({ profiles: [] })).toEqual([
      'No profile holds a token Deel may still hold.',
    ]);
  });
});

describe("the profile in use's view of the audit log", () => {
  it('is its organization and environment, once connected', async () => {
    const { profileAuditScope } = await import('../../../src-renderer/src/lib/profiles');
    expect(
      profileAuditScope({
        mode: 'live',
        environment: 'sandbox',
        organization: { id: 'o1', name: 'Acme' },
        persisted: true,
        warnings: [],
      }),
    ).toEqual({ organization: 'Acme', environment: 'sandbox' });
    expect(profileAuditScope({ mode: 'unconfigured', persisted: false, warnings: [] })).toBe(
      undefined,
    );
    expect(profileAuditScope(undefined)).toBe(undefined);
  });
});
