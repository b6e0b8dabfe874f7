import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ConnectionStatus,
  CrossProfileTokens,
  Profile,
  ProfileList,
} from '../../../src-shared/contract';
import { flush, installFakeApi, session, uninstallFakeApi } from './fake-api';

const demo: Profile = {
  id: 'demo',
  name: 'Demo',
  environment: 'demo',
  available: true,
  active: true,
  requireReason: false,
};
const acme: Profile = {
  id: 'p-acme0001',
  name: 'Acme live',
  environment: 'custom',
  organization: { id: 'o-1', name: 'Acme Live Co.' },
  available: true,
  active: false,
  requireReason: false,
};
const onDemo: ProfileList = { activeId: 'demo', profiles: [demo, acme] };
const acmeStatus: ConnectionStatus = {
  mode: 'live',
  environment: 'custom',
  organization: { id: 'o-1', name: 'Acme Live Co.' },
  persisted: true,
  warnings: [],
  profile: { id: acme.id, name: acme.name },
};

describe('profiles store', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
  });
  afterEach(uninstallFakeApi);

  const load = async () => ({
    ...(await import('../../../src-renderer/src/stores/profiles-store')),
    ...(await import('../../../src-renderer/src/stores/connection-store')),
  });

  it('loads the profiles from main, and shows why when it cannot', async () => {
    const { useProfilesStore } = await load();
    fake.api.listProfiles.mockResolvedValueOnce({ ok: true, data: onDemo });
    await useProfilesStore.getState().load();
    expect(useProfilesStore.getState().list).toEqual(onDemo);

    const error = { kind: 'internal' as const, message: 'The profiles file is unreadable.' };
    fake.api.listProfiles.mockResolvedValueOnce({ ok: false, error });
    await useProfilesStore.getState().load();
    expect(useProfilesStore.getState().loadError).toEqual(error);
  });

  it('follows profilesChanged and allTokensChanged until unsubscribed', async () => {
    const { useProfilesStore } = await load();
    const off = useProfilesStore.getState().subscribe();
    fake.emit('profilesChanged', onDemo);
    expect(useProfilesStore.getState().list).toEqual(onDemo);
    const all: CrossProfileTokens = {
      tokens: [{ profileId: acme.id, profileName: acme.name, active: false, session: session() }],
      jobs: [],
    };
    fake.emit('allTokensChanged', all);
    expect(useProfilesStore.getState().all).toEqual(all);
    off();
    expect(fake.listenerCount('profilesChanged')).toBe(0);
    expect(fake.listenerCount('allTokensChanged')).toBe(0);
  });

  it('switches in one step: no token, the header shows the new status at once', async () => {
    const { useProfilesStore, useConnectionStore } = await load();
    useProfilesStore.setState({ list: onDemo });
    fake.api.switchProfile.mockResolvedValue({ ok: true, data: acmeStatus });
    expect(await useProfilesStore.getState().switchTo(acme.id)).toBe(true);
    expect(fake.api.switchProfile).toHaveBeenCalledWith({ profileId: acme.id });
    expect(useConnectionStore.getState().status).toEqual(acmeStatus);
    const list = useProfilesStore.getState().list!;
    expect(list.activeId).toBe(acme.id);
    expect(list.profiles.filter((p) => p.active).map((p) => p.id)).toEqual([acme.id]);
    expect(useProfilesStore.getState().switching).toBeUndefined();

    // Already there: nothing is sent.
    fake.api.switchProfile.mockClear();
    expect(await useProfilesStore.getState().switchTo(acme.id)).toBe(true);
    expect(fake.api.switchProfile).not.toHaveBeenCalled();
  });

  it('keeps the profile it was on when main refuses a switch, and says why', async () => {
    const { useProfilesStore, useConnectionStore } = await load();
    useProfilesStore.setState({ list: onDemo });
    const before = useConnectionStore.getState().status;
    const error = {
      kind: 'not-allowed' as const,
      message: "The profile's saved token could not be opened.",
    };
    fake.api.switchProfile.mockResolvedValue({ ok: false, error });
    expect(await useProfilesStore.getState().switchTo(acme.id)).toBe(false);
    expect(useProfilesStore.getState().switchError).toEqual(error);
    expect(useProfilesStore.getState().list).toEqual(onDemo);
    expect(useConnectionStore.getState().status).toBe(before);
  });

  it('sends one switch at a time', async () => {
    const { useProfilesStore } = await load();
    useProfilesStore.setState({ list: onDemo });
    let answer: (value: unknown) => void = () => undefined;
    fake.api.switchProfile.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const first = useProfilesStore.getState().switchTo(acme.id);
    expect(useProfilesStore.getState().switching).toBe(acme.id);
    expect(await useProfilesStore.getState().switchTo('demo')).toBe(false);
    answer({ ok: true, data: acmeStatus });
    await first;
    expect(fake.api.switchProfile).toHaveBeenCalledTimes(1);
  });

  it('renames through main with the trimmed name; refuses an empty one without asking', async () => {
    const { useProfilesStore } = await load();
    useProfilesStore.setState({ list: onDemo });
    const s = useProfilesStore.getState();
    s.setRenameDraft(acme.id, '   ');
    await useProfilesStore.getState().rename(acme.id);
    expect(fake.api.updateProfile).not.toHaveBeenCalled();
    expect(useProfilesStore.getState().rowErrors[acme.id]?.fieldErrors).toEqual([
      { path: 'name', message: 'Give the profile a name.' },
    ]);

    const renamed: ProfileList = {
      ...onDemo,
      profiles: [demo, { ...acme, name: 'Acme EU' }],
    };
    fake.api.updateProfile.mockResolvedValue({ ok: true, data: renamed });
    useProfilesStore.getState().setRenameDraft(acme.id, ' Acme EU ');
    expect(useProfilesStore.getState().rowErrors[acme.id]).toBeUndefined();
    await useProfilesStore.getState().rename(acme.id);
    expect(fake.api.updateProfile).toHaveBeenCalledWith({ profileId: acme.id, name: 'Acme EU' });
    expect(useProfilesStore.getState().list).toEqual(renamed);
    expect(useProfilesStore.getState().renameDrafts[acme.id]).toBeUndefined();
    expect(useProfilesStore.getState().busy[acme.id]).toBeUndefined();
  });

  it("sets a profile's own require-a-reason through main", async () => {
    const { useProfilesStore } = await load();
    useProfilesStore.setState({ list: onDemo });
    const after: ProfileList = {
      ...onDemo,
      profiles: [demo, { ...acme, requireReason: true }],
    };
    fake.api.updateProfile.mockResolvedValue({ ok: true, data: after });
    const pending = useProfilesStore.getState().setRequireReason(acme.id, true);
    // The checkbox shows the operator's choice while main saves it.
    expect(useProfilesStore.getState().pendingRequireReason[acme.id]).toBe(true);
    await pending;
    expect(useProfilesStore.getState().pendingRequireReason[acme.id]).toBeUndefined();
    expect(fake.api.updateProfile).toHaveBeenCalledWith({
      profileId: acme.id,
      requireReason: true,
    });
    expect(useProfilesStore.getState().list?.profiles[1]?.requireReason).toBe(true);

    // Refused: the saved value stands and main's words are shown.
    const refusal = { kind: 'not-allowed' as const, message: 'Not for this profile.' };
    fake.api.updateProfile.mockResolvedValue({ ok: false, error: refusal });
    await useProfilesStore.getState().setRequireReason(acme.id, false);
    expect(useProfilesStore.getState().pendingRequireReason[acme.id]).toBeUndefined();
    expect(useProfilesStore.getState().list?.profiles[1]?.requireReason).toBe(true);
    expect(useProfilesStore.getState().rowErrors[acme.id]).toEqual(refusal);
  });

  it("removes after a confirmation, and shows main's refusal in main's words", async () => {
    const { useProfilesStore } = await load();
    useProfilesStore.setState({ list: onDemo });
    useProfilesStore.getState().askRemove(acme.id);
    expect(useProfilesStore.getState().confirmingRemove).toBe(acme.id);
    const refusal = {
      kind: 'not-allowed' as const,
      message: 'Acme live still has 2 worker tokens Deel may hold: revoke them first.',
    };
    fake.api.removeProfile.mockResolvedValueOnce({ ok: false, error: refusal });
    await useProfilesStore.getState().remove(acme.id);
    expect(fake.api.removeProfile).toHaveBeenCalledWith({ profileId: acme.id });
    expect(useProfilesStore.getState().confirmingRemove).toBeUndefined();
    expect(useProfilesStore.getState().rowErrors[acme.id]).toEqual(refusal);
    expect(useProfilesStore.getState().list).toEqual(onDemo);

    const after: ProfileList = { activeId: 'demo', profiles: [demo] };
    fake.api.removeProfile.mockResolvedValueOnce({ ok: true, data: after });
    await useProfilesStore.getState().remove(acme.id);
    expect(useProfilesStore.getState().list).toEqual(after);
    expect(useProfilesStore.getState().rowErrors[acme.id]).toBeUndefined();
  });

  it('reads every profile’s tokens when the All profiles view is chosen', async () => {
    const { useProfilesStore } = await load();
    const all: CrossProfileTokens = {
      tokens: [],
      jobs: [{ profileName: 'Acme live', kind: 'sweep', state: 'running', done: 1, total: 9 }],
    };
    fake.api.listAllTokens.mockResolvedValue({ ok: true, data: all });
    useProfilesStore.getState().setLiveScope('profile');
    expect(fake.api.listAllTokens).not.toHaveBeenCalled();
    useProfilesStore.getState().setLiveScope('all');
    await flush();
    expect(useProfilesStore.getState().liveScope).toBe('all');
    expect(useProfilesStore.getState().all).toEqual(all);
  });
});

describe('connection store: profiles', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
  });
  afterEach(uninstallFakeApi);

  const load = () => import('../../../src-renderer/src/stores/connection-store');
  const TOKEN = 'org_token_123456';

  it('from demo, saves a new profile with the name typed', async () => {
    const { useConnectionStore } = await load();
    useConnectionStore.setState({
      status: {
        mode: 'demo',
        persisted: false,
        warnings: [],
        profile: { id: 'demo', name: 'Demo' },
      },
    });
    fake.api.connect.mockResolvedValue({ ok: true, data: acmeStatus });
    const s = useConnectionStore.getState();
    s.setEnvironment('sandbox');
    s.setTokenDraft(TOKEN);
    s.setProfileName(' Acme live ');
    await s.submit();
    expect(fake.api.connect).toHaveBeenCalledWith({
      environment: 'sandbox',
      token: TOKEN,
      profileName: 'Acme live',
    });
    expect(useConnectionStore.getState().profileName).toBe('');
  });

  it('beside a saved profile, "Save as a new profile" needs a name and sends it', async () => {
    const { useConnectionStore } = await load();
    useConnectionStore.setState({ status: acmeStatus });
    const s = useConnectionStore.getState();
    s.setEnvironment('sandbox');
    s.setTokenDraft(TOKEN);
    s.setSaveChoice('new');
    await useConnectionStore.getState().submit();
    expect(fake.api.connect).not.toHaveBeenCalled();
    expect(useConnectionStore.getState().check).toMatchObject({
      status: 'error',
      error: { message: 'Give the new profile a name.' },
    });

    fake.api.connect.mockResolvedValue({ ok: true, data: acmeStatus });
    useConnectionStore.getState().setProfileName('Beta');
    await useConnectionStore.getState().submit();
    expect(fake.api.connect).toHaveBeenCalledWith({
      environment: 'sandbox',
      token: TOKEN,
      profileName: 'Beta',
    });
  });

  it('asks before replacing with another organization’s token, then re-sends it confirmed', async () => {
    const { useConnectionStore } = await load();
    useConnectionStore.setState({ status: acmeStatus });
    const change = {
      from: { id: 'o-1', name: 'Acme Live Co.' },
      to: { id: 'o-2', name: 'Beta GmbH' },
    };
    fake.api.connect.mockResolvedValueOnce({
      ok: false,
      error: { kind: 'not-allowed', message: 'Another organization.', organizationChange: change },
    });
    const s = useConnectionStore.getState();
    s.setEnvironment('sandbox');
    s.setTokenDraft(TOKEN);
    await s.submit();
    expect(fake.api.connect).toHaveBeenLastCalledWith({ environment: 'sandbox', token: TOKEN });
    expect(useConnectionStore.getState().organizationChange).toEqual(change);
    // Not an error note: the question is asked instead; the typed token waits for the answer.
    expect(useConnectionStore.getState().check).toEqual({ status: 'idle' });
    expect(useConnectionStore.getState().tokenDraft).toBe(TOKEN);

    const beta = { ...acmeStatus, organization: change.to };
    fake.api.connect.mockResolvedValueOnce({ ok: true, data: beta });
    await useConnectionStore.getState().confirmOrganizationChange();
    expect(fake.api.connect).toHaveBeenLastCalledWith({
      environment: 'sandbox',
      token: TOKEN,
      confirmOrganizationChange: true,
    });
    const after = useConnectionStore.getState();
    expect(after.organizationChange).toBeUndefined();
    expect(after.tokenDraft).toBe('');
    expect(after.check).toEqual({ status: 'ok', organization: 'Beta GmbH' });
  });

  it('Cancel on the organization question drops the typed token and sends nothing more', async () => {
    const { useConnectionStore } = await load();
    useConnectionStore.setState({ status: acmeStatus });
    fake.api.connect.mockResolvedValue({
      ok: false,
      error: {
        kind: 'not-allowed',
        message: 'Another organization.',
        organizationChange: {
          from: { id: 'o-1', name: 'Acme Live Co.' },
          to: { id: 'o-2', name: 'Beta GmbH' },
        },
      },
    });
    const s = useConnectionStore.getState();
    s.setEnvironment('sandbox');
    s.setTokenDraft(TOKEN);
    await s.submit();
    const key = useConnectionStore.getState().tokenFieldKey;
    useConnectionStore.getState().cancelOrganizationChange();
    expect(useConnectionStore.getState().organizationChange).toBeUndefined();
    expect(useConnectionStore.getState().tokenDraft).toBe('');
    expect(useConnectionStore.getState().tokenFieldKey).toBe(key + 1);
    await useConnectionStore.getState().confirmOrganizationChange();
    expect(fake.api.connect).toHaveBeenCalledTimes(1);
  });

  it('a refused confirmed replace shows its error instead of asking again', async () => {
    const { useConnectionStore } = await load();
    useConnectionStore.setState({ status: acmeStatus });
    const change = {
      from: { id: 'o-1', name: 'Acme Live Co.' },
      to: { id: 'o-2', name: 'Beta GmbH' },
    };
    fake.api.connect.mockResolvedValue({
      ok: false,
      error: { kind: 'not-allowed', message: 'Refused.', organizationChange: change },
    });
    const s = useConnectionStore.getState();
    s.setEnvironment('sandbox');
    s.setTokenDraft(TOKEN);
    await s.submit();
    await useConnectionStore.getState().confirmOrganizationChange();
    expect(useConnectionStore.getState().organizationChange).toBeUndefined();
    expect(useConnectionStore.getState().check).toMatchObject({
      status: 'error',
      error: { message: 'Refused.' },
    });
  });
});
