import { describe, expect, it } from 'vitest';
import type { CrossProfileToken, Profile, ProfileList } from '../../../src-shared/contract';
import {
  activeProfile,
  crossProfileCountLine,
  crossProfileJobLine,
  crossProfilePlace,
  crossProfileRows,
  environmentMarker,
  organizationChangeOf,
  organizationChangeQuestion,
  profileDetails,
  profileFields,
  profileLine,
  profileNameProblem,
  reasonRequired,
  renameProblem,
  savedProfileActive,
  switchBlocked,
  switcherOrder,
  switchTargetOf,
} from '../../../src-renderer/src/lib/profiles';
import { session, WORKER_B } from './fake-api';

const demo: Profile = {
  id: 'demo',
  name: 'Demo',
  environment: 'demo',
  available: true,
  active: false,
  requireReason: false,
};
const acme: Profile = {
  id: 'p-acme0001',
  name: 'Acme live',
  environment: 'production',
  organization: { id: 'o-1', name: 'Acme Live Co.' },
  tokenHint: '…f3a9',
  available: true,
  active: true,
  requireReason: false,
};
const beta: Profile = {
  id: 'p-beta0001',
  name: 'beta sandbox',
  environment: 'sandbox',
  organization: { id: 'o-2', name: 'Beta GmbH' },
  available: true,
  active: false,
  requireReason: true,
};
const list: ProfileList = { activeId: acme.id, profiles: [beta, acme, demo] };

const token = (overrides: Partial<CrossProfileToken>, expiresInMin: number): CrossProfileToken => ({
  profileId: acme.id,
  profileName: acme.name,
  environment: 'production',
  organizationName: 'Acme Live Co.',
  active: true,
  session: session({ expiresAt: new Date(Date.now() + expiresInMin * 60_000).toISOString() }),
  ...overrides,
});

describe('profiles: the header and switcher', () => {
  it('finds the active profile by the id main names, not by a stale flag', () => {
    expect(activeProfile(list)?.id).toBe(acme.id);
    expect(activeProfile({ activeId: 'demo', profiles: [acme, demo] })?.id).toBe('demo');
    expect(activeProfile(undefined)).toBeUndefined();
  });

  it('lists Demo first, then the saved profiles by name, case-insensitively', () => {
    expect(switcherOrder(list.profiles).map((p) => p.id)).toEqual(['demo', acme.id, beta.id]);
  });

  it('marks production in capitals (with a shape in CSS) and keeps the other labels', () => {
    expect(environmentMarker('production')).toEqual({ text: 'PRODUCTION', production: true });
    expect(environmentMarker('demo')).toEqual({ text: 'Demo (simulated)', production: false });
    expect(environmentMarker('sandbox')).toEqual({ text: 'Sandbox', production: false });
  });

  it('says which organization and environment a profile is', () => {
    expect(profileLine(acme)).toBe('Acme live: Acme Live Co., PRODUCTION');
    expect(profileLine(beta)).toBe('beta sandbox: Beta GmbH, Sandbox');
    expect(profileLine(demo)).toBe('Demo (built-in simulator)');
    expect(profileDetails(acme, '2026-12-02 12:00:00 UTC')).toBe(
      'Acme Live Co., PRODUCTION, token …f3a9, entered 2026-12-02 12:00:00 UTC',
    );
    expect(profileDetails({ ...beta, organization: undefined })).toBe(
      'organization not known, Sandbox',
    );
  });

  it('requires a reason when the install or the active profile says so, not another profile', () => {
    expect(reasonRequired(false, list)).toBe(false);
    expect(reasonRequired(true, list)).toBe(true);
    // beta requires one, but acme is the active profile.
    expect(reasonRequired(false, { ...list, activeId: beta.id })).toBe(true);
    expect(reasonRequired(false, undefined)).toBe(false);
  });

  it('offers no one-step switch to the active profile or to one whose token cannot be opened', () => {
    expect(switchBlocked(acme)).toMatch(/in use/);
    expect(switchBlocked({ ...beta, available: false })).toMatch(/enter it again/);
    expect(switchBlocked(beta)).toBeUndefined();
  });
});

describe('profiles: connecting', () => {
  it('knows a saved profile is active from the status (demo or none is not one)', () => {
    const status = { mode: 'live' as const, persisted: true, warnings: [] };
    expect(savedProfileActive({ ...status, profile: { id: acme.id, name: acme.name } })).toBe(true);
    expect(savedProfileActive({ ...status, profile: { id: 'demo', name: 'Demo' } })).toBe(false);
    expect(savedProfileActive(status)).toBe(false);
    expect(savedProfileActive(undefined)).toBe(false);
  });

  it('from demo, names the new profile only when a name was typed', () => {
    expect(profileFields({ savedActive: false, choice: 'replace', profileName: '  ' })).toEqual({});
    expect(
      profileFields({ savedActive: false, choice: 'replace', profileName: ' Acme live ' }),
    ).toEqual({ profileName: 'Acme live' });
  });

  it('with a saved profile active, a replace sends no name and a new profile sends its name', () => {
    expect(profileFields({ savedActive: true, choice: 'replace', profileName: 'ignored' })).toEqual(
      {},
    );
    expect(profileFields({ savedActive: true, choice: 'new', profileName: 'Second' })).toEqual({
      profileName: 'Second',
    });
  });

  it('confirms an organization change only on a replace of a saved profile', () => {
    expect(
      profileFields({
        savedActive: true,
        choice: 'replace',
        profileName: '',
        confirmOrganizationChange: true,
      }),
    ).toEqual({ confirmOrganizationChange: true });
    expect(
      profileFields({
        savedActive: true,
        choice: 'new',
        profileName: 'Other',
        confirmOrganizationChange: true,
      }),
    ).toEqual({ profileName: 'Other' });
    expect(
      profileFields({
        savedActive: false,
        choice: 'replace',
        profileName: '',
        confirmOrganizationChange: true,
      }),
    ).toEqual({});
  });

  it('needs a name for a new profile beside a saved one (else main would replace)', () => {
    expect(profileNameProblem({ savedActive: true, choice: 'new', profileName: ' ' })).toBe(
      'Give the new profile a name.',
    );
    expect(
      profileNameProblem({ savedActive: false, choice: 'replace', profileName: '' }),
    ).toBeUndefined();
    expect(
      profileNameProblem({ savedActive: false, choice: 'replace', profileName: 'x'.repeat(61) }),
    ).toMatch(/60/);
  });

  it("asks about an organization change from main's structured fields, not its sentence", () => {
    const change = {
      from: { id: 'o-1', name: 'Acme Live Co.' },
      to: { id: 'o-2', name: 'Beta GmbH' },
    };
    expect(
      organizationChangeOf({
        kind: 'not-allowed',
        message: 'whatever',
        organizationChange: change,
      }),
    ).toEqual(change);
    expect(organizationChangeOf({ kind: 'not-allowed', message: 'Beta GmbH' })).toBeUndefined();
    expect(
      organizationChangeOf({ kind: 'auth', message: 'x', organizationChange: change }),
    ).toBeUndefined();
    // A name ending in a full stop ("Co.") gets no second one.
    expect(organizationChangeQuestion(change)).toBe(
      'The new token belongs to Beta GmbH, not Acme Live Co. Replace anyway?',
    );
    expect(
      organizationChangeQuestion({ from: change.to, to: { id: 'o-1', name: 'Acme Live Co.' } }),
    ).toBe('The new token belongs to Acme Live Co., not Beta GmbH. Replace anyway?');
  });

  it('refuses an empty, too long or unchanged rename before asking main', () => {
    expect(renameProblem('Acme', '  ')).toBe('Give the profile a name.');
    expect(renameProblem('Acme', 'x'.repeat(61))).toBe('At most 60 characters.');
    expect(renameProblem('Acme', ' Acme ')).toBe('That is already its name.');
    expect(renameProblem('Acme', 'Acme EU')).toBeUndefined();
  });
});

describe('profiles: Live tokens (all)', () => {
  it("lists the active profile's tokens first, then each profile's soonest expiry first", () => {
    const rows = crossProfileRows({
      tokens: [
        token(
          {
            profileId: beta.id,
            profileName: beta.name,
            active: false,
            session: session({
              workerId: WORKER_B,
              expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
            }),
          },
          0,
        ),
        token({}, 120),
        token({ session: session({ workerId: WORKER_B, expiresAt: null }) }, 0),
        token({}, 30),
      ],
      jobs: [],
    });
    expect(rows.map((r) => [r.profileName, r.active])).toEqual([
      ['Acme live', true],
      ['Acme live', true],
      ['Acme live', true],
      ['beta sandbox', false],
    ]);
    const acmeExpiries = rows.slice(0, 3).map((r) => r.session.expiresAt);
    // Soonest first; an unknown expiry counts as 24 h after its mint (the latest it can be).
    expect(acmeExpiries[2]).toBeNull();
    expect(Date.parse(acmeExpiries[0]!)).toBeLessThan(Date.parse(acmeExpiries[1]!));
    expect(crossProfileRows(undefined)).toEqual([]);
  });

  it('counts tokens and the profiles they belong to', () => {
    const rows = [
      token({}, 10),
      token({ profileId: beta.id, profileName: beta.name }, 10),
      token({ profileId: undefined, profileName: 'Old org' }, 10),
    ];
    expect(crossProfileCountLine(rows)).toBe('3 tokens Deel may hold across 3 profiles.');
    expect(crossProfileCountLine(rows.slice(0, 1))).toBe('1 token Deel may hold across 1 profile.');
  });

  it('names where a row belongs, and says so when it is not known', () => {
    expect(crossProfilePlace(token({}, 10))).toBe('Acme Live Co., PRODUCTION');
    expect(
      crossProfilePlace(token({ organizationName: undefined, environment: undefined }, 10)),
    ).toBe('organization not known');
  });

  it("offers a switch only on another saved profile's row that can be switched to", () => {
    const other = token({ profileId: beta.id, profileName: beta.name, active: false }, 10);
    expect(switchTargetOf(other, list)?.id).toBe(beta.id);
    expect(switchTargetOf(token({}, 10), list)).toBeUndefined();
    expect(switchTargetOf({ ...other, profileId: undefined }, list)).toBeUndefined();
    const unavailable: ProfileList = {
      ...list,
      profiles: list.profiles.map((p) => (p.id === beta.id ? { ...p, available: false } : p)),
    };
    expect(switchTargetOf(other, unavailable)).toBeUndefined();
    expect(switchTargetOf(other, undefined)).toBeUndefined();
  });

  it('words an unfinished job of a profile', () => {
    expect(
      crossProfileJobLine({
        profileName: 'Acme live',
        kind: 'sweep',
        state: 'running',
        done: 120,
        total: 2000,
      }),
    ).toBe('Acme live: Organization sweep running, 120 of 2,000 done.');
    expect(
      crossProfileJobLine({ profileName: 'Beta', kind: 'bulk-revoke', state: 'paused', done: 3 }),
    ).toBe('Beta: Bulk revoke paused, 3 done.');
  });
});
