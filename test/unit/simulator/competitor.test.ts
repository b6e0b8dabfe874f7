import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';

// The "competing integration" fault: another integration of the organization spends N req/s
// of the same rolling-second budget, and counts what the limit refused it.

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('competing integration', () => {
  it('spends the organization budget: the console then gets 429s sooner', async () => {
    sim = await startSimulator({ workers: 5, rateLimit: { perSecond: 5 } });
    const call = () =>
      fetch(`${sim!.url}/organizations`, {
        headers: { authorization: `Bearer ${sim!.tokens.admin}` },
      }).then((r) => r.status);
    sim.setCompetitor(4);
    await sleep(1100);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push(await call());
    // 4 of the 5 slots of the last second are the competitor's: at most one more fits.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    const stats = sim.competitor();
    expect(stats.perSecond).toBe(4);
    expect(stats.sent).toBeGreaterThanOrEqual(4);
    sim.setCompetitor(0);
    const stopped = sim.competitor().sent;
    await sleep(600);
    expect(sim.competitor().sent).toBe(stopped);
  });

  it('is set through the loopback control route and reported in the state', async () => {
    sim = await startSimulator({ workers: 5, rateLimit: { perSecond: 5 } });
    const set = await fetch(`${sim.origin}/__sim/competitor`, {
      method: 'POST',
      body: JSON.stringify({ perSecond: 2 }),
    });
    expect(await set.json()).toEqual({ competitor: { perSecond: 2, sent: 0, refused: 0 } });
    await sleep(1100);
    const state = (await (await fetch(`${sim.origin}/__sim/state`)).json()) as {
      competitor: { sent: number; refused: number };
    };
    expect(state.competitor.sent).toBeGreaterThanOrEqual(2);
    expect(state.competitor.refused).toBe(0);
    const bad = await fetch(`${sim.origin}/__sim/competitor`, {
      method: 'POST',
      body: JSON.stringify({ perSecond: -1 }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('control routes', () => {
  it('are not mounted when the simulator is started without them (the app demo mode)', async () => {
    // Before: the demo simulator inside the app answered /__sim/* to any local process, another
    // OS user's included, which could change faults or its clock, or read its state.
    sim = await startSimulator({ workers: 5, controlRoutes: false });
    for (const [method, path] of [
      ['GET', '/__sim/state'],
      ['POST', '/__sim/faults'],
      ['POST', '/__sim/clock'],
    ] as const) {
      const response = await fetch(`${sim.origin}${path}`, {
        method,
        ...(method === 'POST' && { body: '{"errorRate":1}' }),
      });
      expect(response.status, path).toBe(404);
    }
    expect(sim.getFaults().errorRate).toBe(0);
  });
});
