import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/audit';
import { DeelClient, type Person } from '../../../src-main/deel/client';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import type { WorkerTokenApi } from '../../../src-main/sessions/ports';
import {
  SessionService,
  type SessionServiceOptions,
} from '../../../src-main/sessions/session-service';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { memoryClipboard } from '../../support/fakes';
import { manualTimers } from '../../support/manual-timers';

// Re-mint of an "outcome unknown" mint, at the session service, against the simulator over
// loopback HTTP: the mint's Idempotency-Key is written with its intent and re-sent by the
// re-mint. A replay makes that same session live with the token its mint created; a fresh
// answer (the key ignored) is a new session that supersedes it.

let sim: RunningSimulator;
/** Gives up on a mint after 100 ms: with `mintLatencyMs` above it, Deel mints unheard. */
let impatient: DeelClient;
let client: DeelClient;
let eor: Person[];
const timers = manualTimers();
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ workers: 60, seed: 13, rateLimit: false, now: () => timers.now() });
  const options = {
    baseUrl: sim.url,
    token: sim.tokens.admin,
    now: () => timers.now(),
    limiter: createRequestLimiter(200),
    retry: {
      limit: 2,
      baseDelayMs: 5,
      maxDelayMs: 20,
      maxRetryAfterMs: 2_000,
      rateLimitPauseMs: 20,
    },
  };
  client = new DeelClient(options);
  impatient = new DeelClient({ ...options, timeoutMs: 100 });
  eor = (await client.listPeople({ limit: 60 })).people.filter(
    (p) => p.hiringType === 'eor' && p.hiringStatus === 'active',
  );
  expect(eor.length).toBeGreaterThan(6);
});
afterEach(() =>
  sim.setFaults({ mintLatencyMs: 0, ignoreIdempotencyKeys: false, rateLimitStorm: false }),
);
afterAll(async () => {
  await sim.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every mint key the service hands the API, in order. */
const keysSent: string[] = [];
function via(target: () => DeelClient): WorkerTokenApi {
  return {
    createWorkerSession: (id, options) => {
      keysSent.push(options.idempotencyKey);
      return target().createWorkerSession(id, options);
    },
    deleteWorkerSession: (id) => client.deleteWorkerSession(id),
    getMe: (token) => client.getMe(token),
  };
}

async function open(dir: string, api: WorkerTokenApi) {
  const audit = new AuditLog({ dir });
  const options: SessionServiceOptions = {
    api,
    clipboard: memoryClipboard(),
    audit: (record) =>
      audit
        .append({ ...record, environment: 'custom', organization: sim.orgName })
        .then(() => undefined),
    file: join(dir, 'sessions.json'),
    timers,
    clipboardClearSeconds: () => 30,
    onChange: () => undefined,
  };
  const { service } = await SessionService.open(options);
  return { service, audit };
}

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'remint-'));
  dirs.push(dir);
  return dir;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fingerprint of the token the simulator ("Deel") holds live for a worker. */
async function heldBy(profileId: string): Promise<string | undefined> {
  const res = await fetch(`${sim.origin}/__sim/worker-sessions`);
  const { sessions } = (await res.json()) as {
    sessions: { profileId: string; fingerprint: string }[];
  };
  return sessions.find((s) => s.profileId === profileId)?.fingerprint;
}

/** Waits until Deel holds a token for the worker other than `not`: the unheard mint landed. */
async function untilHeld(profileId: string, not?: string): Promise<string> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    const held = await heldBy(profileId);
    if (held && held !== not) return held;
    await sleep(20);
  }
  throw new Error('the simulator never minted');
}

/** A mint whose answer never reaches the console, while Deel mints: "outcome unknown". */
async function lostMint(service: SessionService, worker: Person, before?: string) {
  sim.setFaults({ mintLatencyMs: 250 });
  await expect(service.mint(worker.id, worker.name)).rejects.toMatchObject({
    kind: 'outcome-unknown',
  });
  sim.setFaults({ mintLatencyMs: 0 });
  return untilHeld(worker.id, before);
}

describe('Re-mint of an "outcome unknown" mint', () => {
  it('re-sends the same key; Deel replays: the same session becomes live with the original token', async () => {
    const dir = freshDir();
    let target = impatient;
    const { service, audit } = await open(
      dir,
      via(() => target),
    );
    const worker = eor[0]!;
    // An earlier live token, which the lost mint superseded at Deel.
    const earlier = await service.mint(worker.id, worker.name);
    keysSent.length = 0;
    const orphanHeld = await lostMint(service, worker, await heldBy(worker.id));
    const [unknown] = service.list().filter((s) => s.state === 'outcome-unknown' && s.pendingCall);
    expect(unknown).toMatchObject({ workerId: worker.id, pendingCall: 'mint' });
    // The key went to disk with the intent (and is not shown to the page).
    await service.flush();
    const stored = JSON.parse(readFileSync(join(dir, 'sessions.json'), 'utf8')) as {
      sessions: { id: string; idempotencyKey?: string }[];
    };
    expect(stored.sessions.find((s) => s.id === unknown!.id)?.idempotencyKey).toBe(keysSent[0]);
    expect(unknown).not.toHaveProperty('idempotencyKey');

    target = client;
    const remint = await service.mint(worker.id, worker.name);
    expect(keysSent).toHaveLength(2);
    expect(keysSent[1]).toBe(keysSent[0]);
    // No second session: the outcome-unknown one is now live, with the token its mint created.
    expect(remint.id).toBe(unknown!.id);
    expect(remint).toMatchObject({
      state: 'live',
      available: true,
      originalRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(remint.requestId).not.toBe(remint.originalRequestId);
    const { token } = await service.reveal(remint.id);
    expect(sha256(token)).toBe(orphanHeld);
    expect(await heldBy(worker.id)).toBe(orphanHeld);
    const mine = service.list().filter((s) => s.workerId === worker.id);
    expect(mine.map((s) => [s.id, s.state]).sort()).toEqual(
      [
        [earlier.id, 'superseded'],
        [remint.id, 'live'],
      ].sort(),
    );

    const entries = (await audit.read({ offset: 0, limit: 20 })).entries.filter(
      (e) => e.action === 'mint' && e.workerId === worker.id && e.outcome === 'success',
    );
    const replayLine = entries.find((e) => e.detail?.includes('replayed'));
    expect(replayLine?.detail).toContain(`replayed original request ${remint.originalRequestId}`);
    expect(replayLine?.requestId).toBe(remint.requestId);
    // The earlier token was superseded (its own line); the replayed mint's session was not.
    const superseded = (await audit.read({ workerId: worker.id, limit: 20 })).entries.filter(
      (e) => e.action === 'token-superseded',
    );
    expect(superseded).toHaveLength(1);
    expect(superseded[0]?.requestId).toBe(earlier.requestId);
    expect(readFileSync(join(dir, 'sessions.json'), 'utf8')).not.toContain(token);
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('keeps the key across a restart: the re-mint after it still gets the original token', async () => {
    const dir = freshDir();
    const worker = eor[1]!;
    // The console is killed after the POST left: Deel mints, nothing is recorded.
    const killed = await open(dir, {
      ...via(() => client),
      createWorkerSession: (id, options) => {
        keysSent.push(options.idempotencyKey);
        void client.createWorkerSession(id, options);
        return new Promise<never>(() => undefined);
      },
    });
    keysSent.length = 0;
    void killed.service.mint(worker.id, worker.name);
    const held = await untilHeld(worker.id);
    await sleep(20);

    const restarted = await open(
      dir,
      via(() => client),
    );
    const [unknown] = restarted.service.list();
    expect(unknown).toMatchObject({ state: 'outcome-unknown', pendingCall: 'mint' });
    const remint = await restarted.service.mint(worker.id, worker.name);
    expect(keysSent).toEqual([keysSent[0], keysSent[0]]);
    expect(remint).toMatchObject({ id: unknown!.id, state: 'live' });
    expect(remint.originalRequestId).toBeDefined();
    expect(sha256((await restarted.service.reveal(remint.id)).token)).toBe(held);
  });

  it('a refused re-mint leaves the mint "outcome unknown" with its key, for the next re-mint', async () => {
    const dir = freshDir();
    let target = impatient;
    const { service } = await open(
      dir,
      via(() => target),
    );
    const worker = eor[2]!;
    keysSent.length = 0;
    const held = await lostMint(service, worker);
    target = client;
    // Refused before Deel looked at the key: 429s past the client's retries (limit 2).
    sim.setFaults({ rateLimitStorm: 3 });
    await expect(service.mint(worker.id, worker.name)).rejects.toMatchObject({
      kind: 'rate-limit',
    });
    expect(service.list()).toEqual([
      expect.objectContaining({ state: 'outcome-unknown', pendingCall: 'mint' }),
    ]);
    const remint = await service.mint(worker.id, worker.name);
    expect(keysSent).toEqual([keysSent[0], keysSent[0], keysSent[0]]);
    expect(keysSent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(remint.originalRequestId).toBeDefined();
    expect(sha256((await service.reveal(remint.id)).token)).toBe(held);
  });

  it('when Deel ignores the key, the new token is a new session that supersedes the orphan', async () => {
    sim.setFaults({ ignoreIdempotencyKeys: true });
    const dir = freshDir();
    let target = impatient;
    const { service, audit } = await open(
      dir,
      via(() => target),
    );
    const worker = eor[3]!;
    keysSent.length = 0;
    const orphanHeld = await lostMint(service, worker);
    sim.setFaults({ ignoreIdempotencyKeys: true });
    const [unknown] = service.list();
    target = client;
    const remint = await service.mint(worker.id, worker.name);
    expect(keysSent[1]).toBe(keysSent[0]); // the key was re-sent; Deel did not honour it
    expect(remint.id).not.toBe(unknown!.id);
    expect(remint).toMatchObject({ state: 'live', available: true });
    expect(remint.originalRequestId).toBeUndefined();
    const token = (await service.reveal(remint.id)).token;
    expect(sha256(token)).not.toBe(orphanHeld);
    expect(await heldBy(worker.id)).toBe(sha256(token));
    expect(service.list().find((s) => s.id === unknown!.id)).toMatchObject({
      state: 'superseded',
    });
    expect(service.list().find((s) => s.id === unknown!.id)?.pendingCall).toBeUndefined();
    const line = (await audit.read({ offset: 0, limit: 20 })).entries.find(
      (e) => e.action === 'mint' && e.outcome === 'success' && e.workerId === worker.id,
    );
    expect(line?.detail).toMatch(/did not replay the earlier mint/);
    expect(line?.detail).toMatch(/supersedes any token that mint created/);
    // The orphan gets its own line, after the mint that superseded it.
    // (The reveal that checked the token is a line of its own: not what this is about.)
    const lines = (await audit.read({ workerId: worker.id, limit: 20 })).entries.filter(
      (entry) => entry.action !== 'reveal',
    );
    expect(lines[0]).toMatchObject({ action: 'token-superseded', outcome: 'success' });
    expect(lines[0]?.detail).toBe(
      `minted ${unknown!.mintedAt}; expiry unknown (its mint had no answer); replaced by a new mint (request ${remint.requestId})`,
    );
    expect(lines[1]).toMatchObject({ action: 'mint', outcome: 'success' });
  });

  it('a plain mint (no outcome-unknown one before it) sends a new key each time', async () => {
    const { service } = await open(
      freshDir(),
      via(() => client),
    );
    keysSent.length = 0;
    const first = await service.mint(eor[4]!.id, eor[4]!.name);
    const second = await service.mint(eor[4]!.id, eor[4]!.name);
    expect(new Set(keysSent).size).toBe(2);
    expect(second.id).not.toBe(first.id);
    expect(second.originalRequestId).toBeUndefined();
  });
});
