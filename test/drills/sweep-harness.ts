/**
 * The organization sweep killed halfway and resumed, shared by the CI drill (sweep.test.ts, 240
 * workers) and the bench at issue 17's size (bench/organization-sweep-resumed.ts, 2,000): the
 * sweep runs in a drill child, is SIGKILLed once half the listed workers are answered, and a new
 * child on the same folder resumes it from the journal.
 *
 * The rule both keep: a worker whose `done` line (any outcome but `failed`) was in the journal
 * when the first child died gets no DELETE after the kill. A worker whose DELETE was in flight
 * (sent, or answered but not yet written down) may get one more from the resumed run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepViewWire } from '../../src-shared/contract';
import { DrillChild, sleep, within } from './harness';

/** A token minted straight at Deel (the company's White Label backend, say). */
export async function mintOutside(simUrl: string, adminToken: string, profileId: string) {
  const res = await fetch(`${simUrl}/workers/session`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { profile_id: profileId } }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`outside mint: ${res.status}`);
}

/** The worker a request revokes (`DELETE /workers/{id}/session`), or undefined. */
export function deleteTarget(method: string, path: string): string | undefined {
  if (method !== 'DELETE') return undefined;
  return /^\/rest\/v2\/workers\/([^/]+)\/session$/.exec(path)?.[1];
}

/** The profile ids the sweep's journal had answered (a `done` line that is not a failure). */
export function answeredInJournal(dir: string): Set<string> {
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

/** Polls the child's sweep every `pollMs` until `done` holds (bounded by `ms`). */
export async function sweepUntil(
  child: DrillChild,
  done: (view: SweepViewWire) => boolean,
  ms: number,
  pollMs = 50,
): Promise<SweepViewWire> {
  return within(
    (async () => {
      for (;;) {
        const view = await child.ok<SweepViewWire | null>('getSweep');
        if (view && done(view)) return view;
        await sleep(pollMs);
      }
    })(),
    ms,
    'sweep progress',
  );
}

export interface KilledAndResumed {
  /** The second child, running on the same folder; the caller closes it. */
  child: DrillChild;
  /** The first child's last view before the kill. */
  half: SweepViewWire;
  /** Workers the journal had answered when the first child was dead. */
  answeredAtKill: Set<string>;
  /** The second child's view at start, before the resume. */
  found: SweepViewWire;
  /** The view that ended the sweep (no longer running). */
  end: SweepViewWire;
  /** performance.now() marks: SIGKILL sent, second child ready, resume answered, end seen. */
  at: { killed: number; restarted: number; resumed: number; ended: number };
}

/**
 * Waits for the first child's running sweep to be half answered (its list complete), SIGKILLs
 * it, calls `onKilled` once it is dead (snapshot what the simulator saw then), starts a new
 * child on `dir` and resumes the sweep until it ends.
 */
export async function killHalfwayAndResume(
  first: DrillChild,
  dir: string,
  options: { halfMs: number; endMs: number; pollMs?: number; onKilled?: () => void },
): Promise<KilledAndResumed> {
  const half = await sweepUntil(
    first,
    (view) => view.listComplete && view.revoked + view.noLiveToken >= view.listed / 2,
    options.halfMs,
    options.pollMs,
  );
  const killed = performance.now();
  first.kill();
  await first.exited;
  const answeredAtKill = answeredInJournal(dir);
  options.onKilled?.();

  const child = await DrillChild.start(dir);
  const restarted = performance.now();
  try {
    const found = await child.ok<SweepViewWire>('getSweep');
    if (found.state !== 'interrupted') {
      const at = { killed, restarted, resumed: restarted, ended: restarted };
      return { child, half, answeredAtKill, found, end: found, at };
    }
    await child.ok('resumeSweep');
    const resumed = performance.now();
    const end = await sweepUntil(
      child,
      (view) => view.state !== 'running',
      options.endMs,
      options.pollMs,
    );
    const at = { killed, restarted, resumed, ended: performance.now() };
    return { child, half, answeredAtKill, found, end, at };
  } catch (error) {
    child.kill();
    throw error;
  }
}
