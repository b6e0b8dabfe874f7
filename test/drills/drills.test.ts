/**
 * Fault drills (issue 13, point 7): the console core runs in a child process against the
 * simulator and is killed with SIGKILL at random points of mint, revoke and bulk revoke; its
 * user-data folder is a 64 KiB disk that fills up; each of its files is damaged; a proxy that is
 * not Deel answers 404 to revokes. After each drill the console is restarted and what it shows
 * is compared with what the simulator ("Deel") holds:
 * - no token live at Deel that the console shows neither live nor outcome-unknown;
 * - none shown revoked (or otherwise finished) that Deel still accepts.
 * Stale is safe: a session shown live or outcome-unknown that Deel no longer holds is counted,
 * not failed.
 *
 * Size: `npm test` runs a few kill points per kind (CI); `npm run drills` (or DRILLS_SIZE=full)
 * runs 20 per kind. The seed is printed; DRILLS_SEED=<seed> re-runs the same choices.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src-main/simulator';
import { createRng, type Rng } from '../../src-main/simulator/prng';
import type { ConnectionStatus, RevokeResult, Session } from '../../src-shared/contract';
import type { IpcResult } from '../../src-shared/errors';
import {
  ChildGone,
  compareWithDeel,
  deelTruth,
  DrillChild,
  drillSeed,
  eorWorkers,
  readAuditLines,
  sleep,
  startGate,
  within,
  type Comparison,
  type Finding,
  type Gate,
  type KillPhase,
} from './harness';

/** `npm run drills` (or DRILLS_SIZE=full) runs the full size; `npm test` the CI size. */
const FULL =
  process.env['DRILLS_SIZE'] === 'full' || process.env['npm_lifecycle_event'] === 'drills';
/** Kill points per kind of call (mint, revoke, bulk revoke). */
const KILLS_PER_KIND = FULL ? 20 : 3;
const SEED = drillSeed();
const CAMPAIGN_TIMEOUT_MS = FULL ? 600_000 : 120_000;

console.log(
  `[drills] size ${FULL ? 'full' : 'ci'}: ${KILLS_PER_KIND} kill points per kind; seed ${SEED} (re-run: DRILLS_SEED=${SEED})`,
);

/** Every drill's numbers, printed at the end. */
const totals = { killPoints: 0, liveAtDeel: 0, sessions: 0, stale: 0, restarts: 0 };
const phases: Record<string, number> = {};
/** How the killed calls ended, per drill (what the console said, if it said anything). */
const outcomes: Record<string, number> = {};
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  console.log(
    `[drills] seed ${SEED}: ${totals.killPoints} kill points, ${totals.restarts} restarts compared, ${totals.liveAtDeel} live-at-Deel tokens and ${totals.sessions} console sessions compared, ${totals.stale} stale (safe); kill phases ${JSON.stringify(phases)}; killed calls ${JSON.stringify(outcomes)}`,
  );
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `drill-${prefix}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A finding with where it came from, so a failure says how to reproduce it. */
interface Located extends Finding {
  drill: string;
  seed: number;
  at: string;
}

function located(drill: string, at: string, comparison: Comparison): Located[] {
  return comparison.findings.map((f) => ({ ...f, drill, seed: SEED, at }));
}

function count(comparison: Comparison): void {
  totals.restarts++;
  totals.liveAtDeel += comparison.liveAtDeel;
  totals.sessions += comparison.sessions;
  totals.stale += comparison.stale;
}

/** One organization at the simulator, a gate in front of it, and a console connected through it. */
interface Rig {
  sim: RunningSimulator;
  gate: Gate;
  dir: string;
  workers: { id: string; name: string }[];
  child: DrillChild;
}

async function openRig(name: string, dir = tempDir(name), workerCount = 8): Promise<Rig> {
  const sim = await startSimulator({ workers: 80, seed: 7, rateLimit: false });
  cleanups.push(() => sim.close());
  const gate = await startGate(sim.origin);
  cleanups.push(() => gate.close());
  const workers = await eorWorkers(sim.url, sim.tokens.admin, workerCount);
  const child = await DrillChild.start(dir);
  const rig: Rig = { sim, gate, dir, workers, child };
  cleanups.push(() => rig.child.kill());
  await child.ok('connect', {
    environment: 'custom',
    customUrl: gate.url,
    token: sim.tokens.admin,
  });
  await child.ok('updateSettings', { requestsPerSecond: 5 });
  return rig;
}

const mintInput = (worker: { id: string; name: string }) => ({
  workerId: worker.id,
  workerName: worker.name,
  consentConfirmed: true,
});

/** Workers the console shows with a token Deel may hold. */
function tracked(view: Session[]): Set<string> {
  return new Set(
    view.filter((s) => s.state === 'live' || s.state === 'outcome-unknown').map((s) => s.workerId),
  );
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Restarts the console on the rig's folder and compares what it shows with Deel's truth. */
async function restartAndCompare(
  rig: Rig,
): Promise<{ comparison: Comparison; status: ConnectionStatus; view: Session[] }> {
  rig.child = await DrillChild.start(rig.dir);
  const status = await rig.child.ok<ConnectionStatus>('getConnection');
  const view = await rig.child.ok<Session[]>('listSessions');
  const truth = await deelTruth(rig.sim.origin);
  const comparison = compareWithDeel(
    view,
    truth,
    rig.gate.mintFingerprints,
    readAuditLines(rig.dir),
  );
  if (status.mode !== 'live') {
    comparison.findings.push({
      kind: 'untracked',
      workerId: '-',
      detail: `the restarted console is in ${status.mode} mode: none of its tokens are shown`,
    });
  }
  count(comparison);
  return { comparison, status, view };
}

type Kind = 'mint' | 'revoke' | 'bulk-revoke';

/**
 * One kill point: gets the console ready for the call (mints what it needs, unhindered), starts
 * the call and SIGKILLs the console at a random point of it, chosen from: a random delay after
 * the call was asked for (mostly while the intent is being written), the n-th request reaching
 * the gate (never sent on), Deel having acted but the answer held back, or a few ms after the
 * answer arrived (while the outcome is being recorded). Then restarts and compares.
 */
async function killPoint(
  rig: Rig,
  rng: Rng,
  kind: Kind,
  round: number,
  options: { drill?: string; fullDisk?: boolean; mustReachDeel?: boolean } = {},
): Promise<Located[]> {
  const drill = options.drill ?? kind;
  const child = rig.child;
  const view = await child.ok<Session[]>('listSessions');
  const has = tracked(view);
  const mintNow = async (worker: { id: string; name: string }) => {
    const minted = await child.call('mintToken', mintInput(worker));
    // On a full disk the console may refuse (nothing sent): the call below goes ahead anyway.
    if (!minted.ok && !options.fullDisk) throw new Error(`mint failed: ${minted.error.message}`);
    if (minted.ok) has.add(worker.id);
  };
  let call: () => Promise<IpcResult<unknown>>;
  let requests: number;
  let method: 'POST' | 'DELETE';
  let what: string;
  if (kind === 'mint') {
    const worker = rng.pick(rig.workers);
    // Half the time the worker already has a token: the mint supersedes it.
    if (!has.has(worker.id) && rng.next() < 0.5) await mintNow(worker);
    call = () => child.call('mintToken', mintInput(worker));
    requests = 1;
    method = 'POST';
    what = `mint ${has.has(worker.id) ? 'over a live token' : 'first token'}`;
  } else if (kind === 'revoke') {
    const candidates = rig.workers.filter((w) => has.has(w.id));
    const others = rig.workers.filter((w) => !has.has(w.id));
    const worker =
      candidates.length > 0 && (others.length === 0 || rng.next() < 0.7)
        ? rng.pick(candidates)
        : rng.pick(others);
    if (!has.has(worker.id)) await mintNow(worker);
    const state = view.find((s) => s.workerId === worker.id && s.state === 'outcome-unknown')
      ? 'outcome-unknown'
      : 'live';
    call = () => child.call('revokeToken', { workerId: worker.id });
    requests = 1;
    method = 'DELETE';
    what = `revoke of a ${state} token`;
  } else {
    const chosen = shuffled(rng, rig.workers).slice(0, 3 + rng.int(4));
    // Sometimes one of them has no token at Deel: its DELETE is answered Deel's own 404.
    const without = rng.next() < 0.3 ? chosen[0] : undefined;
    for (const worker of chosen)
      if (worker !== without && !has.has(worker.id)) await mintNow(worker);
    call = () => child.call('bulkRevoke', { workerIds: chosen.map((w) => w.id) });
    requests = chosen.length;
    method = 'DELETE';
    what = `bulk revoke of ${chosen.length}`;
  }

  // A round the campaign needs to reach Deel (none of its calls has yet) is killed only once
  // its request is through the gate; otherwise any point, before or after sending.
  const mode = rng.pick<'timer' | KillPhase>(
    options.mustReachDeel
      ? ['before-answer', 'after-answer']
      : ['timer', 'before-forward', 'before-answer', 'after-answer'],
  );
  const nth = 1 + rng.int(requests);
  const delayMs = mode === 'timer' ? rng.int(kind === 'bulk-revoke' ? 1_500 : 250) : rng.int(25);
  let timer: NodeJS.Timeout | undefined;
  if (mode === 'timer') timer = setTimeout(() => child.kill(), delayMs);
  else rig.gate.arm({ method, nth, phase: mode, delayMs, kill: () => child.kill() });
  const sentBefore = (rig.gate.counts['POST'] ?? 0) + (rig.gate.counts['DELETE'] ?? 0);
  const result = call().then(
    (answer) => ({ answer }),
    (error: unknown) => ({ error }),
  );
  // Bounded: the kill comes from the gate or the timer; if the call ends first (the plan never
  // fired), the console is killed right after it answered, which is a kill point too.
  await within(
    Promise.race([child.exited, result.then(() => sleep(mode === 'after-answer' ? 50 : 0))]),
    30_000,
    `${what} (round ${round})`,
  );
  clearTimeout(timer);
  const fired = mode === 'timer' ? child.alive === false : rig.gate.fired();
  rig.gate.disarm();
  child.kill();
  await child.exited;
  const settled = await result;
  const answered = 'answer' in settled;
  if (!answered && !(settled.error instanceof ChildGone)) throw settled.error;
  const refusedButSent =
    answered &&
    !settled.answer.ok &&
    /Nothing was sent to Deel/.test(settled.answer.error.message) &&
    (rig.gate.counts['POST'] ?? 0) + (rig.gate.counts['DELETE'] ?? 0) !== sentBefore;
  const at = `${drill} round ${round}: ${what}, killed ${
    fired
      ? mode === 'timer'
        ? `${delayMs} ms after asking`
        : `${mode} of request ${nth}`
      : 'after it answered'
  }`;
  const outcome = !answered
    ? 'killed before it answered'
    : settled.answer.ok
      ? 'answered ok'
      : /Nothing was sent to Deel/.test(settled.answer.error.message)
        ? 'refused, nothing sent'
        : `answered ${settled.answer.error.kind}`;
  outcomes[`${drill}: ${outcome}`] = (outcomes[`${drill}: ${outcome}`] ?? 0) + 1;
  const phase = fired ? mode : 'after-call';
  phases[phase] = (phases[phase] ?? 0) + 1;
  totals.killPoints++;
  const { comparison } = await restartAndCompare(rig);
  if (refusedButSent) {
    comparison.findings.push({
      kind: 'untracked',
      workerId: '-',
      detail: 'answered "Nothing was sent to Deel", but a request went out',
    });
  }
  return located(drill, at, comparison);
}

describe('kill -9 at random points', () => {
  const kinds: Kind[] = ['mint', 'revoke', 'bulk-revoke'];
  for (const [index, kind] of kinds.entries()) {
    it(
      `${kind}: ${KILLS_PER_KIND} kill points, no token live at Deel untracked or shown finished`,
      async () => {
        const rng = createRng(SEED + index);
        const rig = await openRig(`kill-${kind}`);
        const findings: Located[] = [];
        const method = kind === 'mint' ? 'POST' : 'DELETE';
        for (let round = 1; round <= KILLS_PER_KIND; round++) {
          // The last round reaches Deel if no earlier one did (all killed before sending).
          const mustReachDeel = round === KILLS_PER_KIND && (rig.gate.counts[method] ?? 0) === 0;
          findings.push(...(await killPoint(rig, rng, kind, round, { mustReachDeel })));
        }
        await rig.child.close();
        // The drill did drill: Deel was asked to act and the console was killed each round.
        expect(rig.gate.counts[kind === 'mint' ? 'POST' : 'DELETE'] ?? 0).toBeGreaterThan(0);
        expect(findings, `seed ${SEED}`).toEqual([]);
      },
      CAMPAIGN_TIMEOUT_MS,
    );
  }
});

describe('the comparison with Deel', () => {
  // The drills pass only if this can fail: each kind of wrong view is caught.
  const session = (over: Partial<Session>): Session => ({
    id: 's1',
    workerId: 'w1',
    workerName: 'W',
    mintedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-02T00:00:00.000Z',
    state: 'live',
    stateChangedAt: '2026-01-01T00:00:00.000Z',
    available: false,
    revealed: false,
    ...over,
  });
  const live = { profileId: 'w1', fingerprint: 'f-new', expiresAt: '2026-01-02T00:00:00.000Z' };
  const intent = [{ action: 'mint', outcome: 'intent', workerId: 'w1' }];
  const fingerprints = new Map([
    ['req-old', 'f-old'],
    ['req-new', 'f-new'],
  ]);
  const kinds = (view: Session[], audit = intent) =>
    compareWithDeel(view, [live], fingerprints, audit).findings.map((f) => f.kind);

  it('accepts a live or outcome-unknown session for the token Deel holds', () => {
    expect(kinds([session({ requestId: 'req-new' })])).toEqual([]);
    expect(
      kinds([
        session({ requestId: 'req-old', state: 'superseded' }),
        session({ id: 's2', state: 'outcome-unknown' }),
      ]),
    ).toEqual([]);
  });
  it('finds a token Deel holds that the console does not show, or shows under another token', () => {
    expect(kinds([])).toEqual(['untracked']);
    expect(kinds([session({ requestId: 'req-old' })])).toEqual(['untracked']);
    expect(kinds([session({ state: 'revoked' })])).toEqual(['untracked']);
  });
  it('finds a token shown revoked that Deel still accepts, and a mint with no intent line', () => {
    expect(
      kinds([
        session({ requestId: 'req-new', state: 'revoked' }),
        session({ id: 's2', state: 'outcome-unknown' }),
      ]),
    ).toEqual(['shown-finished-but-live']);
    expect(kinds([session({ requestId: 'req-new' })], [])).toEqual(['no-intent-line']);
  });
  it('counts a session shown live that Deel no longer holds as stale, not as a finding', () => {
    const result = compareWithDeel([session({ requestId: 'req-old' })], [], fingerprints, intent);
    expect(result).toMatchObject({ findings: [], stale: 1 });
  });
});

// ── a small disk ─────────────────────────────────────────────────────────────────────────────

/** Why a 64 KiB tmpfs cannot be had here (the drill is then skipped, and says why), or undefined. */
function tmpfsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux: no tmpfs';
  if (process.getuid?.() !== 0) return 'not running as root: cannot mount a tmpfs';
  const probe = mkdtempSync(join(tmpdir(), 'drill-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `mount -t tmpfs failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const noTmpfs = tmpfsUnavailable();
if (noTmpfs) console.warn(`[drills] SKIPPED the small-disk drill: ${noTmpfs}`);

/** Kill points on the small disk, and behind the proxy's 404. */
const DISK_KILLS = FULL ? 20 : 2;
const PROXY_KILLS = FULL ? 20 : 2;

/** Resizes the filler so that about `bytes` are free on the disk holding `dir`. */
function leaveFree(dir: string, filler: string, bytes: number): void {
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  const size = existsSync(filler) ? statSync(filler).size : 0;
  const next = Math.max(0, size + free - bytes);
  // Written, not truncated up: a sparse file would take no space on a tmpfs.
  try {
    writeFileSync(filler, Buffer.alloc(next));
  } catch {
    // The disk is full before the filler is: it is as full as wanted.
  }
}

describe('a full disk', () => {
  it.skipIf(noTmpfs !== undefined)(
    `64 KiB user-data disk fills up during mints and revokes${noTmpfs ? ` (skipped: ${noTmpfs})` : ''}`,
    async () => {
      const rng = createRng(SEED + 10);
      const dir = tempDir('small-disk');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
      let rig: Rig | undefined;
      try {
        rig = await openRig('small-disk', dir);
        const filler = join(dir, 'filler.bin');
        // Most of the disk is taken by something else; how much, the seed says.
        try {
          writeFileSync(filler, Buffer.alloc(28 * 1024 + rng.int(16) * 1024));
        } catch {
          // Full already: fine, that is the point.
        }
        const findings: Located[] = [];
        let refused = 0;
        let succeeded = 0;
        for (let op = 0; op < 60 && refused < 4; op++) {
          const view = await rig.child.ok<Session[]>('listSessions');
          const has = [...tracked(view)];
          const revoke = has.length > 0 && rng.next() < 0.3;
          const worker = revoke ? has[rng.int(has.length)]! : rng.pick(rig.workers).id;
          const sentBefore = (rig.gate.counts['POST'] ?? 0) + (rig.gate.counts['DELETE'] ?? 0);
          const result = revoke
            ? await rig.child.call<RevokeResult>('revokeToken', { workerId: worker })
            : await rig.child.call<Session>(
                'mintToken',
                mintInput(rig.workers.find((w) => w.id === worker)!),
              );
          const sent =
            (rig.gate.counts['POST'] ?? 0) + (rig.gate.counts['DELETE'] ?? 0) - sentBefore;
          if (result.ok) {
            succeeded++;
          } else if (/Nothing was sent to Deel/.test(result.error.message)) {
            refused++;
            if (sent !== 0) {
              findings.push({
                kind: 'untracked',
                workerId: worker,
                detail: `refused with "Nothing was sent to Deel", but ${sent} request(s) went out`,
                drill: 'small-disk',
                seed: SEED,
                at: `op ${op}`,
              });
            }
          } else if (/Nothing was changed/i.test(result.error.message)) {
            findings.push({
              kind: 'untracked',
              workerId: worker,
              detail: `answered "${result.error.message}" on a full disk`,
              drill: 'small-disk',
              seed: SEED,
              at: `op ${op}`,
            });
          }
        }
        console.log(
          `[drills] small disk: ${succeeded} calls done, ${refused} refused before anything was sent`,
        );
        // The disk did fill up: some calls were refused before anything was sent.
        expect(refused, `seed ${SEED}: the disk never filled up`).toBeGreaterThan(0);
        expect(succeeded).toBeGreaterThan(0);

        // Killed on the full disk, restarted on it: it starts and its view holds.
        rig.child.kill();
        await rig.child.exited;
        totals.killPoints++;
        phases['full-disk'] = (phases['full-disk'] ?? 0) + 1;
        const onFull = await restartAndCompare(rig);
        findings.push(...located('small-disk', 'restart on the full disk', onFull.comparison));

        // Kill points on a nearly full disk: each round leaves a random few KiB free, so the
        // intent, the outcome or neither can be written.
        for (let round = 1; round <= DISK_KILLS; round++) {
          leaveFree(dir, filler, rng.int(13) * 1024);
          const kind = rng.pick<Kind>(['mint', 'revoke', 'bulk-revoke']);
          findings.push(
            ...(await killPoint(rig, rng, kind, round, { drill: 'small-disk', fullDisk: true })),
          );
        }
        await rig.child.close();

        // Space again: it starts, still holds, and mints again.
        rmSync(filler, { force: true });
        const freed = await restartAndCompare(rig);
        findings.push(...located('small-disk', 'restart with space again', freed.comparison));
        // The console's own files may fill the small disk by now: a mint is done, or refused
        // with nothing sent.
        const sentBefore = rig.gate.counts['POST'] ?? 0;
        const last = await rig.child.call('mintToken', mintInput(rig.workers[0]!));
        if (!last.ok) {
          expect(last.error.message).toMatch(/Nothing was sent to Deel/);
          expect(rig.gate.counts['POST'] ?? 0).toBe(sentBefore);
        }
        rig.child.kill();
        await rig.child.exited;
        totals.killPoints++;
        const after = await restartAndCompare(rig);
        findings.push(...located('small-disk', 'kill after a mint with space', after.comparison));
        await rig.child.close();
        expect(findings, `seed ${SEED}`).toEqual([]);
      } finally {
        rig?.child.kill();
        await rig?.child.exited;
        for (let attempt = 0; attempt < 20; attempt++) {
          try {
            execFileSync('umount', [dir], { stdio: 'pipe' });
            break;
          } catch {
            await sleep(100);
          }
        }
      }
    },
    CAMPAIGN_TIMEOUT_MS,
  );
});

// ── a proxy that is not Deel answers 404 ─────────────────────────────────────────────────────

describe("a 404 that is not Deel's", () => {
  it(
    'keeps every token live (never revoked) when a proxy answers 404 to the DELETEs',
    async () => {
      const rig = await openRig('proxy-404');
      const targets = rig.workers.slice(0, 4);
      for (const worker of targets) await rig.child.ok('mintToken', mintInput(worker));
      rig.gate.deleteMode = 'html-404';
      const single = await rig.child.call<RevokeResult>('revokeToken', {
        workerId: targets[0]!.id,
      });
      expect(single.ok).toBe(false);
      const bulk = await rig.child.ok<{ results: RevokeResult[] }>('bulkRevoke', {
        workerIds: targets.slice(1).map((w) => w.id),
      });
      expect(bulk.results.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
      expect(rig.gate.counts['DELETE']).toBe(4);
      rig.child.kill();
      await rig.child.exited;
      totals.killPoints++;
      phases['after-proxy-404'] = (phases['after-proxy-404'] ?? 0) + 1;

      const { comparison, view } = await restartAndCompare(rig);
      expect(located('proxy-404', 'restart after the 404s', comparison), `seed ${SEED}`).toEqual(
        [],
      );
      expect(comparison.liveAtDeel).toBe(4);
      for (const worker of targets) {
        expect(view.filter((s) => s.workerId === worker.id).map((s) => s.state)).toEqual(['live']);
      }
      const revokedInAudit = readAuditLines(rig.dir).filter(
        (l) => (l.action === 'revoke' || l.action === 'bulk-revoke') && l.outcome === 'success',
      );
      expect(revokedInAudit).toEqual([]);

      // Kill points behind the proxy: whatever the moment, nothing is shown revoked.
      const rng = createRng(SEED + 30);
      const findings: Located[] = [];
      for (let round = 1; round <= PROXY_KILLS; round++) {
        const kind = rng.pick<Kind>(['revoke', 'bulk-revoke']);
        findings.push(...(await killPoint(rig, rng, kind, round, { drill: 'proxy-404' })));
      }
      expect(findings, `seed ${SEED}`).toEqual([]);
      expect(
        readAuditLines(rig.dir).filter((l) => l.outcome === 'success' && /revoke/.test(l.action)),
      ).toEqual([]);

      // Through to Deel again: the same revokes work and the view still matches.
      rig.gate.deleteMode = 'forward';
      const holding = await deelTruth(rig.sim.origin);
      const again = await rig.child.ok<{ results: RevokeResult[] }>('bulkRevoke', {
        workerIds: rig.workers.map((w) => w.id),
      });
      expect(again.results.map((r) => r.outcome)).toEqual(
        rig.workers.map((w) =>
          holding.some((t) => t.profileId === w.id) ? 'revoked' : 'no-live-token',
        ),
      );
      await rig.child.close();
      const last = await restartAndCompare(rig);
      expect(located('proxy-404', 'restart after the real revokes', last.comparison)).toEqual([]);
      expect(last.comparison.liveAtDeel).toBe(0);
      await rig.child.close();
    },
    CAMPAIGN_TIMEOUT_MS,
  );
});

// ── damaged files ────────────────────────────────────────────────────────────────────────────

interface Damaged {
  /** As the console started on the damaged folder. */
  started: ConnectionStatus;
  /** After the token was entered again, when the damage had set it aside. */
  status: ConnectionStatus;
  view: Session[];
  comparison: Comparison;
  dir: string;
  sessionsFile: string;
  chain: {
    ok: boolean;
    brokenAtLine?: number;
    reason?: string;
    /** What the log recorded about itself (torn lines set aside, entries found missing). */
    incidents?: { detail: string; lost: boolean }[];
  };
}

describe('damaged files: the console starts, names what it set aside, and its view holds', () => {
  let rig: Rig | undefined;
  let base: string | undefined;
  const rng = createRng(SEED + 20);

  /** One console with a history (mints, a supersede, a revoke), closed cleanly: the base copy. */
  async function baseState(): Promise<{ rig: Rig; base: string }> {
    if (rig && base) return { rig, base };
    rig = await openRig('damage');
    const [a, b, c, d, e] = rig.workers;
    for (const worker of [a!, b!, c!, d!, e!]) await rig.child.ok('mintToken', mintInput(worker));
    await rig.child.ok('mintToken', mintInput(a!));
    await rig.child.ok('revokeToken', { workerId: d!.id });
    await rig.child.close();
    base = tempDir('damage-base');
    cpSync(rig.dir, base, { recursive: true });
    return { rig, base };
  }

  /** A copy of the base folder, damaged by `damage`, and the console started on it. */
  async function startDamaged(
    name: string,
    damage: (dir: string, sessionsFile: string) => void,
  ): Promise<Damaged> {
    const { rig: r, base: from } = await baseState();
    const dir = tempDir(`damage-${name}`);
    cpSync(from, dir, { recursive: true });
    const file = readdirSync(dir).find((f) => /^sessions-.*\.json$/.test(f));
    if (!file) throw new Error('the base state has no sessions file');
    const sessionsFile = join(dir, file);
    damage(dir, sessionsFile);
    const child = await DrillChild.start(dir);
    cleanups.push(() => child.kill());
    try {
      const started = await child.ok<ConnectionStatus>('getConnection');
      let status = started;
      if (status.mode !== 'live') {
        // The token was set aside with the settings file: enter it again, as the operator would.
        await child.ok('connect', {
          environment: 'custom',
          customUrl: r.gate.url,
          token: r.sim.tokens.admin,
        });
        status = await child.ok<ConnectionStatus>('getConnection');
      }
      const view = await child.ok<Session[]>('listSessions');
      const page = await child.ok<{ chain: Damaged['chain'] }>('auditPage', { limit: 5 });
      // Intents are checked against the log as it was written (damage may remove lines from it).
      const comparison = compareWithDeel(
        view,
        await deelTruth(r.sim.origin),
        r.gate.mintFingerprints,
        readAuditLines(from),
      );
      count(comparison);
      return { started, status, view, comparison, dir, sessionsFile, chain: page.chain };
    } finally {
      await child.close();
    }
  }

  const warningOf = (status: ConnectionStatus, code: string) =>
    status.warnings.find((w) => w.code === code);

  /** The warning names a file that exists in `dir` and holds exactly `content`. */
  function expectNamedCopy(message: string, dir: string, prefix: string, content?: Buffer) {
    const copies = readdirSync(dir).filter((f) => f.startsWith(`${prefix}.corrupt-`));
    expect(copies, 'a copy of the damaged file is kept').toHaveLength(1);
    expect(message).toContain(copies[0]);
    if (content) expect(readFileSync(join(dir, copies[0]!)).equals(content)).toBe(true);
  }

  const baseSessions = async () => {
    const { base: from } = await baseState();
    const file = readdirSync(from).find((f) => /^sessions-.*\.json$/.test(f))!;
    return JSON.parse(readFileSync(join(from, file), 'utf8')) as { sessions: Session[] };
  };

  /** Nothing Deel holds is missing from the view: what the file lost is rebuilt from the audit log. */
  function expectNothingUntracked(damaged: Damaged) {
    expect(located('damage', 'after restart', damaged.comparison), `seed ${SEED}`).toEqual([]);
  }

  const sessionsWhole = [
    [
      'sessions file cut in half',
      (file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 2)),
    ],
    [
      'sessions file garbled (NUL bytes at a random offset)',
      (file: string) => {
        const bytes = readFileSync(file);
        const at = rng.int(Math.max(1, bytes.length - 32));
        bytes.fill(0, at, at + 32);
        writeFileSync(file, bytes);
      },
    ],
  ] as const;
  for (const [name, damage] of sessionsWhole) {
    it(`${name}: starts, names the copy it kept, rebuilds its tokens from the audit log`, async () => {
      let damagedBytes: Buffer | undefined;
      const damaged = await startDamaged(name, (_dir, file) => {
        damage(file);
        damagedBytes = readFileSync(file);
      });
      const warning = warningOf(damaged.started, 'sessions-recovered');
      expect(warning?.message).toMatch(/could not be read at all/);
      expectNamedCopy(
        warning!.message,
        damaged.dir,
        damaged.sessionsFile.split('/').pop()!,
        damagedBytes,
      );
      expectNothingUntracked(damaged);
      const rebuilt =
        /(\d+) tokens? Deel may still hold (?:was|were) rebuilt from the audit log/.exec(
          warning!.message,
        );
      if (damaged.comparison.liveAtDeel > 0) expect(rebuilt).not.toBeNull();
      console.log(
        `[drills] ${name}: ${rebuilt?.[1] ?? 0} tokens rebuilt from the audit log; ${damaged.comparison.liveAtDeel} live at Deel, 0 untracked`,
      );
    }, 60_000);
  }

  it('one session with a non-ISO date: starts, keeps every other entry, names the copy', async () => {
    const { sessions } = await baseSessions();
    const bad = sessions[rng.int(sessions.length)]!;
    const damaged = await startDamaged('bad-date', (_dir, file) => {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { sessions: Session[] };
      data.sessions.find((s) => s.id === bad.id)!.mintedAt = '15/01/2026 09:30';
      writeFileSync(file, JSON.stringify(data));
    });
    const warning = warningOf(damaged.started, 'sessions-recovered');
    expect(warning?.message).toMatch(/had 1 unreadable entry/);
    expectNamedCopy(warning!.message, damaged.dir, damaged.sessionsFile.split('/').pop()!);
    const kept = new Set(damaged.view.map((s) => s.id));
    for (const s of sessions) if (s.id !== bad.id) expect(kept.has(s.id)).toBe(true);
    expect(kept.has(bad.id)).toBe(false);
    // Rebuilt from the audit log when Deel may still hold its token: never untracked.
    expectNothingUntracked(damaged);
  }, 60_000);

  const settingsDamage = [
    [
      'config.json cut in half (not JSON)',
      (text: string) => text.slice(0, Math.floor(text.length / 2)),
    ],
    [
      'config.json with a wrong field (schema mismatch)',
      (text: string) => {
        const data = JSON.parse(text) as { vault: { savedAt: string } };
        data.vault.savedAt = 'yesterday';
        return JSON.stringify(data);
      },
    ],
  ] as const;
  for (const [name, damage] of settingsDamage) {
    it(`${name}: starts, names the moved-aside file; after reconnecting every token is tracked`, async () => {
      let damagedBytes: Buffer | undefined;
      const damaged = await startDamaged(name, (dir) => {
        const file = join(dir, 'config.json');
        writeFileSync(file, damage(readFileSync(file, 'utf8')));
        damagedBytes = readFileSync(file);
      });
      const warning = warningOf(damaged.started, 'store-recovered');
      expect(warning, JSON.stringify(damaged.started.warnings)).toBeDefined();
      expectNamedCopy(warning!.message, damaged.dir, 'config.json', damagedBytes);
      expect(damaged.status.mode).toBe('live');
      expect(located('damage', name, damaged.comparison), `seed ${SEED}`).toEqual([]);
      expect(damaged.comparison.liveAtDeel).toBeGreaterThan(0);
    }, 60_000);
  }

  it('torn last audit line: starts, reports the torn line, and never glues onto it', async () => {
    let lines = 0;
    const damaged = await startDamaged('torn-audit', (dir) => {
      const file = join(dir, 'audit-log.jsonl');
      const text = readFileSync(file, 'utf8');
      const last = text.trimEnd().split('\n').at(-1)!;
      writeFileSync(file, text + last.slice(0, Math.floor(last.length / 2)));
      lines = text.trimEnd().split('\n').length + 1;
    });
    expect(located('damage', 'torn audit line', damaged.comparison), `seed ${SEED}`).toEqual([]);
    // Named: either verify points at the torn line, or the line was set aside in a file the
    // log's own record names, and the chain goes on.
    const sideFiles = readdirSync(damaged.dir).filter(
      (f) => f.startsWith('audit-log.jsonl.') && !f.endsWith('.lock'),
    );
    const named =
      (!damaged.chain.ok && damaged.chain.brokenAtLine === lines) ||
      (damaged.chain.ok &&
        (damaged.chain.incidents ?? []).some((i) => sideFiles.some((f) => i.detail.includes(f))));
    expect(named, `${JSON.stringify(damaged.chain)}; files ${sideFiles.join(', ')}`).toBe(true);
    const namedFiles = sideFiles.filter((f) =>
      (damaged.chain.incidents ?? []).some((i) => i.detail.includes(f)),
    );
    console.log(
      `[drills] torn audit line: ${damaged.chain.ok ? `set aside (${namedFiles.join(', ')})` : `verify breaks at line ${damaged.chain.brokenAtLine}`}`,
    );
    // The next line written starts on a line of its own.
    const child = await DrillChild.start(damaged.dir);
    try {
      const { rig: r } = await baseState();
      await child.ok('connect', {
        environment: 'custom',
        customUrl: r.gate.url,
        token: r.sim.tokens.admin,
      });
    } finally {
      await child.close();
    }
    const after = readFileSync(join(damaged.dir, 'audit-log.jsonl'), 'utf8').trimEnd().split('\n');
    expect(() => JSON.parse(after.at(-1)!)).not.toThrow();
  }, 60_000);

  it('a deleted middle audit line: starts, and verify names where the chain breaks', async () => {
    let removedAt = 0;
    const damaged = await startDamaged('audit-middle', (dir) => {
      const file = join(dir, 'audit-log.jsonl');
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      removedAt = 1 + rng.int(lines.length - 2);
      lines.splice(removedAt, 1);
      writeFileSync(file, `${lines.join('\n')}\n`);
    });
    expect(located('damage', 'audit middle line', damaged.comparison), `seed ${SEED}`).toEqual([]);
    expect(damaged.chain).toMatchObject({ ok: false, brokenAtLine: removedAt + 1 });
  }, 60_000);

  const lossDamage = [
    [
      'audit-tail-loss',
      'the last 3 audit lines deleted',
      (file: string) => {
        const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
        writeFileSync(file, `${lines.slice(0, -3).join('\n')}\n`);
      },
    ],
    ['audit-file-deleted', 'the audit file deleted', (file: string) => unlinkSync(file)],
  ] as const;
  for (const [key, name, damage] of lossDamage) {
    it(`${name}: starts, its view holds, and verify reports the loss`, async () => {
      const damaged = await startDamaged(key, (dir) => damage(join(dir, 'audit-log.jsonl')));
      expect(located('damage', name, damaged.comparison), `seed ${SEED}`).toEqual([]);
      // Reported: verify fails, or the log recorded the loss it found at start.
      const reported = !damaged.chain.ok || (damaged.chain.incidents ?? []).some((i) => i.lost);
      expect(reported, `verify says ${JSON.stringify(damaged.chain)}`).toBe(true);
    }, 60_000);
  }
});
