import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { invokeChannels } from '../../../src-shared/channels';
import type {
  AuditPage,
  ConnectionStatus,
  CrossProfileTokens,
  ProfileList,
  Session,
  WorkersPage,
} from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { FakeCipher } from '../../support/fakes';
import { manualTimers } from '../../support/manual-timers';
import { startTestCore, type TestCore } from '../../support/test-core';

// Connection profiles (issue 17.1): saved profiles, each with its own sealed org token and its
// own sessions, switched in one step; the demo profile is built in; tokens of every profile
// are listed together, and a replace by another organization's token needs a confirmation.

let acme: RunningSimulator;
let globex: RunningSimulator;
const running: TestCore[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  [acme, globex] = await Promise.all([
    startSimulator({ workers: 20, seed: 31, orgName: 'Acme Profiles Ltd', rateLimit: false }),
    startSimulator({ workers: 20, seed: 32, orgName: 'Globex Profiles Inc', rateLimit: false }),
  ]);
});
afterAll(async () => {
  for (const t of running) await t.core.close();
  await Promise.all([acme.close(), globex.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function boot(options: Parameters<typeof startTestCore>[0] = {}) {
  const t = await startTestCore(options);
  running.push(t);
  if (!dirs.includes(t.dir)) dirs.push(t.dir);
  const dispatch = createDispatch(t.core.handlers);
  const call = async <T>(method: keyof typeof invokeChannels, input?: unknown) =>
    (await dispatch(invokeChannels[method], input)) as IpcResult<T>;
  const ok = async <T>(method: keyof typeof invokeChannels, input?: unknown): Promise<T> => {
    const result = await call<T>(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.data;
  };
  const stop = async () => {
    await t.core.close();
    running.splice(running.indexOf(t), 1);
  };
  return { ...t, call, ok, stop };
}
type Booted = Awaited<ReturnType<typeof boot>>;

const custom = (sim: RunningSimulator, extra: Record<string, unknown> = {}) => ({
  environment: 'custom',
  customUrl: sim.url,
  token: sim.tokens.admin,
  ...extra,
});

/** The first active EOR worker of the connection in use, as main streams it to the page. */
async function firstWorker(t: Booted): Promise<{ id: string; name: string }> {
  const { queryId } = await t.ok<{ queryId: string }>('queryWorkers', {
    hiringTypes: ['eor'],
    hiringStatuses: ['active'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = t.events
      .filter((e) => e.channel === 'workers:page')
      .map((e) => e.payload as WorkersPage)
      .find((p) => p.queryId === queryId && p.rows.length > 0);
    if (page) return page.rows[0]!;
    if (Date.now() > deadline) throw new Error('no worker was listed');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function mintFirst(t: Booted, reason?: string): Promise<Session> {
  const worker = await firstWorker(t);
  return t.ok<Session>('mintToken', {
    workerId: worker.id,
    workerName: worker.name,
    consentConfirmed: true,
    ...(reason && { reason }),
  });
}

describe('connection profiles', () => {
  it('keeps one sealed token per profile and switches in one step, across a restart', async () => {
    const cipher = new FakeCipher(0x41);
    const t = await boot({ cipher });
    expect((await t.ok<ProfileList>('listProfiles')).profiles.map((p) => p.id)).toEqual(['demo']);
    const a = await t.ok<ConnectionStatus>('connect', custom(acme, { profileName: 'Acme' }));
    const g = await t.ok<ConnectionStatus>('connect', custom(globex, { profileName: 'Globex' }));
    expect(a.profile?.name).toBe('Acme');
    expect(g).toMatchObject({ mode: 'live', organization: { name: 'Globex Profiles Inc' } });

    const list = await t.ok<ProfileList>('listProfiles');
    expect(list.profiles.map((p) => [p.name, p.active, p.organization?.name])).toEqual([
      ['Demo', false, expect.any(String)],
      ['Acme', false, 'Acme Profiles Ltd'],
      ['Globex', true, 'Globex Profiles Inc'],
    ]);
    const back = await t.ok<ConnectionStatus>('switchProfile', { profileId: a.profile!.id });
    expect(back).toMatchObject({
      mode: 'live',
      organization: a.organization,
      tokenHint: a.tokenHint,
    });
    // Neither token is in the settings file in plaintext.
    const config = readFileSync(join(t.dir, 'config.json'), 'utf8');
    expect(config).not.toContain(acme.tokens.admin);
    expect(config).not.toContain(globex.tokens.admin);

    await t.stop();
    const again = await boot({ dir: t.dir, cipher });
    const status = await again.ok<ConnectionStatus>('getConnection');
    expect(status).toMatchObject({ mode: 'live', profile: { name: 'Acme' } });
    const demo = await again.ok<ConnectionStatus>('switchProfile', { profileId: 'demo' });
    expect(demo).toMatchObject({ mode: 'demo', profile: { id: 'demo' } });
    const audit = await again.ok<AuditPage>('auditPage', { action: 'profile-switched' });
    expect(audit.entries[0]?.detail).toBe('from "Acme" to "Demo"');
  });

  it('lists the tokens of every profile, the demo one included, while another is in use', async () => {
    const t = await boot();
    const demoToken = await mintFirst(t);
    const a = await t.ok<ConnectionStatus>('connect', custom(acme, { profileName: 'Acme' }));
    const acmeToken = await mintFirst(t);
    const all = await t.ok<CrossProfileTokens>('listAllTokens');
    expect(
      all.tokens.map((row) => [row.profileName, row.active, row.session.id, row.session.state]),
    ).toEqual(
      expect.arrayContaining([
        ['Acme', true, acmeToken.id, 'live'],
        ['Demo', false, demoToken.id, 'live'],
      ]),
    );
    expect(all.tokens).toHaveLength(2);
    // No token value crosses: sessions are metadata only.
    expect(JSON.stringify(all)).not.toMatch(/wkr_|token_/);

    // Back to demo: its token is the same one, still live on the demo simulator.
    await t.ok('switchProfile', { profileId: 'demo' });
    const sessions = await t.ok<Session[]>('listSessions');
    expect(sessions.map((s) => [s.id, s.state])).toEqual([[demoToken.id, 'live']]);

    // A profile with a token Deel may hold is not removed.
    const refused = await t.call('removeProfile', { profileId: a.profile!.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'not-allowed', message: expect.stringContaining('may still hold 1 token') },
    });
    await t.ok('switchProfile', { profileId: a.profile!.id });
    await t.ok('revokeToken', { workerId: acmeToken.workerId });
    await t.ok('switchProfile', { profileId: 'demo' });
    const removed = await t.ok<ProfileList>('removeProfile', { profileId: a.profile!.id });
    expect(removed.profiles.map((p) => p.name)).toEqual(['Demo']);
    const audit = await t.ok<AuditPage>('auditPage', { action: 'profile-removed' });
    expect(audit.entries).toHaveLength(1);
  });

  it('warns before a replace by another organization, and refuses a second profile for one organization', async () => {
    const t = await boot();
    const a = await t.ok<ConnectionStatus>('connect', custom(acme));
    expect(a.profile?.name).toBe('Acme Profiles Ltd (custom)');
    const replace = await t.call('connect', custom(globex));
    expect(replace).toMatchObject({
      ok: false,
      error: {
        kind: 'not-allowed',
        organizationChange: {
          from: { name: 'Acme Profiles Ltd' },
          to: { name: 'Globex Profiles Inc' },
        },
      },
    });
    expect((await t.ok<ConnectionStatus>('getConnection')).organization).toEqual(a.organization);

    const twice = await t.call('connect', custom(acme, { profileName: 'Acme again' }));
    expect(twice).toMatchObject({
      ok: false,
      error: { kind: 'not-allowed', message: expect.stringContaining('already connects') },
    });
    const sameName = await t.call(
      'connect',
      custom(globex, { profileName: 'acme profiles ltd (custom)' }),
    );
    expect(sameName).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect((await t.ok<ProfileList>('listProfiles')).profiles).toHaveLength(2);
  });

  it('revokes every token this console minted across profiles, each profile as its own job', async () => {
    const t = await boot();
    await mintFirst(t);
    await t.ok('connect', custom(acme, { profileName: 'Acme' }));
    await mintFirst(t);
    const wrong = await t.call('revokeAcrossProfiles', { confirmation: 'yes' });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect((await t.ok<CrossProfileTokens>('listAllTokens')).tokens).toHaveLength(2);

    const result = await t.ok<{ profiles: { profileName: string; started: boolean }[] }>(
      'revokeAcrossProfiles',
      { confirmation: 'All profiles', reason: 'INC-7 laptop lost' },
    );
    expect(result.profiles.map((p) => [p.profileName, p.started]).sort()).toEqual([
      ['Acme', true],
      ['Demo', true],
    ]);
    const deadline = Date.now() + 20_000;
    while ((await t.ok<CrossProfileTokens>('listAllTokens')).tokens.length > 0) {
      if (Date.now() > deadline) throw new Error('the tokens were not all revoked');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const audit = await t.ok<AuditPage>('auditPage', { action: 'bulk-revoke', outcome: 'success' });
    expect(audit.entries.map((e) => [e.organization, e.reason]).sort()).toEqual(
      [
        ['Acme Profiles Ltd', 'INC-7 laptop lost'],
        [expect.stringContaining('Demo'), 'INC-7 laptop lost'],
      ].sort(),
    );
  });

  it('notifies before a token expires in a profile that is not in use', async () => {
    const notices: { title: string; body: string }[] = [];
    const timers = manualTimers(Date.now());
    const t = await boot({ timers, notify: (title, body) => notices.push({ title, body }) });
    await t.ok('updateSettings', { notifyBeforeExpiry: true });
    const demoToken = await mintFirst(t);
    await t.ok('connect', custom(acme, { profileName: 'Acme' }));
    expect((await t.ok<Session[]>('listSessions')).map((s) => s.id)).not.toContain(demoToken.id);
    timers.advance(Date.parse(demoToken.expiresAt!) - timers.now() - 11 * 60_000);
    expect(notices).toEqual([]);
    timers.advance(2 * 60_000);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toContain(demoToken.workerName);
  });

  it('makes a reason required per profile', async () => {
    const t = await boot();
    const a = await t.ok<ConnectionStatus>('connect', custom(acme, { profileName: 'Strict' }));
    await t.ok('updateProfile', { profileId: a.profile!.id, requireReason: true });
    const worker = await firstWorker(t);
    const refused = await t.call('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'invalid-argument', message: expect.stringContaining('profile "Strict"') },
    });
    await mintFirst(t, 'INC-42');
    // The demo profile has no such rule.
    await t.ok('switchProfile', { profileId: 'demo' });
    await mintFirst(t);
  });

  it('turns a token saved before profiles existed into the first profile', async () => {
    const cipher = new FakeCipher(0x41);
    const t = await boot({ cipher });
    await t.ok('connect', custom(acme));
    await t.stop();
    // What an older build wrote: the token's record alone, no profile list.
    const file = join(t.dir, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete config.profiles;
    writeFileSync(file, JSON.stringify(config));
    const again = await boot({ dir: t.dir, cipher });
    const status = await again.ok<ConnectionStatus>('getConnection');
    expect(status).toMatchObject({
      mode: 'live',
      organization: { name: 'Acme Profiles Ltd' },
      profile: { name: 'Acme Profiles Ltd' },
    });
  });
});
