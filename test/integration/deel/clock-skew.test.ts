import { afterAll, beforeAll, expect, it } from 'vitest';
import { DeelClient } from '../../../src-main/deel/client';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { WORKER_TOKEN_TTL_MS } from '../../../src-main/simulator';
import type { ConnectionStatus } from '../../../src-shared/contract';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { invokeChannels } from '../../../src-shared/channels';
import type { IpcResult } from '../../../src-shared/errors';
import { startTestCore } from '../../support/test-core';

// A Deel whose clock runs 10 minutes ahead of this machine's (the ledger issue measured a
// countdown 10 minutes too long and an expiry notice after the token had died).
const AHEAD_MS = 10 * 60_000;
let deel: RunningSimulator;
beforeAll(async () => {
  deel = await startSimulator({
    workers: 30,
    seed: 3,
    rateLimit: false,
    now: () => Date.now() + AHEAD_MS,
  });
});
afterAll(async () => {
  await deel.close();
});

it("converts Deel's expires_at to this machine's clock", async () => {
  const client = new DeelClient({
    baseUrl: deel.url,
    token: deel.tokens.admin,
    limiter: createRequestLimiter(1000),
  });
  const eor = (await client.listPeople({ hiringTypes: ['eor'], limit: 1 })).people[0]!;
  expect(Math.abs(client.clockSkewMs() - AHEAD_MS)).toBeLessThan(1_500);
  const minted = await client.createWorkerSession(eor.id);
  const left = Date.parse(minted.expiresAt) - Date.now();
  expect(Math.abs(left - WORKER_TOKEN_TTL_MS)).toBeLessThan(3_000);
  await client.deleteWorkerSession(eor.id);
});

it('says so in the connection status when the skew is over a minute', async () => {
  const t = await startTestCore();
  try {
    const dispatch = createDispatch(t.core.handlers);
    const connected = (await dispatch(invokeChannels.connect, {
      environment: 'custom',
      customUrl: deel.url,
      token: deel.tokens.admin,
    })) as IpcResult<ConnectionStatus>;
    expect(connected.ok).toBe(true);
    const status = (await dispatch(
      invokeChannels.getConnection,
      undefined,
    )) as IpcResult<ConnectionStatus>;
    const warning = status.ok
      ? status.data.warnings.find((w) => w.code === 'clock-skew')
      : undefined;
    expect(warning?.message).toMatch(/about 10 minutes behind Deel's/);
  } finally {
    await t.core.close();
  }
});
