import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionKey } from '../../../src-main/app/connection';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { bulkJobFileName, sessionsFileName } from '../../../src-main/sessions/connection-sessions';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { invokeChannels } from '../../../src-shared/channels';
import type {
  ConnectionStatus,
  CrossProfileTokens,
  Session,
  WorkersPage,
} from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { FakeCipher } from '../../support/fakes';
import { startTestCore, type TestCore } from '../../support/test-core';

// The whole main-process core as the app starts it, connected to a simulator "Deel" through the
// custom environment (http is allowed for loopback only), driven through the same dispatch the
// IPC layer uses.

let deel: RunningSimulator;
const dirs: string[] = [];
const running: TestCore[] = [];

beforeAll(async () => {
  deel = await startSimulator({ workers: 230, seed: 5, rateLimit: { perSecond: 5 } });
});
afterAll(async () => {
  for (const t of running) await t.core.close();
  await deel.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function boot(options: Parameters<typeof startTestCore>[0] = {}) {
  const t = await startTestCore(options);
  running.push(t);
  if (!dirs.includes(t.dir)) dirs.push(t.dir);
  const dispatch = createDispatch(t.core.handlers);
  const call = async <T>(method: keyof typeof invokeChannels, input?: unknown): Promise<T> => {
    const result = (await dispatch(invokeChannels[method], input)) as IpcResult<T>;
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.data;
  };
  return { ...t, dispatch, call };
}

async function stop(t: TestCore) {
  await t.core.close();
  running.splice(running.indexOf(t), 1);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function allPages(
  t: TestCore & { call: <T>(m: keyof typeof invokeChannels, i?: unknown) => Promise<T> },
  query: object,
) {
  const { queryId } = await t.call<{ queryId: string }>('queryWorkers', query);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const pages = t.events
      .filter((e) => e.channel === 'workers:page')
      .map((e) => e.payload as WorkersPage)
      .filter((p) => p.queryId === queryId);
    const last = pages.at(-1);
    if (last?.done) return pages;
    if (Date.now() > deadline) throw new Error('the worker stream did not finish');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const connectLive = (token = deel.tokens.admin) => ({
  environment: 'custom',
  customUrl: deel.url,
  token,
});

describe('the console core', () => {
  it('starts on demo data when no token is configured', async () => {
    const t = await boot();
    const status = await t.call<ConnectionStatus>('getConnection');
    expect(status).toMatchObject({ mode: 'demo', environment: 'demo', persisted: false });
    const overview = await t.call<{ workerCount: number }>('getOverview');
    expect(overview.workerCount).toBe(40);
    // The demo simulator mounts no control routes: no local process can set its faults.
    const control = await fetch(`${t.core.simulator()!.origin}/__sim/state`);
    expect(control.status).toBe(404);
    await stop(t);
  });

  it('runs a full flow, survives a restart, and writes no token to any file', async () => {
    const key = 0x21;
    const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
    const status = await t.call<ConnectionStatus>('connect', connectLive());
    expect(status).toMatchObject({
      mode: 'live',
      environment: 'custom',
      persisted: true,
      organization: { name: deel.orgName },
    });
    expect(status.tokenHint).toBe(`…${deel.tokens.admin.slice(-4)}`);
    expect(JSON.stringify(status)).not.toContain(deel.tokens.admin);

    // Workers stream page by page; every one arrives exactly once.
    const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
    const rows = pages.flatMap((p) => p.rows);
    expect(pages.at(-1)).toMatchObject({ done: true, loaded: rows.length, total: rows.length });
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(pages.length).toBeGreaterThan(2);
    const worker = rows[0]!;

    const session = await t.call<Session>('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    const { token } = await t.call<{ token: string }>('revealToken', { sessionId: session.id });
    await t.call('copyToken', { sessionId: session.id });
    expect(t.clipboard.text).toBe(token);
    await expect(t.call('verifyToken', { sessionId: session.id })).resolves.toMatchObject({
      profile: { name: worker.name },
    });

    const other = rows[1]!;
    const stillLive = await t.call<Session>('mintToken', {
      workerId: other.id,
      workerName: other.name,
      consentConfirmed: true,
    });
    await expect(t.call('revokeToken', { workerId: worker.id })).resolves.toMatchObject({
      outcome: 'revoked',
    });
    await stop(t);

    // Restart: the token was sealed, the countdown of the still-live token survived.
    const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
    expect(await again.call<ConnectionStatus>('getConnection')).toMatchObject({
      mode: 'live',
      persisted: true,
    });
    const restored = (await again.call<Session[]>('listSessions')).find(
      (s) => s.id === stillLive.id,
    );
    expect(restored).toMatchObject({
      state: 'live',
      expiresAt: stillLive.expiresAt,
      available: false,
    });
    await expect(again.call('revokeToken', { workerId: other.id })).resolves.toMatchObject({
      outcome: 'revoked',
    });
    const audit = await again.call<{
      entries: { action: string; outcome: string }[];
      chain: { ok: boolean };
    }>('auditPage', { limit: 50 });
    expect(audit.chain.ok).toBe(true);
    // Every call that changes Deel is written down (intent) before it is sent, then its outcome;
    // reading the token (reveal, copy) is a line of its own.
    expect(audit.entries.map((e) => `${e.action} ${e.outcome}`).reverse()).toEqual([
      'connect success',
      'mint intent',
      'mint success',
      'reveal success',
      'copy success',
      'verify success',
      'mint intent',
      'mint success',
      'revoke intent',
      'revoke success',
      'revoke intent',
      'revoke success',
    ]);
    await stop(again);

    // Nothing the console wrote holds the org token or a worker token.
    const secrets = [deel.tokens.admin, token];
    const written = filesUnder(t.dir);
    expect(written.some((f) => f.endsWith('audit-log.jsonl'))).toBe(true);
    expect(written.some((f) => /sessions-.*\.json$/.test(f))).toBe(true);
    for (const file of written) {
      const text = readFileSync(file, 'utf8');
      for (const secret of secrets)
        expect(text.includes(secret), `${file} holds a token`).toBe(false);
      expect(readFileSync(file).includes(Buffer.from(deel.tokens.admin)), file).toBe(false);
    }
  });

  it('names the missing scope when a read-only token tries to mint', async () => {
    const t = await boot();
    await t.call('connect', connectLive(deel.tokens.readOnly));
    const pages = await allPages(t, { hiringTypes: ['eor'] });
    const worker = pages[0]!.rows[0]!;
    await expect(
      t.call('mintToken', { workerId: worker.id, workerName: worker.name, consentConfirmed: true }),
    ).rejects.toMatchObject({ kind: 'scope', status: 403 });
    await stop(t);
  });

  it('refuses a bad token, keeps what it had, and audits the attempt', async () => {
    const t = await boot();
    await expect(t.call('connect', connectLive('sim_org_not_a_real_token'))).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
    expect(await t.call<ConnectionStatus>('getConnection')).toMatchObject({ mode: 'demo' });
    const audit = await t.call<{ entries: { action: string; outcome: string }[] }>('auditPage', {});
    expect(audit.entries[0]).toMatchObject({ action: 'connect', outcome: 'failure' });
    await expect(
      t.call('connect', {
        environment: 'custom',
        customUrl: 'http://deel.example.com/rest/v2',
        token: deel.tokens.admin,
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/https/i) });
    await stop(t);
  });

  it('keeps the token in memory only on a basic_text keyring, and says why', async () => {
    const t = await boot({ keyringBackend: 'basic_text' });
    const status = await t.call<ConnectionStatus>('connect', connectLive());
    expect(status).toMatchObject({ mode: 'live', persisted: false });
    expect(status.warnings.map((w) => w.code)).toContain('basic-text-keyring');
    await stop(t);
    expect(readFileSync(join(t.dir, 'config.json'), 'utf8')).not.toContain('ciphertext');
    const again = await boot({ dir: t.dir, keyringBackend: 'basic_text' });
    expect(await again.call<ConnectionStatus>('getConnection')).toMatchObject({ mode: 'demo' });
    await stop(again);
  });

  it('turns a token it cannot decrypt into "enter it again", and starts', async () => {
    const t = await boot({ cipher: new FakeCipher(0x21, 'gnome_libsecret') });
    await t.call('connect', connectLive());
    await stop(t);
    // Another keyring key: as after a keyring reset or under another OS user.
    const again = await boot({ dir: t.dir, cipher: new FakeCipher(0x42, 'gnome_libsecret') });
    const status = await again.call<ConnectionStatus>('getConnection');
    expect(status.mode).toBe('demo');
    expect(status.warnings.map((w) => w.code)).toContain('token-unavailable');
    await stop(again);
  });

  it('tells the page when it retries a rate-limited call on a live connection', async () => {
    const t = await boot();
    await t.call('connect', connectLive());
    deel.setFaults({ rateLimitStorm: 1 });
    await expect(t.call('getOverview')).resolves.toMatchObject({ workerCount: 230 });
    const notices = t.events.filter((e) => e.channel === 'deel:retrying').map((e) => e.payload);
    expect(notices).toEqual([{ status: 429, attempt: 1 }]);
    await stop(t);
  });

  it('copies a request id through main, and nothing that is not one', async () => {
    const t = await boot();
    await t.call('copyRequestId', { requestId: 'req_01J9ZK4-abc.def' });
    expect(t.clipboard.text).toBe('req_01J9ZK4-abc.def');
    await expect(
      t.call('copyRequestId', { requestId: 'Bearer sim_org_x y' }),
    ).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
    expect(t.clipboard.text).toBe('req_01J9ZK4-abc.def');
    await stop(t);
  });

  it('says when a sessions file had to be moved aside, until the operator dismisses it', async () => {
    const key = 0x33;
    const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
    const live = await t.call<ConnectionStatus>('connect', connectLive());
    await stop(t);
    const file = sessionsFileName(connectionKey('custom', live.organization!.id, deel.url));
    writeFileSync(join(t.dir, file), '{"version":1,"sessions":[{');
    const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
    const status = await again.call<ConnectionStatus>('getConnection');
    expect(status.mode).toBe('live');
    const warning = status.warnings.find((w) => w.code === 'sessions-recovered');
    expect(warning?.message).toMatch(
      /could not be read at all; the file as it was is kept as sessions-.*\.json\.corrupt-/,
    );
    expect(readdirSync(t.dir).some((f) => /^sessions-.*\.json\.corrupt-/.test(f))).toBe(true);
    const dismissed = await again.call<ConnectionStatus>('acknowledgeWarning', {
      code: 'sessions-recovered',
    });
    expect(dismissed.warnings.map((w) => w.code)).not.toContain('sessions-recovered');
    await stop(again);
  });

  it('rebuilds the tokens a lost sessions file listed from the audit log, as outcome unknown', async () => {
    const key = 0x37;
    const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
    const live = await t.call<ConnectionStatus>('connect', connectLive());
    const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
    const workers = pages.flatMap((p) => p.rows).slice(40, 43);
    for (const w of workers) {
      await t.call('mintToken', { workerId: w.id, workerName: w.name, consentConfirmed: true });
    }
    await t.call('revokeToken', { workerId: workers[2]!.id });
    await stop(t);
    const file = join(
      t.dir,
      sessionsFileName(connectionKey('custom', live.organization!.id, deel.url)),
    );
    writeFileSync(file, '\0\0\0');

    const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
    const sessions = await again.call<Session[]>('listSessions');
    // The two still live at Deel are back, as "outcome unknown" (revocable); the revoked one is not.
    expect(sessions.map((s) => [s.workerName, s.state]).sort()).toEqual(
      workers
        .slice(0, 2)
        .map((w) => [w.name, 'outcome-unknown'])
        .sort(),
    );
    const status = await again.call<ConnectionStatus>('getConnection');
    expect(status.warnings.find((w) => w.code === 'sessions-recovered')?.message).toMatch(
      /could not be read at all; the file as it was is kept as .*corrupt-.* 2 tokens Deel may still hold were rebuilt from the audit log/,
    );
    const { results } = await again.call<{ results: { outcome: string }[] }>('bulkRevoke', {
      workerIds: sessions.map((s) => s.workerId),
    });
    expect(results.map((r) => r.outcome)).toEqual(['revoked', 'revoked']);
    await stop(again);
  });

  it('mints nothing while another process writes the audit log, and says why', async () => {
    const key = 0x34;
    const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
    await t.call<ConnectionStatus>('connect', connectLive());
    await stop(t);
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    try {
      writeFileSync(
        join(t.dir, 'audit-log.jsonl.lock'),
        JSON.stringify({ pid: holder.pid, host: hostname() }),
      );
      const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
      const status = await again.call<ConnectionStatus>('getConnection');
      expect(status.warnings.find((w) => w.code === 'audit-locked')?.message).toContain(
        `pid ${holder.pid}`,
      );
      const liveAtDeel = async () =>
        ((await (await fetch(`${deel.origin}/__sim/state`)).json()) as { liveWorkerTokens: number })
          .liveWorkerTokens;
      const before = await liveAtDeel();
      const pages = await allPages(again, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
      const worker = pages[0]!.rows[0]!;
      await expect(
        again.call('mintToken', {
          workerId: worker.id,
          workerName: worker.name,
          consentConfirmed: true,
        }),
      ).rejects.toMatchObject({
        kind: 'unavailable',
        message: expect.stringContaining(
          `Nothing was sent to Deel: another console process (pid ${holder.pid})`,
        ),
      });
      expect(await liveAtDeel()).toBe(before);
      expect(await again.call<Session[]>('listSessions')).toEqual([]);
      await stop(again);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('sets a torn audit line aside at start, says so until dismissed, and the log verifies', async () => {
    const key = 0x35;
    const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
    await t.call<ConnectionStatus>('connect', connectLive());
    await stop(t);
    writeFileSync(join(t.dir, 'audit-log.jsonl'), '{"seq":2,"action":"mi', { flag: 'a' });
    const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
    const status = await again.call<ConnectionStatus>('getConnection');
    expect(status.warnings.find((w) => w.code === 'audit-recovered')?.message).toMatch(
      /cut short by an interrupted write \(21 bytes.*moved to audit-log\.jsonl\.torn-.*recorded in the audit log/,
    );
    const page = await again.call<{ chain: Record<string, unknown> }>('auditPage', {
      offset: 0,
      limit: 10,
    });
    expect(page.chain).toMatchObject({
      ok: true,
      anchored: true,
      incidents: [{ lost: false, detail: expect.stringContaining('21 bytes') }],
    });
    const dismissed = await again.call<ConnectionStatus>('acknowledgeWarning', {
      code: 'audit-recovered',
    });
    expect(dismissed.warnings.map((w) => w.code)).not.toContain('audit-recovered');
    await stop(again);
  });

  it('shows a bulk revoke the console died in as interrupted at start, and Resume finishes it', async () => {
    const key = 0x36;
    const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
    const live = await t.call<ConnectionStatus>('connect', connectLive());
    const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
    const workers = pages.flatMap((p) => p.rows).slice(20, 26);
    for (const w of workers) {
      await t.call('mintToken', { workerId: w.id, workerName: w.name, consentConfirmed: true });
    }
    const journalPath = join(
      t.dir,
      bulkJobFileName(connectionKey('custom', live.organization!.id, deel.url)),
    );
    // The journal as a crash would leave it: written when the job started, nothing finished.
    let atStart: string | undefined;
    const bulk = t.call<{ results: unknown[] }>('bulkRevoke', {
      workerIds: workers.slice(0, 3).map((w) => w.id),
    });
    for (let i = 0; i < 200 && atStart === undefined; i++) {
      try {
        const text = readFileSync(journalPath, 'utf8');
        if (text.includes('"queued"')) atStart = text;
      } catch {
        // not written yet
      }
      if (atStart === undefined) await new Promise((r) => setTimeout(r, 2));
    }
    await bulk;
    await stop(t);
    expect(atStart).toBeDefined();
    writeFileSync(journalPath, atStart!);

    const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
    const job = await again.call<{ state: string; items: { workerName: string }[] }>('getBulkJob');
    expect(job.state).toBe('interrupted');
    expect(job.items.map((i) => i.workerName)).toEqual(workers.slice(0, 3).map((w) => w.name));
    const { results } = await again.call<{ results: { outcome: string }[] }>('resumeBulkRevoke');
    // Deel had done them before the "crash": its own 404 says so, and nothing is shown live.
    expect(results.map((r) => r.outcome)).toEqual(Array(3).fill('no-live-token'));
    expect(await again.call('getBulkJob')).toMatchObject({ state: 'finished' });
    await again.call('dismissBulkJob');
    expect(await again.call('getBulkJob')).toBeNull();
    await stop(again);
  });

  it('a bulk revoke cut by a replace of the token sends nothing to the new organization', async () => {
    const otherLog: { method: string; path: string }[] = [];
    const other = await startSimulator({
      workers: 30,
      seed: 99,
      orgName: 'Other Org (simulated)',
      rateLimit: false,
      onRequest: (entry) => otherLog.push(entry),
    });
    const t = await boot();
    try {
      await t.call('connect', connectLive());
      const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
      const workers = pages.flatMap((p) => p.rows).slice(0, 8);
      expect(workers).toHaveLength(8);
      for (const w of workers) {
        await t.call('mintToken', { workerId: w.id, workerName: w.name, consentConfirmed: true });
      }
      // Each DELETE at the first organization takes 500 ms: the switch lands while 4 are out.
      deel.setFaults({ latency: { fixedMs: 500 } });
      const bulk = t.call<{
        results: {
          workerId: string;
          outcome: string;
          error?: { kind: string };
          notSentBecause?: string;
        }[];
      }>('bulkRevoke', { workerIds: workers.map((w) => w.id) });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // A replace of the profile's token by another organization's (confirmed): the profile's
      // sessions start afresh, so the job stops.
      await t.call('connect', {
        environment: 'custom',
        customUrl: other.url,
        token: other.tokens.admin,
        confirmOrganizationChange: true,
      });
      const { results } = await bulk;
      deel.setFaults({ latency: { fixedMs: 0 } });
      const revoked = results.filter((r) => r.outcome === 'revoked');
      // Not sent: taken after the switch (refused by the bound client) or never taken (stopped).
      const unsent = results.filter((r) => r.outcome === 'not-sent' || r.outcome === 'failed');
      expect(revoked.length + unsent.length).toBe(8);
      expect(unsent.length).toBeGreaterThan(0);
      for (const r of unsent) {
        if (r.outcome === 'failed') expect(r.error?.kind).toBe('unavailable');
        else expect(r.notSentBecause).toBe('connection-switch');
      }
      // Not one DELETE went to the organization switched to.
      expect(otherLog.filter((e) => e.method === 'DELETE')).toEqual([]);
      // Back on the first organization, the tokens that were not revoked are still live there,
      // and the job is shown as stopped, with Resume finishing it there.
      await t.call('connect', { ...connectLive(), confirmOrganizationChange: true });
      const sessions = await t.call<Session[]>('listSessions');
      for (const r of unsent) {
        expect(sessions.find((s) => s.workerId === r.workerId)?.state).toBe('live');
      }
      const job = await t.call<{ state: string; items: { workerId: string; state: string }[] }>(
        'getBulkJob',
      );
      expect(job.state).toBe('stopped');
      expect(job.items.filter((i) => i.state === 'revoked')).toHaveLength(revoked.length);
      const resumed = await t.call<{ results: { workerId: string; outcome: string }[] }>(
        'resumeBulkRevoke',
      );
      expect(resumed.results.map((r) => r.workerId).sort()).toEqual(
        unsent.map((r) => r.workerId).sort(),
      );
      expect(resumed.results.every((r) => r.outcome === 'revoked')).toBe(true);
      expect(await t.call('getBulkJob')).toMatchObject({ state: 'finished' });
      expect(otherLog.filter((e) => e.method === 'DELETE')).toEqual([]);
    } finally {
      deel.setFaults({ latency: { fixedMs: 0 } });
      await stop(t);
      await other.close();
    }
  });

  it('a bulk revoke goes on in the background when the operator switches profile, with its own organization', async () => {
    const otherLog: { method: string; path: string }[] = [];
    const other = await startSimulator({
      workers: 30,
      seed: 98,
      orgName: 'Other Org (simulated)',
      rateLimit: false,
      onRequest: (entry) => otherLog.push(entry),
    });
    const t = await boot();
    try {
      const first = await t.call<ConnectionStatus>('connect', connectLive());
      const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
      const workers = pages.flatMap((p) => p.rows).slice(0, 6);
      for (const w of workers) {
        await t.call('mintToken', { workerId: w.id, workerName: w.name, consentConfirmed: true });
      }
      deel.setFaults({ latency: { fixedMs: 300 } });
      const bulk = t.call<{ results: { workerId: string; outcome: string }[] }>('bulkRevoke', {
        workerIds: workers.map((w) => w.id),
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await t.call<ConnectionStatus>('connect', {
        environment: 'custom',
        customUrl: other.url,
        token: other.tokens.admin,
        profileName: 'Other',
      });
      expect(second.profile?.name).toBe('Other');
      expect(second.organization?.name).toBe('Other Org (simulated)');
      // While it runs, the job shows in the cross-profile view under the first profile.
      const during = await t.call<CrossProfileTokens>('listAllTokens');
      expect(during.jobs).toEqual([
        expect.objectContaining({
          profileId: first.profile?.id,
          kind: 'bulk-revoke',
          state: 'running',
        }),
      ]);
      const { results } = await bulk;
      deel.setFaults({ latency: { fixedMs: 0 } });
      expect(results.map((r) => r.outcome)).toEqual(workers.map(() => 'revoked'));
      expect(otherLog.filter((e) => e.method === 'DELETE')).toEqual([]);
      // The new profile's list is its own; the first profile's tokens are all revoked.
      expect(await t.call<Session[]>('listSessions')).toEqual([]);
      const back = await t.call<ConnectionStatus>('switchProfile', {
        profileId: first.profile?.id,
      });
      expect(back.organization).toEqual(first.organization);
      expect(back.tokenHint).toBe(first.tokenHint);
      const sessions = await t.call<Session[]>('listSessions');
      expect(sessions.map((x) => x.state)).toEqual(workers.map(() => 'revoked'));
      expect(await t.call('getBulkJob')).toMatchObject({ state: 'finished' });
      const none = await t.call<CrossProfileTokens>('listAllTokens');
      expect(none).toEqual({ tokens: [], jobs: [] });
    } finally {
      deel.setFaults({ latency: { fixedMs: 0 } });
      await stop(t);
      await other.close();
    }
  });

  it('audits the name main listed for the worker, not the one the page sends', async () => {
    const t = await boot();
    try {
      await t.call('connect', connectLive());
      const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
      const worker = pages.flatMap((p) => p.rows)[2]!;
      const session = await t.call<Session>('mintToken', {
        workerId: worker.id,
        workerName: 'Somebody Else',
        consentConfirmed: true,
      });
      expect(session.workerName).toBe(worker.name);
      const audit = await t.call<{ entries: { action: string; workerName?: string }[] }>(
        'auditPage',
        { limit: 5 },
      );
      const mints = audit.entries.filter((e) => e.action === 'mint');
      expect(mints.map((e) => e.workerName)).toEqual([worker.name, worker.name]);
      await t.call('revokeToken', { workerId: worker.id });
    } finally {
      await stop(t);
    }
  });

  it('records with each session the email main listed (or Deel gives), and after Forget says so', async () => {
    const t = await boot();
    try {
      await t.call('connect', connectLive());
      const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
      const [listed, unlisted] = pages.flatMap((p) => p.rows).slice(4, 6) as [
        (typeof pages)[0]['rows'][0],
        (typeof pages)[0]['rows'][0],
      ];
      const minted = await t.call<Session>('mintToken', {
        workerId: listed.id,
        workerName: listed.name,
        consentConfirmed: true,
      });
      expect(minted.workerEmail).toBe(listed.email);
      expect(minted.workerEmail).toBeTruthy();
      // Not listed since this connect: Deel's GET /people/{id} names it, email included.
      await t.call('connect', connectLive());
      const fromDeel = await t.call<Session>('mintToken', {
        workerId: unlisted.id,
        workerName: unlisted.name,
        consentConfirmed: true,
      });
      expect(fromDeel.workerEmail).toBe(unlisted.email);

      // Forget, then the same organization again: both still live, values gone, and why.
      await t.call('forgetToken');
      await t.call('connect', connectLive());
      const after = await t.call<Session[]>('listSessions');
      const byWorker = (id: string) => after.find((s) => s.workerId === id && s.state === 'live');
      // The first one's value went at the reconnect before Forget; the second's at Forget.
      expect(byWorker(listed.id)).toMatchObject({
        available: false,
        unavailableBecause: 'connection-switched',
        workerEmail: listed.email,
      });
      expect(byWorker(unlisted.id)).toMatchObject({
        available: false,
        unavailableBecause: 'token-forgotten',
      });
      await t.call('revokeToken', { workerId: listed.id });
      await t.call('revokeToken', { workerId: unlisted.id });
    } finally {
      await stop(t);
    }
  });

  it('a worker main has not listed is named as Deel names it (GET /people/{id}), not by the page', async () => {
    // Before: for a worker not listed since connecting, the page's workerName was audited.
    const t = await boot();
    try {
      await t.call('connect', connectLive());
      const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
      const worker = pages.flatMap((p) => p.rows)[3]!;
      // A new connect forgets the names main listed.
      await t.call('connect', connectLive());
      const session = await t.call<Session>('mintToken', {
        workerId: worker.id,
        workerName: 'Bearer not-the-worker',
        consentConfirmed: true,
      });
      expect(session.workerName).toBe(worker.name);
      await t.call('revokeToken', { workerId: worker.id });
    } finally {
      await stop(t);
    }
  });

  it('moves a damaged settings file aside, reports it, and starts', async () => {
    const t = await boot();
    await stop(t);
    writeFileSync(join(t.dir, 'config.json'), '{ "vault": { "token": "pasted by hand" ');
    const again = await boot({ dir: t.dir });
    const status = await again.call<ConnectionStatus>('getConnection');
    expect(status.mode).toBe('demo');
    expect(status.warnings.map((w) => w.code)).toContain('store-recovered');
    expect(readdirSync(t.dir).some((f) => f.startsWith('config.json.corrupt-'))).toBe(true);
    // Read and dismissed: the warning goes, for the page and for every later status.
    await expect(
      again.call('acknowledgeWarning', { code: 'token-unavailable' }),
    ).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
    const dismissed = await again.call<ConnectionStatus>('acknowledgeWarning', {
      code: 'store-recovered',
    });
    expect(dismissed.warnings.map((w) => w.code)).not.toContain('store-recovered');
    expect(
      (await again.call<ConnectionStatus>('getConnection')).warnings.map((w) => w.code),
    ).not.toContain('store-recovered');
    await stop(again);
  });
});

describe('the sealed token is bound to where it may be sent', () => {
  const readConfig = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
      vault: Record<string, unknown> & { version: number; baseUrl: string };
    };
  const writeConfig = (dir: string, config: unknown) =>
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));

  it('a base URL edited in the settings file gets no token: "token unavailable" instead', async () => {
    // Before: editing only vault.environment / vault.baseUrl (the ciphertext untouched) sent
    // Authorization: Bearer <org token> to the edited host on the first call after a restart.
    const key = 0x41;
    const seen: string[] = [];
    const attacker = await startSimulator({
      workers: 5,
      rateLimit: false,
      onRequest: (entry) => seen.push(entry.path),
    });
    try {
      const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
      await t.call<ConnectionStatus>('connect', connectLive());
      await stop(t);
      const config = readConfig(t.dir);
      expect(config.vault.version).toBe(2);
      for (const edit of [
        { baseUrl: attacker.url },
        { environment: 'production', baseUrl: attacker.url },
      ]) {
        writeConfig(t.dir, { ...config, vault: { ...config.vault, ...edit } });
        const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
        const status = await again.call<ConnectionStatus>('getConnection');
        expect(status.mode).toBe('demo');
        expect(status.warnings.map((w) => w.code)).toContain('token-unavailable');
        await again.call('getOverview');
        await stop(again);
      }
      expect(seen).toEqual([]);
    } finally {
      await attacker.close();
    }
  });

  it('a record sealed before the binding still opens, and is sealed again bound', async () => {
    const key = 0x42;
    const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
    const live = await t.call<ConnectionStatus>('connect', connectLive());
    await stop(t);
    const config = readConfig(t.dir);
    // A version-1 record: the token alone sealed (what earlier builds wrote).
    const legacy = await new FakeCipher(key, 'gnome_libsecret').encrypt(deel.tokens.admin);
    writeConfig(t.dir, {
      ...config,
      vault: { ...config.vault, version: 1, ciphertext: legacy.toString('base64') },
    });
    const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
    const status = await again.call<ConnectionStatus>('getConnection');
    expect(status).toMatchObject({ mode: 'live', organization: live.organization });
    await stop(again);
    expect(readConfig(t.dir).vault.version).toBe(2);
  });
});

describe('worker tokens stay with their organization and host', () => {
  it('a reconnect to another host answering the same org id never sends it a worker token', async () => {
    // Before: sessions were keyed by environment and org id only, so reconnecting from one
    // custom URL to another host that answered /organizations with the same id kept the live
    // worker tokens in memory, and Verify sent them to the new host.
    const seen: { method: string; path: string }[] = [];
    const twin = await startSimulator({
      workers: 230,
      seed: 5,
      rateLimit: false,
      onRequest: (entry) => seen.push(entry),
    });
    const t = await boot();
    try {
      const live = await t.call<ConnectionStatus>('connect', connectLive());
      const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
      const worker = pages.flatMap((p) => p.rows)[60]!;
      const minted = await t.call<Session>('mintToken', {
        workerId: worker.id,
        workerName: worker.name,
        consentConfirmed: true,
      });
      const other = await t.call<ConnectionStatus>('connect', {
        environment: 'custom',
        customUrl: twin.url,
        token: twin.tokens.admin,
      });
      expect(other.organization?.id).toBe(live.organization?.id);
      // Not the first host's sessions: the twin has its own (none).
      expect(await t.call<Session[]>('listSessions')).toEqual([]);
      await expect(t.call('verifyToken', { sessionId: minted.id })).rejects.toMatchObject({
        kind: expect.any(String),
      });
      expect(seen.filter((e) => e.path.endsWith('/people/me'))).toEqual([]);
      // Back on the first host, its session is there, but its value did not survive the
      // reconnect either: it can be revoked, not verified or revealed.
      await t.call('connect', connectLive());
      const back = await t.call<Session[]>('listSessions');
      expect(back.map((s) => s.id)).toContain(minted.id);
      await expect(t.call('verifyToken', { sessionId: minted.id })).rejects.toMatchObject({
        message: expect.stringContaining('The token value is gone'),
      });
      await t.call('revokeToken', { workerId: worker.id });
    } finally {
      await stop(t);
      await twin.close();
    }
  });

  it('takes over the sessions file an earlier build kept under the org id alone', async () => {
    const key = 0x43;
    const t = await boot({ cipher: new FakeCipher(key, 'gnome_libsecret') });
    const live = await t.call<ConnectionStatus>('connect', connectLive());
    const pages = await allPages(t, { hiringTypes: ['eor'], hiringStatuses: ['active'] });
    const worker = pages.flatMap((p) => p.rows)[61]!;
    await t.call('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    await stop(t);
    const current = join(
      t.dir,
      sessionsFileName(connectionKey('custom', live.organization!.id, deel.url)),
    );
    const legacy = join(t.dir, sessionsFileName(`custom-${live.organization!.id}`));
    writeFileSync(legacy, readFileSync(current));
    rmSync(current);
    const again = await boot({ dir: t.dir, cipher: new FakeCipher(key, 'gnome_libsecret') });
    const sessions = await again.call<Session[]>('listSessions');
    expect(sessions.map((s) => s.workerId)).toContain(worker.id);
    expect(readdirSync(t.dir)).not.toContain(legacy.split('/').pop());
    await again.call('revokeToken', { workerId: worker.id });
    await stop(again);
  });
});

describe('an installed build', () => {
  it('sends the org token to a loopback host only behind the developer setting', async () => {
    // Before: an installed console accepted http://127.0.0.1 (or a private address) as a custom
    // Deel URL like any other, and sent the org token there.
    const t = await boot({ packaged: true });
    await expect(t.call('connect', connectLive())).rejects.toMatchObject({
      kind: 'invalid-argument',
      message: expect.stringContaining('a loopback Deel host is a developer setup'),
    });
    const settings = await t.call<Record<string, unknown>>('getSettings');
    await t.call('updateSettings', { ...settings, allowLoopbackHost: true });
    const status = await t.call<ConnectionStatus>('connect', connectLive());
    expect(status.mode).toBe('live');
    await stop(t);
  });
});
