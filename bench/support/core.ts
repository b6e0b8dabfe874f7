import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokeChannels, type InvokeMethod } from '../../src-shared/channels';
import type { ParsedInputOf } from '../../src-shared/contract';
import type { IpcResult } from '../../src-shared/errors';
import { connectionKey } from '../../src-main/app/connection';
import { sessionsFileName, type ConsoleCore } from '../../src-main/app/core';
import { createDispatch, type Dispatch } from '../../src-main/ipc/dispatch';
import type { StoredSession } from '../../src-main/sessions/session-file';
import {
  startSimulator,
  type RequestLogEntry,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../src-main/simulator';
import { startTestCore, type RecordedEvent } from '../../test/support/test-core';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `deel-bench-${prefix}-`));
}

export interface LoggedRequest extends RequestLogEntry {
  /** performance.now() in this process when the simulator answered. */
  at: number;
}

/** A simulator in this process whose every answer is logged (never with token values). */
export interface LoggedSimulator {
  sim: RunningSimulator;
  log: LoggedRequest[];
  /** Answers logged at or after `mark` (a performance.now() value). */
  since(mark: number): LoggedRequest[];
  close(): Promise<void>;
}

export async function startLoggedSimulator(options: SimulatorOptions): Promise<LoggedSimulator> {
  const log: LoggedRequest[] = [];
  const sim = await startSimulator({
    ...options,
    onRequest: (entry) => log.push({ ...entry, at: performance.now() }),
  });
  return {
    sim,
    log,
    since: (mark) => log.filter((entry) => entry.at >= mark),
    close: () => sim.close(),
  };
}

/** The console core exactly as main starts it, with plain-Node stand-ins for Electron's adapters. */
export interface BenchCore {
  core: ConsoleCore;
  dispatch: Dispatch;
  dir: string;
  /** Calls one contract operation through dispatch (argument parsing included) and unwraps it. */
  call<M extends InvokeMethod>(method: M, input?: ParsedInputOf<M> | object): Promise<unknown>;
  /** Subscribes to every event main pushes; returns the unsubscribe. */
  onEvent(listener: (event: RecordedEvent) => void): () => void;
  close(): Promise<void>;
}

export async function startBenchCore(options: { dir?: string } = {}): Promise<BenchCore> {
  const { core, dir, onEvent } = await startTestCore({
    dir: options.dir ?? tempDir('core'),
    keyringBackend: 'bench_keyring',
    // The core starts on demo data until connected; keep that simulator tiny.
    demoWorkers: 1,
    // Listeners take what they need; a long run keeps no event log.
    recordEvents: false,
  });
  const dispatch = createDispatch(core.handlers);
  return {
    core,
    dispatch,
    dir,
    async call(method, input) {
      const result = (await dispatch(invokeChannels[method], input)) as IpcResult<unknown>;
      if (!result.ok)
        throw new Error(`${method} failed: ${result.error.kind}: ${result.error.message}`);
      return result.data;
    },
    onEvent,
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `custom` environment pointing at a loopback simulator, as an operator would enter it. */
export function connectInput(sim: RunningSimulator) {
  return {
    environment: 'custom' as const,
    customUrl: sim.url,
    token: sim.tokens.admin,
  };
}

/** The simulator's organization, read with a bare request (for the sessions file name). */
export async function organizationOf(sim: RunningSimulator): Promise<{ id: string; name: string }> {
  const response = await fetch(`${sim.url}/organizations`, {
    headers: { authorization: `Bearer ${sim.tokens.admin}` },
  });
  if (!response.ok) throw new Error(`GET /organizations answered ${response.status}`);
  const body = (await response.json()) as { data: { id: string; name: string }[] };
  const org = body.data[0];
  if (!org) throw new Error('the simulator has no organization');
  return org;
}

/**
 * EOR workers (the only ones Deel mints worker tokens for), read with bare requests. Each
 * request first steps the simulator clock one second, so this set-up never touches the rate
 * limit window of the run that follows in real time.
 */
export async function eorWorkers(
  sim: RunningSimulator,
  count: number,
): Promise<{ id: string; name: string }[]> {
  const found: { id: string; name: string }[] = [];
  for (let offset = 0; found.length < count; offset += 100) {
    sim.clock.advance(1000);
    const response = await fetch(
      `${sim.url}/people?limit=100&offset=${offset}&hiring_types[]=eor`,
      { headers: { authorization: `Bearer ${sim.tokens.admin}` } },
    );
    if (!response.ok) throw new Error(`GET /people answered ${response.status}`);
    const body = (await response.json()) as { data: { id: string; full_name: string }[] };
    if (body.data.length === 0) break;
    for (const person of body.data) found.push({ id: person.id, name: person.full_name });
  }
  if (found.length < count) throw new Error(`only ${found.length} EOR workers, need ${count}`);
  return found.slice(0, count);
}

/** Where the core keeps a live connection's sessions (mirrors core.ts `safeFileName`). */
export function sessionsFilePath(dir: string, organizationId: string, baseUrl: string): string {
  return join(dir, sessionsFileName(connectionKey('custom', organizationId, baseUrl)));
}

/**
 * Writes the sessions file the console reads on connect: live tokens minted "in an earlier run".
 * It holds metadata only (never token values), exactly what the console itself persists.
 */
export function writeSessionsFile(
  path: string,
  sessions: { workerId: string; workerName: string; mintedAt: string; expiresAt: string }[],
): void {
  const stored: StoredSession[] = sessions.map((s) => ({
    id: randomUUID(),
    workerId: s.workerId,
    workerName: s.workerName,
    mintedAt: s.mintedAt,
    expiresAt: s.expiresAt,
    state: 'live',
    stateChangedAt: s.mintedAt,
    revealed: false,
  }));
  writeFileSync(path, `${JSON.stringify({ version: 1, sessions: stored })}\n`, { mode: 0o600 });
}
