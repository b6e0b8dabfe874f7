/**
 * The fault-drill harness: the console core in a child process (drill-child.ts), a gate proxy
 * between it and the simulator that can kill the child at chosen points of a Deel call, the
 * simulator's truth about worker tokens, and the comparison of the two.
 *
 * Token values never leave the processes that need them: the gate sees minted tokens pass and
 * keeps only their SHA-256 (by Deel's request id), the truth route gives only fingerprints, and
 * nothing here prints either.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenFingerprint } from '../../src-main/simulator/worker-sessions';
import type { InvokeMethod } from '../../src-shared/channels';
import type { Session } from '../../src-shared/contract';
import type { IpcResult } from '../../src-shared/errors';
import { PROTOCOL_PREFIX } from './protocol';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const CHILD_ENTRY = join(here, 'drill-child.ts');

/** The simulator's own fingerprint of a token, so the gate's and the truth route's agree. */
const sha256 = tokenFingerprint;

/** Waits for `promise`, or rejects after `ms` naming `what` (every wait in the drills is bounded). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ── the child ────────────────────────────────────────────────────────────────────────────────

/** The call did not get an answer: the child died (killed) first. */
export class ChildGone extends Error {
  constructor(what: string) {
    super(`${what}: the child exited before answering`);
  }
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One run of the console core in a child process, started on the user-data folder `dir`. */
export class DrillChild {
  readonly exited: Promise<ChildExit>;
  #process: ChildProcess;
  #next = 1;
  #waiting = new Map<
    number,
    { method: string; resolve: (r: IpcResult<unknown>) => void; reject: (e: Error) => void }
  >();
  #stderr = '';
  #alive = true;

  private constructor(process: ChildProcess, onProtocol: (message: unknown) => void) {
    this.#process = process;
    this.exited = new Promise<ChildExit>((resolve) => {
      process.once('exit', (code, signal) => {
        this.#alive = false;
        for (const { method, reject } of this.#waiting.values()) reject(new ChildGone(method));
        this.#waiting.clear();
        resolve({ code, signal });
      });
    });
    let buffered = '';
    process.stdout?.setEncoding('utf8');
    process.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (!line.startsWith(PROTOCOL_PREFIX)) continue;
        const message = JSON.parse(line.slice(PROTOCOL_PREFIX.length)) as {
          id?: number;
          result?: IpcResult<unknown>;
        };
        if (message.id !== undefined && message.result) {
          const waiter = this.#waiting.get(message.id);
          this.#waiting.delete(message.id);
          waiter?.resolve(message.result);
        } else {
          onProtocol(message);
        }
      }
    });
    process.stderr?.setEncoding('utf8');
    process.stderr?.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-4000);
    });
  }

  /** Starts the core on `dir`; rejects when it does not come up (with why, when it said). */
  static async start(dir: string, timeoutMs = 20_000): Promise<DrillChild> {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD_ENTRY], {
      cwd: repoRoot,
      env: { ...process.env, DRILL_DIR: dir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let child: DrillChild | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      child = new DrillChild(proc, (message) => {
        const m = message as { ready?: boolean; startFailed?: string };
        if (m.ready) resolve();
        else if (m.startFailed !== undefined)
          reject(new Error(`the console did not start: ${m.startFailed}`));
      });
      void child.exited.then((exit) =>
        reject(
          new Error(
            `the console exited while starting (${exit.signal ?? exit.code}): ${child?.stderrTail() ?? ''}`,
          ),
        ),
      );
    });
    try {
      await within(ready, timeoutMs, 'console start');
    } catch (error) {
      child?.kill();
      throw error;
    }
    return child!;
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  get alive(): boolean {
    return this.#alive;
  }

  stderrTail(): string {
    return this.#stderr;
  }

  /** Runs one IPC handler in the child; rejects with ChildGone when it dies first. */
  call<T>(method: InvokeMethod, input?: unknown, timeoutMs = 30_000): Promise<IpcResult<T>> {
    if (!this.#alive) return Promise.reject(new ChildGone(method));
    const id = this.#next++;
    const answer = new Promise<IpcResult<T>>((resolve, reject) => {
      this.#waiting.set(id, {
        method,
        resolve: resolve as (r: IpcResult<unknown>) => void,
        reject,
      });
    });
    this.#process.stdin?.write(`${JSON.stringify({ id, method, input })}\n`);
    return within(answer, timeoutMs, method);
  }

  /** Like call(), but throws unless the handler succeeded. */
  async ok<T>(method: InvokeMethod, input?: unknown, timeoutMs?: number): Promise<T> {
    const result = await this.call<T>(method, input, timeoutMs);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
    return result.data;
  }

  /** SIGKILL, at once: no handler, no flush, no goodbye. */
  kill(): void {
    if (this.#alive && this.#process.pid !== undefined) this.#process.kill('SIGKILL');
  }

  /** Closes the core as the app does at quit (every change written), then exits. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (!this.#alive) return;
    this.#process.stdin?.write(`${JSON.stringify({ id: 0, method: '__close' })}\n`);
    try {
      await within(this.exited, timeoutMs, 'console close');
    } catch (error) {
      this.kill();
      await this.exited;
      throw error;
    }
  }
}

// ── the gate: a proxy that kills the child at a chosen point of a call ───────────────────────

/** Where in a Deel call the child is killed. */
export type KillPhase =
  /** The request reached the gate; it never reaches Deel. */
  | 'before-forward'
  /** Deel has acted and answered; the child never hears it. */
  | 'before-answer'
  /** The child got Deel's answer and is recording it; killed `delayMs` later. */
  | 'after-answer';

export interface KillPlan {
  method: 'POST' | 'DELETE';
  /** The n-th matching request after arming (1-based). */
  nth: number;
  phase: KillPhase;
  delayMs: number;
  kill: () => void;
}

export interface Gate {
  /** The base URL the console connects to (`.../rest/v2`). */
  url: string;
  /** Arms one kill; it disarms itself when it fires. */
  arm(plan: KillPlan): void;
  disarm(): void;
  /** Whether the armed plan fired since it was armed. */
  fired(): boolean;
  /** Requests forwarded to Deel (or answered by the gate), by method. */
  counts: Record<string, number>;
  /** SHA-256 of each minted token, by Deel's request id for that mint. */
  mintFingerprints: Map<string, string>;
  /** `forward`: pass DELETEs to Deel; `html-404`: answer them 404 with a page that is not Deel's. */
  deleteMode: 'forward' | 'html-404';
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'upgrade',
]);

function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/** A loopback proxy in front of `targetOrigin` (the simulator), with kill points. */
export async function startGate(targetOrigin: string): Promise<Gate> {
  const target = new URL(targetOrigin);
  let plan: KillPlan | undefined;
  let seen = 0;
  let fired = false;
  const sockets = new Set<Socket>();

  const gate: Gate = {
    url: '',
    arm(next) {
      plan = next;
      seen = 0;
      fired = false;
    },
    disarm() {
      plan = undefined;
    },
    fired: () => fired,
    counts: {},
    mintFingerprints: new Map(),
    deleteMode: 'forward',
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      let hit: KillPlan | undefined;
      if (plan && plan.method === method && ++seen === plan.nth) {
        hit = plan;
        plan = undefined;
        fired = true;
      }
      if (hit?.phase === 'before-forward') {
        hit.kill();
        req.socket.destroy();
        return;
      }
      gate.counts[method] = (gate.counts[method] ?? 0) + 1;
      if (method === 'DELETE' && gate.deleteMode === 'html-404') {
        if (hit?.phase === 'before-answer') {
          hit.kill();
          req.socket.destroy();
          return;
        }
        const page = '<!doctype html><html><body><h1>404 Not Found</h1><p>nginx</p></body></html>';
        res.writeHead(404, { 'content-type': 'text/html', 'content-length': page.length });
        res.end(page);
        if (hit) setTimeout(hit.kill, hit.delayMs);
        return;
      }
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method,
          path: req.url,
          headers: { ...forwardHeaders(req.headers), host: target.host },
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const bytes = Buffer.concat(body);
            const requestId = answer.headers['x-request-id'];
            if (method === 'POST' && answer.statusCode === 201 && typeof requestId === 'string') {
              try {
                const token = (JSON.parse(bytes.toString('utf8')) as { data?: { token?: unknown } })
                  .data?.token;
                if (typeof token === 'string') gate.mintFingerprints.set(requestId, sha256(token));
              } catch {
                // Not JSON: no token to fingerprint.
              }
            }
            if (hit?.phase === 'before-answer') {
              hit.kill();
              req.socket.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, {
              ...forwardHeaders(answer.headers),
              'content-length': bytes.length,
            });
            res.end(bytes);
            if (hit) setTimeout(hit.kill, hit.delayMs);
          });
        },
      );
      upstream.on('error', () => req.socket.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gate.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/v2`;
  return gate;
}

// ── truth, view, comparison ──────────────────────────────────────────────────────────────────

export interface LiveAtDeel {
  profileId: string;
  fingerprint: string;
  expiresAt: string;
}

/** What the simulator holds: every live worker token, as a fingerprint. */
export async function deelTruth(simOrigin: string): Promise<LiveAtDeel[]> {
  const res = await fetch(`${simOrigin}/__sim/worker-sessions`);
  if (!res.ok) throw new Error(`the truth route answered ${res.status}`);
  return ((await res.json()) as { sessions: LiveAtDeel[] }).sessions;
}

/** EOR workers of the simulator's organization (only they can get a worker token). */
export async function eorWorkers(
  simUrl: string,
  adminToken: string,
  count: number,
): Promise<{ id: string; name: string }[]> {
  const res = await fetch(`${simUrl}/people?hiring_types=eor&limit=100`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const body = (await res.json()) as { data: { id: string; full_name: string }[] };
  const workers = body.data.slice(0, count).map((p) => ({ id: p.id, name: p.full_name }));
  if (workers.length < count) throw new Error(`only ${workers.length} EOR workers`);
  return workers;
}

export interface AuditLine {
  action: string;
  outcome: string;
  workerId?: string;
  detail?: string;
  seq?: number;
}

/** The audit log's readable lines, oldest first (damaged lines are skipped here). */
export function readAuditLines(dir: string): AuditLine[] {
  let text: string;
  try {
    text = readFileSync(join(dir, 'audit-log.jsonl'), 'utf8');
  } catch {
    return [];
  }
  const lines: AuditLine[] = [];
  for (const line of text.split('\n')) {
    try {
      const parsed = JSON.parse(line) as AuditLine;
      if (typeof parsed.action === 'string') lines.push(parsed);
    } catch {
      // A torn or damaged line.
    }
  }
  return lines;
}

/** A token Deel still holds that the console's view gets wrong. */
export interface Finding {
  kind: 'untracked' | 'shown-finished-but-live' | 'no-intent-line' | 'pending-after-restart';
  workerId: string;
  detail: string;
}

/** States in which the console says the token can no longer be used. */
const FINISHED = new Set(['revoked', 'superseded', 'expired', 'rejected']);
/** States in which the console says Deel may hold the token (it is listed and revocable). */
const TRACKED = new Set(['live', 'outcome-unknown']);

export interface Comparison {
  findings: Finding[];
  /** Tokens live at Deel that were compared. */
  liveAtDeel: number;
  /** Console sessions that were compared. */
  sessions: number;
  /** Sessions the console shows live or outcome-unknown that Deel no longer holds (safe). */
  stale: number;
}

/**
 * The acceptance of issue 13: no token live at Deel that the console shows neither live nor
 * outcome-unknown, and none shown revoked (or otherwise finished) that Deel still accepts.
 * A console session is tied to a Deel token by the request id of its mint (the gate saw that
 * answer and fingerprinted the token); a live session whose mint answer is a different token
 * does not cover the one Deel holds.
 */
export function compareWithDeel(
  view: Session[],
  truth: LiveAtDeel[],
  mintFingerprints: ReadonlyMap<string, string>,
  audit: AuditLine[],
): Comparison {
  const findings: Finding[] = [];
  const fingerprintOf = (s: Session) =>
    s.requestId === undefined ? undefined : mintFingerprints.get(s.requestId);
  const liveFingerprints = new Set(truth.map((t) => t.fingerprint));
  for (const token of truth) {
    const own = view.filter((s) => s.workerId === token.profileId);
    const covered = own.some((s) => {
      if (s.state === 'outcome-unknown' || s.state === 'pending') return true;
      if (s.state !== 'live') return false;
      const fingerprint = fingerprintOf(s);
      return fingerprint === undefined || fingerprint === token.fingerprint;
    });
    if (!covered) {
      findings.push({
        kind: 'untracked',
        workerId: token.profileId,
        detail: `Deel holds a live token; the console shows ${own.length === 0 ? 'no session' : own.map((s) => s.state).join(', ')} for this worker`,
      });
    }
    const intent = audit.some(
      (line) =>
        line.action === 'mint' && line.outcome === 'intent' && line.workerId === token.profileId,
    );
    if (!intent) {
      findings.push({
        kind: 'no-intent-line',
        workerId: token.profileId,
        detail: 'Deel holds a token minted for this worker, but no mint intent is in the audit log',
      });
    }
  }
  let stale = 0;
  for (const session of view) {
    const fingerprint = fingerprintOf(session);
    const liveAtDeel =
      fingerprint !== undefined
        ? liveFingerprints.has(fingerprint)
        : truth.some((t) => t.profileId === session.workerId);
    if (FINISHED.has(session.state) && fingerprint !== undefined && liveAtDeel) {
      findings.push({
        kind: 'shown-finished-but-live',
        workerId: session.workerId,
        detail: `shown ${session.state}, but Deel still accepts its token`,
      });
    }
    if (session.state === 'pending') {
      findings.push({
        kind: 'pending-after-restart',
        workerId: session.workerId,
        detail: 'a restarted console still shows a call in flight',
      });
    }
    if (TRACKED.has(session.state) && !liveAtDeel) stale++;
  }
  return { findings, liveAtDeel: truth.length, sessions: view.length, stale };
}

/** A seed from the environment (to re-run a failing drill) or a fresh one; always printed. */
export function drillSeed(): number {
  const fromEnv = process.env['DRILLS_SEED'];
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  return Math.floor(Math.random() * 2 ** 31);
}
