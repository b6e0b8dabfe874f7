import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { consoleWindowOnly, registerIpc } from '../../../src-main/shell/ipc';
import { invokeChannels, type InvokeMethod } from '../../../src-shared/channels';
import { contract } from '../../../src-shared/contract';
import { ipcErrorKinds } from '../../../src-shared/errors';
import { startTestCore, type TestCore } from '../../support/test-core';

// Hostile and malformed arguments on every channel, through the very registration helper the
// app uses, into the real core: each call must come back as a typed error, nothing may throw
// out of a handler, and nothing the console stores may change.

// Runs per invoke channel: the contract has one entry per `invokeChannels` entry
// (src-shared/channels.ts), 19 today, so 19 x 640 = 12,160 payloads. The test's title computes
// the total from the contract, so it stays right when channels are added.
const RUNS_PER_CHANNEL = 640;

type Handler = (
  event: { sender: WebContents; senderFrame: WebFrameMain },
  input: unknown,
) => Promise<unknown>;

let test: TestCore;
const handlers = new Map<string, Handler>();
const appFrame = {
  url: 'app://bundle/index.html',
  parent: null,
  processId: 4,
  frameToken: 'main-frame',
} as unknown as WebFrameMain;
const appContents = {
  mainFrame: appFrame,
  isDestroyed: () => false,
} as unknown as WebContents;

function snapshot(dir: string): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(`${full}\0`).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

async function observable(): Promise<string> {
  const call = (channel: string) =>
    handlers.get(channel)!({ sender: appContents, senderFrame: appFrame }, undefined);
  return JSON.stringify(
    await Promise.all([
      call(invokeChannels.getConnection),
      call(invokeChannels.listSessions),
      call(invokeChannels.getSettings),
    ]),
  );
}

const pollution = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
  { toString: 'not a function', valueOf: 42 },
  Object.create(null) as unknown,
);
const tokenish = fc.constantFrom('Bearer sim_org_abc', 'sim_wkr_xyz', 'eyJhbGciOiJIUzI1NiJ9.e30.x');
const hostile = fc.oneof(
  fc.anything({
    maxDepth: 4,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
  }),
  pollution,
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.array(fc.uuid(), { minLength: 1_001, maxLength: 1_200 }).map((workerIds) => ({ workerIds })),
  fc.record({
    workerId: fc.string(),
    workerName: fc.string(),
    consentConfirmed: fc.constantFrom(false, 'true', 1),
  }),
  fc.record({
    workerId: fc.uuid(),
    workerName: fc.string(),
    consentConfirmed: fc.constant(true),
    token: tokenish,
  }),
  fc.record({
    sessionId: fc.oneof(fc.string({ maxLength: 0 }), fc.string({ minLength: 101 }), fc.integer()),
  }),
  fc.record({
    environment: fc.string(),
    token: fc.oneof(fc.string({ maxLength: 7 }), fc.constant('has spaces in it')),
  }),
  fc.record({
    offset: fc.oneof(fc.integer({ max: -1 }), fc.double()),
    limit: fc.integer({ min: 201 }),
  }),
  fc.record({
    clipboardClearSeconds: fc.oneof(fc.integer({ max: 4 }), fc.integer({ min: 601 })),
    requestsPerSecond: fc.double({ min: 5.01 }),
  }),
);

beforeAll(async () => {
  test = await startTestCore();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
  } as unknown as IpcMain;
  registerIpc(
    ipcMain,
    createDispatch(test.core.handlers),
    consoleWindowOnly(() => appContents),
  );
});

afterAll(async () => {
  await test.core.close();
  rmSync(test.dir, { recursive: true, force: true });
});

describe('IPC fuzzing through the registration helper', () => {
  it(`answers ${RUNS_PER_CHANNEL * Object.keys(contract).length}+ malformed payloads with typed errors and changes nothing`, async () => {
    const filesBefore = snapshot(test.dir);
    const stateBefore = await observable();
    const eventsBefore = test.events.length;
    let calls = 0;

    for (const method of Object.keys(contract) as InvokeMethod[]) {
      const { channel, input } = contract[method];
      const handler = handlers.get(channel)!;
      const malformed = hostile.filter((payload) => !input.safeParse(payload).success);
      await fc.assert(
        fc.asyncProperty(malformed, async (payload) => {
          let result: unknown;
          try {
            result = await handler({ sender: appContents, senderFrame: appFrame }, payload);
          } catch (error) {
            throw new Error(`${channel} threw out of its handler`, { cause: error });
          }
          calls++;
          expect(result).toMatchObject({ ok: false });
          const { error } = result as { error: { kind: string; message: string } };
          expect(ipcErrorKinds).toContain(error.kind);
          expect(typeof error.message).toBe('string');
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: 20261126 },
      );
    }

    console.log(
      `[fuzz] ${calls} malformed payloads across ${Object.keys(contract).length} channels`,
    );
    expect(calls).toBeGreaterThanOrEqual(10_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(test.events.length).toBe(eventsBefore);
    expect(await observable()).toBe(stateBefore);
    expect(snapshot(test.dir)).toBe(filesBefore);
  }, 120_000);
});
