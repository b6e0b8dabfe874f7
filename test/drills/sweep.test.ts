import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/simulator';
import type { Session, SweepViewWire } from '../../src-shared/contract';
import { deelTruth, DrillChild, eorWorkers } from './harness';
import { deleteTarget, killHalfwayAndResume, mintOutside } from './sweep-harness';

// "Sweep the organization" over real HTTP, with the console core in a child process that is
// SIGKILLed halfway: every token Deel held (minted by the console or straight at Deel) is dead
// at the end, and no worker whose answer the journal had written down is sent a DELETE again.

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('organization sweep, killed halfway', () => {
  it('kills every token Deel holds and never re-sends a DELETE the journal had answered', async () => {
    const deletes = new Map<string, number>();
    const sim = await startSimulator({
      workers: 240,
      seed: 11,
      rateLimit: false,
      onRequest: ({ method, path }) => {
        const workerId = deleteTarget(method, path);
        if (workerId) deletes.set(workerId, (deletes.get(workerId) ?? 0) + 1);
      },
    });
    cleanups.push(() => sim.close());
    const dir = mkdtempSync(join(tmpdir(), 'sweep-drill-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

    const eor = await eorWorkers(sim.url, sim.tokens.admin, 60);
    let child = await DrillChild.start(dir);
    cleanups.push(() => child.kill());
    await child.ok('connect', {
      environment: 'custom',
      customUrl: sim.url,
      token: sim.tokens.admin,
    });
    await child.ok('updateSettings', { requestsPerSecond: 5 });
    const byConsole = eor.slice(0, 8);
    const outside = eor.slice(8, 12);
    for (const worker of byConsole) {
      await child.ok('mintToken', {
        workerId: worker.id,
        workerName: worker.name,
        consentConfirmed: true,
      });
    }
    for (const worker of outside) await mintOutside(sim.url, sim.tokens.admin, worker.id);
    const heldBefore = (await deelTruth(sim.origin)).map((s) => s.profileId).sort();
    expect(heldBefore).toEqual([...byConsole, ...outside].map((w) => w.id).sort());

    // A wrong typed confirmation sends nothing.
    const wrong = await child.call('startSweep', { confirmOrganization: 'Some other org' });
    expect(wrong.ok).toBe(false);
    expect(deletes.size).toBe(0);

    const started = await child.ok<SweepViewWire>('startSweep', {
      confirmOrganization: sim.orgName,
    });
    expect(started.state).toBe('running');
    let deletesAtKill = new Map<string, number>();
    const resumed = await killHalfwayAndResume(child, dir, {
      halfMs: 120_000,
      endMs: 120_000,
      onKilled: () => (deletesAtKill = new Map(deletes)),
    });
    child = resumed.child;
    const { half, answeredAtKill, found, end } = resumed;
    expect(answeredAtKill.size).toBeGreaterThanOrEqual(half.revoked + half.noLiveToken);
    expect(found.state).toBe('interrupted');
    expect(found.remaining).toBe(found.listed - answeredAtKill.size);

    expect(end).toMatchObject({ state: 'finished', failed: 0, remaining: 0 });
    expect(end.revoked).toBe(byConsole.length + outside.length);
    expect(end.listed).toBe(end.revoked + end.noLiveToken);
    expect(await deelTruth(sim.origin)).toEqual([]);
    // No DELETE again for a worker the journal had answered; every listed worker got one.
    for (const workerId of answeredAtKill)
      expect(deletes.get(workerId)).toBe(deletesAtKill.get(workerId));
    expect(deletes.size).toBe(end.listed);
    // The console's own tokens are shown revoked, not live.
    const sessions = await child.ok<Session[]>('listSessions');
    for (const worker of byConsole) {
      expect(sessions.find((s) => s.workerId === worker.id)?.state).toBe('revoked');
    }
    await child.close();
  }, 240_000);
});
