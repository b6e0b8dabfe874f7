import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/audit';
import { DeelClient, type Person } from '../../../src-main/deel/client';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import {
  SessionService,
  type SessionServiceOptions,
} from '../../../src-main/sessions/session-service';
import {
  startSimulator,
  WORKER_TOKEN_TTL_MS,
  type RunningSimulator,
} from '../../../src-main/simulator';
import type { Session } from '../../../src-shared/contract';
import { memoryClipboard } from '../../support/fakes';
import { manualTimers } from '../../support/manual-timers';

// The session service against the real simulator over loopback HTTP, with one hand-moved clock
// shared by both so expiry can be tested without waiting 24 hours.

let sim: RunningSimulator;
let client: DeelClient;
let eor: Person[];
let nonEor: Person;
const timers = manualTimers();
const dirs: string[] = [];

async function open(overrides: Partial<SessionServiceOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sessions-'));
  dirs.push(dir);
  const audit = new AuditLog({ dir });
  const clipboard = memoryClipboard();
  const changes: Session[][] = [];
  const options: SessionServiceOptions = {
    api: client,
    clipboard,
    audit: (record) =>
      audit
        .append({ ...record, environment: 'custom', organization: sim.orgName })
        .then(() => undefined),
    file: join(dir, 'sessions.json'),
    timers,
    clipboardClearSeconds: () => 30,
    onChange: (list) => changes.push(list),
    ...overrides,
  };
  const { service } = await SessionService.open(options);
  return { service, dir, audit, clipboard, changes, options };
}

const flushEvents = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeAll(async () => {
  sim = await startSimulator({ workers: 60, seed: 11, rateLimit: false, now: () => timers.now() });
  client = new DeelClient({
    baseUrl: sim.url,
    token: sim.tokens.admin,
    // The simulator runs on the test's manual clock; so does "this machine" for the client.
    now: () => timers.now(),
    limiter: createRequestLimiter(200),
    retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 100 },
  });
  const people = (await client.listPeople({ limit: 60 })).people;
  eor = people.filter((p) => p.hiringType === 'eor' && p.hiringStatus === 'active');
  nonEor = people.find((p) => p.hiringType !== 'eor')!;
  expect(eor.length).toBeGreaterThan(12);
  expect(nonEor).toBeDefined();
});

afterAll(async () => {
  await sim.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => sim.setFaults({ dropRate: 0, errorRate: 0 }));

describe('SessionService against the simulator', () => {
  it('keeps the email main gave at mint with the session, on disk and after a reopen', async () => {
    const { service, options } = await open();
    const worker = eor[9]!;
    const session = await service.mint(worker.id, worker.name, 'listed@example.test');
    expect(session.workerEmail).toBe('listed@example.test');
    await service.close();
    const { service: again } = await SessionService.open(options);
    expect(again.list().find((s) => s.id === session.id)?.workerEmail).toBe('listed@example.test');
    await again.revoke(worker.id);
  });

  it('says why a live token value is gone: restarted, token forgotten, or connection switched', async () => {
    for (const reason of [undefined, 'token-forgotten', 'connection-switched'] as const) {
      const { service, options } = await open();
      const worker = eor[10]!;
      const session = await service.mint(worker.id, worker.name);
      expect(service.list()[0]).not.toHaveProperty('unavailableBecause');
      await service.close(reason);
      const { service: again } = await SessionService.open(options);
      const shown = again.list().find((s) => s.id === session.id);
      expect(shown).toMatchObject({
        state: 'live',
        available: false,
        unavailableBecause: reason ?? 'restarted',
      });
      await expect(again.reveal(session.id)).rejects.toThrow(
        reason === 'token-forgotten'
          ? /organization token was forgotten/
          : reason === 'connection-switched'
            ? /connected again/
            : /restarted/,
      );
      // A later quit keeps the first reason: the value went then, not at this restart.
      await again.close();
      const { service: third } = await SessionService.open(options);
      expect(third.list().find((s) => s.id === session.id)?.unavailableBecause).toBe(
        reason ?? 'restarted',
      );
      await third.revoke(worker.id);
      await third.close();
    }
  });

  it('mints a live token with Deel’s 24 h expiry, kept in memory only', async () => {
    const { service, dir } = await open();
    const worker = eor[0]!;
    const session = await service.mint(worker.id, worker.name);
    expect(session).toMatchObject({
      workerId: worker.id,
      state: 'live',
      available: true,
      revealed: false,
    });
    expect(Date.parse(session.expiresAt!) - timers.now()).toBe(WORKER_TOKEN_TTL_MS);
    const { token } = await service.reveal(session.id);
    expect(token).toMatch(/^sim_wkr_/);
    await service.flush();
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toContain(token);
    }
  });

  it("audits the mint and the revoke with Deel's request ids, and keeps the mint's on the session", async () => {
    const { service, audit } = await open();
    const worker = eor[5]!;
    const session = await service.mint(worker.id, worker.name);
    expect(session.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await service.revoke(worker.id);
    const entries = (await audit.read({ offset: 0, limit: 10 })).entries;
    const mint = entries.find((e) => e.action === 'mint' && e.workerId === worker.id);
    const revoke = entries.find((e) => e.action === 'revoke' && e.workerId === worker.id);
    expect(mint?.requestId).toBe(session.requestId);
    expect(revoke?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(revoke?.requestId).not.toBe(session.requestId);
  });

  it('a Verify that Deel refuses (401) marks the token rejected, not live', async () => {
    const { service, dir } = await open();
    const worker = eor[6]!;
    const session = await service.mint(worker.id, worker.name);
    await client.deleteWorkerSession(worker.id); // revoked elsewhere, e.g. by the White Label backend
    await expect(service.verify(session.id)).rejects.toMatchObject({ kind: 'auth' });
    expect(service.list().find((s) => s.id === session.id)).toMatchObject({
      state: 'rejected',
      available: false,
    });
    await service.flush();
    expect(readFileSync(join(dir, 'sessions.json'), 'utf8')).toContain('"rejected"');
  });

  it('refuses to mint or revoke when it cannot first write the intent: nothing is sent to Deel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessions-blocked-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'blocked'), ''); // a file where the folder should be: even root cannot write
    let sent = 0;
    const { service } = await open({
      file: join(dir, 'blocked', 'sessions.json'),
      api: {
        createWorkerSession: (id) => (sent++, client.createWorkerSession(id)),
        deleteWorkerSession: (id) => (sent++, client.deleteWorkerSession(id)),
        getMe: (token) => client.getMe(token),
      },
    });
    await expect(service.mint(eor[7]!.id, eor[7]!.name)).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('Nothing was sent to Deel'),
    });
    expect(service.list()).toEqual([]);
    await expect(service.revoke(eor[7]!.id)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(sent).toBe(0);
    // Once the folder can be written again, the same calls go through.
    rmSync(join(dir, 'blocked'));
    await expect(service.mint(eor[7]!.id, eor[7]!.name)).resolves.toMatchObject({ state: 'live' });
    await expect(service.revoke(eor[7]!.id)).resolves.toMatchObject({ outcome: 'revoked' });
    expect(sent).toBe(2);
  });

  it('when Deel has acted but the outcome cannot be audited, keeps the token and says so, never "nothing changed"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessions-audit-'));
    dirs.push(dir);
    let told = 0;
    const { service } = await open({
      // The intent goes to disk; the outcome line then fails (say, the disk filled up).
      audit: async (record) => {
        if (record.outcome !== 'intent')
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
      onSaveProblem: () => void (told += 1),
    });
    const session = await service.mint(eor[8]!.id, eor[8]!.name);
    expect(session).toMatchObject({ state: 'live', available: true });
    expect(service.saveProblem()).toEqual({ what: 'audit log', code: 'ENOSPC' });
    expect(told).toBe(1);
    await service.revoke(eor[8]!.id);
  });

  it('a mint or revoke cut off before its answer is "outcome unknown" at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessions-killed-'));
    dirs.push(dir);
    const file = join(dir, 'sessions.json');
    const never = () => new Promise<never>(() => undefined);
    /** A service whose calls go out and never come back: the process is killed meanwhile. */
    const cutOff = async () =>
      SessionService.open({
        ...(await open({ file })).options,
        api: {
          createWorkerSession: never,
          deleteWorkerSession: never,
          getMe: (t) => client.getMe(t),
        },
      });
    const hanging = await cutOff();
    void hanging.service.mint(eor[9]!.id, eor[9]!.name);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The process dies here (nothing after the intent is written). A new one starts:
    const restarted = await SessionService.open({ ...(await open({ file })).options });
    expect(restarted.service.list()).toEqual([
      expect.objectContaining({
        workerId: eor[9]!.id,
        state: 'outcome-unknown',
        pendingCall: 'mint',
      }),
    ]);

    // The same for a revoke: the live token's DELETE never answered.
    const live = await restarted.service.mint(eor[10]!.id, eor[10]!.name);
    await restarted.service.flush();
    const hangingRevoke = await cutOff();
    void hangingRevoke.service.revoke(eor[10]!.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await SessionService.open({ ...(await open({ file })).options });
    expect(again.service.list().find((s) => s.id === live.id)).toMatchObject({
      state: 'outcome-unknown',
      pendingCall: 'revoke',
    });
    // Both stay revocable.
    await expect(again.service.revoke(eor[9]!.id)).resolves.toBeDefined();
    await expect(again.service.revoke(eor[10]!.id)).resolves.toMatchObject({ outcome: 'revoked' });
  });

  it('reveals once per mint, then refuses', async () => {
    const { service } = await open();
    const session = await service.mint(eor[1]!.id, eor[1]!.name);
    expect((await service.reveal(session.id)).token).toBeTruthy();
    await expect(service.reveal(session.id)).rejects.toThrow(/already revealed/);
    expect(service.list().find((s) => s.id === session.id)?.revealed).toBe(true);
  });

  it('a reveal or copy whose audit line cannot be written does not let the token out', async () => {
    const { service, clipboard, audit } = await open({
      audit: async (record) => {
        if (record.action === 'reveal' || record.action === 'copy') {
          throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        }
        await audit.append({ ...record, environment: 'custom', organization: sim.orgName });
      },
    });
    const session = await service.mint(eor[2]!.id, eor[2]!.name);
    await expect(service.reveal(session.id)).rejects.toThrow(/Not revealed: .*\(ENOSPC\)/);
    expect(service.list().find((s) => s.id === session.id)?.revealed).toBe(false);
    await expect(service.copy(session.id)).rejects.toThrow(/Not copied: .*\(ENOSPC\)/);
    expect(await clipboard.readText()).toBe('');
  });

  it('verifies a token with GET /people/me: it authenticates that worker', async () => {
    const { service } = await open();
    const worker = eor[2]!;
    const session = await service.mint(worker.id, worker.name);
    // /people/me answers the worker's own profile: its numeric worker id, name and work email.
    // With no listing to compare against, the session's own name is what is checked.
    await expect(service.verify(session.id)).resolves.toEqual({
      profile: { id: worker.workerId, name: worker.name, email: worker.email },
      identity: {
        name: worker.name,
        email: worker.email,
        matches: true,
        mismatches: [],
        checked: ['name'],
      },
      requestId: expect.any(String),
    });
  });

  it('copies through the clipboard port and clears it only if it still holds the token', async () => {
    const { service, clipboard } = await open();
    const session = await service.mint(eor[3]!.id, eor[3]!.name);
    const { clearsAt } = await service.copy(session.id);
    expect(Date.parse(clearsAt) - timers.now()).toBe(30_000);
    const token = clipboard.text;
    expect(token).toMatch(/^sim_wkr_/);
    timers.advance(30_000);
    await flushEvents();
    expect(clipboard.text).toBe('');

    await service.copy(session.id);
    clipboard.text = 'something the operator copied since';
    timers.advance(30_000);
    await flushEvents();
    expect(clipboard.text).toBe('something the operator copied since');
  });

  it('clears a copied token at close instead of leaving it on the clipboard after quit', async () => {
    const { service, clipboard } = await open();
    const session = await service.mint(eor[3]!.id, eor[3]!.name);
    await service.copy(session.id);
    expect(clipboard.text).toMatch(/^sim_wkr_/);
    await service.close();
    expect(clipboard.text).toBe('');

    // What the operator copied since is theirs: close leaves it alone.
    const again = await open();
    const other = await again.service.mint(eor[4]!.id, eor[4]!.name);
    await again.service.copy(other.id);
    again.clipboard.text = 'something the operator copied since';
    await again.service.close();
    expect(again.clipboard.text).toBe('something the operator copied since');
  });

  it('a second mint supersedes the first, on Deel and in the console', async () => {
    const { service } = await open();
    const worker = eor[4]!;
    const first = await service.mint(worker.id, worker.name);
    const firstToken = (await service.reveal(first.id)).token;
    const second = await service.mint(worker.id, worker.name);
    const states = Object.fromEntries(service.list().map((s) => [s.id, s.state]));
    expect(states[first.id]).toBe('superseded');
    expect(states[second.id]).toBe('live');
    await expect(service.reveal(first.id)).rejects.toThrow(/superseded/);
    // Deel agrees: the old token no longer authenticates.
    await expect(client.getMe(firstToken)).rejects.toMatchObject({ kind: 'auth', status: 401 });
  });

  it('revokes: 204 then 404, shown as "no live token on Deel", both audited', async () => {
    const { service, audit } = await open();
    const worker = eor[5]!;
    await service.mint(worker.id, worker.name);
    // Each with Deel's request id of its answer (the 404's too).
    await expect(service.revoke(worker.id)).resolves.toEqual({
      workerId: worker.id,
      outcome: 'revoked',
      requestId: expect.any(String),
    });
    await expect(service.revoke(worker.id)).resolves.toEqual({
      workerId: worker.id,
      outcome: 'no-live-token',
      requestId: expect.any(String),
    });
    expect(service.list()[0]).toMatchObject({ state: 'revoked', available: false });
    const { entries } = await audit.read({ action: 'revoke' });
    expect(entries.map((e) => [e.outcome, e.detail])).toEqual([
      ['success', 'no live token on Deel (404)'],
      ['intent', 'request about to be sent'],
      ['success', 'revoked'],
      ['intent', 'request about to be sent'],
    ]);
  });

  it('expires tokens with one scheduler when their time comes', async () => {
    const { service, changes } = await open();
    const a = await service.mint(eor[6]!.id, eor[6]!.name);
    timers.advance(60_000);
    const b = await service.mint(eor[7]!.id, eor[7]!.name);
    timers.advance(WORKER_TOKEN_TTL_MS - 60_000);
    await flushEvents();
    const state = (id: string) => service.list().find((s) => s.id === id)?.state;
    expect(state(a.id)).toBe('expired');
    expect(state(b.id)).toBe('live');
    expect(changes.at(-1)?.find((s) => s.id === a.id)?.state).toBe('expired');
    timers.advance(60_000);
    expect(state(b.id)).toBe('expired');
  });

  it('keeps countdowns across a restart, without the token values', async () => {
    const first = await open();
    const session = await first.service.mint(eor[8]!.id, eor[8]!.name);
    await first.service.close();
    const { service } = await SessionService.open(first.options);
    const restored = service.list().find((s) => s.id === session.id);
    expect(restored).toMatchObject({
      state: 'live',
      expiresAt: session.expiresAt,
      available: false,
    });
    await expect(service.reveal(session.id)).rejects.toThrow(/in memory only/);
    // Still live on Deel: revoking from the restarted console works.
    await expect(service.revoke(eor[8]!.id)).resolves.toMatchObject({ outcome: 'revoked' });
  });

  it('moves a damaged metadata file aside and starts empty', async () => {
    const { options, service } = await open();
    await service.close();
    writeFileSync(options.file!, '{"version":1,"sessions":[{"token":"sim_wkr_leak"}]}');
    const reopened = await SessionService.open(options);
    expect(reopened.service.list()).toEqual([]);
    expect(reopened.problem).toMatchObject({
      unreadable: 1,
      copiedTo: expect.stringMatching(/sessions\.json\.corrupt-/),
    });
  });

  it('reports an ambiguous mint as outcome unknown, never retried', async () => {
    const { service, audit } = await open();
    const worker = eor[9]!;
    const live = await service.mint(worker.id, worker.name);
    sim.setFaults({ dropRate: 1 });
    await expect(service.mint(worker.id, worker.name)).rejects.toMatchObject({
      kind: 'outcome-unknown',
    });
    sim.setFaults({ dropRate: 0 });
    const states = service
      .list()
      .filter((s) => s.workerId === worker.id)
      .map((s) => s.state);
    expect(states.sort()).toEqual(['outcome-unknown', 'outcome-unknown']);
    expect(service.list().find((s) => s.id === live.id)?.available).toBe(false);
    const [entry] = (await audit.read({ action: 'mint' })).entries;
    expect(entry).toMatchObject({ outcome: 'unknown', detail: 'outcome-unknown' });
  });

  it('refuses a non-EOR worker with Deel’s validation error', async () => {
    const { service } = await open();
    await expect(service.mint(nonEor.id, nonEor.name)).rejects.toMatchObject({
      kind: 'validation',
      status: 400,
    });
    expect(service.list()).toEqual([]);
  });

  it('bulk-revokes with one result per worker, in order, with progress', async () => {
    const { service } = await open();
    const workers = eor.slice(10, 14);
    for (const w of workers.slice(0, 3)) await service.mint(w.id, w.name);
    const progress: number[] = [];
    const results = await service.bulkRevoke(
      workers.map((w) => w.id),
      (done) => progress.push(done),
    );
    expect(results.map((r) => [r.workerId, r.outcome])).toEqual([
      [workers[0]!.id, 'revoked'],
      [workers[1]!.id, 'revoked'],
      [workers[2]!.id, 'revoked'],
      [workers[3]!.id, 'no-live-token'],
    ]);
    expect(progress.sort()).toEqual([1, 2, 3, 4]);
  });
});
