import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src-main/simulator';
import type { Session, SweepViewWire } from '../../src-shared/contract';
import { deelTruth, DrillChild, eorWorkers, sleep, within } from './harness';

// "Sweep the organization" over real HTTP, with the console core in a child process that is
// SIGKILLed halfway: every token Deel held (minted by the console or straight at Deel) is dead
// at the end, and no worker whose answer the journal had written down is sent a DELETE again.

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A token minted straight at Deel (the company's White Label backend, say). */
async function mintOutside(sim: RunningSimulator, profileId: string): Promise<void> {
  const res = await fetch(`${sim.url}/workers/session`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.tokens.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { profile_id: profileId } }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`outside mint: ${res.status}`);
}

/** The profile ids the sweep's journal had answered (a `done` line that is not a failure). */
function answeredInJournal(dir: string): Set<string> {
  const file = readdirSync(dir).find(
    (name) => name.startsWith('sweep-') && name.endsWith('.jsonl'),
  );
  if (!file) throw new Error('no sweep journal');
  const answered = new Set<string>();
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (!line.includes('"t":"done"')) continue;
    try {
      const done = JSON.parse(line) as { w: string; o: string };
      if (done.o !== 'failed') answered.add(done.w);
    } catch {
      // A torn last line: not written down, so not answered.
    }
  }
  return answered;
}

async function sweepUntil(
  child: DrillChild,
  done: (view: SweepViewWire) => boolean,
  ms: number,
): Promise<SweepViewWire> {
  return within(
    (async () => {
      for (;;) {
        const view = await child.ok<SweepViewWire | null>('getSweep');
        if (view && done(view)) return view;
        await sleep(50);
      }
    })(),
    ms,
    'sweep progress',
  );
}

describe('organization sweep, killed halfway', () => {
  it('kills every token Deel holds and never re-sends a DELETE the journal had answered', async () => {
    const deletes = new Map<string, number>();
    const sim = await startSimulator({
      workers: 240,
      seed: 11,
      rateLimit: false,
      onRequest: ({ method, path }) => {
        const match = /^\/rest\/v2\/workers\/([^/]+)\/session$/.exec(path);
        if (method === 'DELETE' && match) {
          deletes.set(match[1]!, (deletes.get(match[1]!) ?? 0) + 1);
        }
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
    for (const worker of outside) await mintOutside(sim, worker.id);
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
    const half = await sweepUntil(
      child,
      (view) => view.listComplete && view.revoked + view.noLiveToken >= view.listed / 2,
      120_000,
    );
    child.kill();
    await child.exited;
    const answeredAtKill = answeredInJournal(dir);
    expect(answeredAtKill.size).toBeGreaterThanOrEqual(half.revoked + half.noLiveToken);
    const deletesAtKill = new Map(deletes);

    child = await DrillChild.start(dir);
    const found = await child.ok<SweepViewWire>('getSweep');
    expect(found.state).toBe('interrupted');
    expect(found.remaining).toBe(found.listed - answeredAtKill.size);
    await child.ok('resumeSweep');
    const end = await sweepUntil(child, (view) => view.state !== 'running', 120_000);

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
