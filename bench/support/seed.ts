import type { Session } from '../../src-shared/contract';
import type { RunningSimulator } from '../../src-main/simulator';
import {
  eorWorkers,
  organizationOf,
  sessionsFilePath,
  writeSessionsFile,
  type BenchCore,
} from './core';

/** The simulator's live worker tokens, from its loopback control route. */
export async function liveTokensAtSimulator(origin: string): Promise<number> {
  const response = await fetch(`${origin}/__sim/state`);
  const state = (await response.json()) as { liveWorkerTokens: number };
  return state.liveWorkerTokens;
}

/**
 * Seeds `count` live worker tokens on both sides, as after a restart of a console that had
 * minted them (minting them through the console at 4/s would take count/4 s before any
 * measurement starts):
 *  - at the simulator, by bare `POST /workers/session` calls to the SAME simulator (real
 *    limiter on). Before each, its clock is stepped 250 ms, so in simulator time the mints are
 *    spaced at 4/s and none is refused; after the last, one more second, so none of them is
 *    still in the rolling window when the measurement starts;
 *  - in the console, by the sessions file it reads on connect (metadata only, state `live`).
 * Returns the workers, in order.
 */
export async function seedLiveTokens(
  sim: RunningSimulator,
  dir: string,
  count: number,
): Promise<{ id: string; name: string }[]> {
  sim.clock.advance(1000);
  const org = await organizationOf(sim);
  const targets = await eorWorkers(sim, count);
  const seeded: { workerId: string; workerName: string; mintedAt: string; expiresAt: string }[] =
    [];
  for (const target of targets) {
    sim.clock.advance(250);
    const response = await fetch(`${sim.url}/workers/session`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sim.tokens.admin}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ data: { profile_id: target.id } }),
    });
    if (response.status !== 201) throw new Error(`seeding mint answered ${response.status}`);
    const body = (await response.json()) as { data: { expires_at: string } };
    seeded.push({
      workerId: target.id,
      workerName: target.name,
      mintedAt: new Date().toISOString(),
      expiresAt: body.data.expires_at,
    });
  }
  sim.clock.advance(1000);
  writeSessionsFile(sessionsFilePath(dir, org.id, sim.url), seeded);
  return targets;
}

/** Checks, once the console has connected, that both sides hold the `count` seeded tokens. */
export async function expectSeeded(
  bench: BenchCore,
  sim: RunningSimulator,
  count: number,
): Promise<{ liveInConsole: number; liveAtSimulatorBefore: number }> {
  const sessions = (await bench.call('listSessions')) as Session[];
  const liveInConsole = sessions.filter((s) => s.state === 'live').length;
  const liveAtSimulatorBefore = await liveTokensAtSimulator(sim.origin);
  if (liveInConsole !== count || liveAtSimulatorBefore !== count) {
    throw new Error(
      `seeding failed: ${liveInConsole} live in the console, ${liveAtSimulatorBefore} at the simulator, wanted ${count}`,
    );
  }
  return { liveInConsole, liveAtSimulatorBefore };
}
