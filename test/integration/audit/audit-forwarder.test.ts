import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, REDACTED } from '../../../src-main/audit/audit-log';
import type { AuditInput } from '../../../src-main/audit/entry';
import { forwardUrlProblem } from '../../../src-main/audit/forward-url';
import { AuditForwarder, FORWARD_CURSOR_FILE } from '../../../src-main/audit/forwarder';

// Issue 17.7, "Forwarding": a real collector on 127.0.0.1 that goes down (closed, then
// answering 503) while entries are written; once it is back every entry arrives once, in order.

type Mode = 'ok' | 'unavailable' | 'hang';

interface Request {
  status: number;
  idempotencyKey: string | undefined;
  lines: { seq: number; hash: string }[];
  body: string;
}

/** A SIEM-like HTTP event collector: POSTed NDJSON, acknowledged with 200 in 'ok' mode. */
class Collector {
  mode: Mode = 'ok';
  readonly requests: Request[] = [];
  #server: Server | undefined;
  port = 0;

  async listen(): Promise<void> {
    const server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Down: the port refuses connections until `listen()` again. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/services/collector`;
  }

  /** The entries acknowledged (a 2xx), in the order they arrived. */
  acknowledged(): { seq: number; hash: string }[] {
    return this.requests.filter((r) => r.status === 200).flatMap((r) => r.lines);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const lines = body
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const entry = JSON.parse(line) as { seq: number; hash: string };
        return { seq: entry.seq, hash: entry.hash };
      });
    const key = req.headers['idempotency-key'];
    const record = (status: number) =>
      this.requests.push({
        status,
        idempotencyKey: typeof key === 'string' ? key : undefined,
        lines,
        body,
      });
    if (this.mode === 'hang') {
      record(0);
      return; // never answers: the forwarder's timeout fires
    }
    const status = this.mode === 'ok' ? 200 : 503;
    record(status);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? '{"text":"Success","code":0}' : '{"text":"Server busy"}');
  }
}

let dir: string;
let collector: Collector;
const forwarders: AuditForwarder[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-forward-'));
  collector = new Collector();
  await collector.listen();
});
afterEach(async () => {
  for (const forwarder of forwarders.splice(0)) await forwarder.stop();
  await collector.close();
  await rm(dir, { recursive: true, force: true });
});

const entry = (n: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  action: 'mint',
  environment: 'sandbox',
  organization: 'Northwind',
  workerId: `w${n}`,
  outcome: 'success',
  ...extra,
});

function forwarderFor(log: AuditLog, url = () => collector.url): AuditForwarder {
  const forwarder = new AuditForwarder({
    dir,
    source: log,
    url,
    allowLoopbackHttp: () => true,
    batchSize: 4,
    firstRetryMs: 20,
    maxRetryMs: 80,
    timeoutMs: 300,
  });
  forwarders.push(forwarder);
  return forwarder;
}

/** Appends as the core does: the forwarder is nudged after each line is on disk. */
async function appendAll(log: AuditLog, forwarder: AuditForwarder, from: number, to: number) {
  for (let n = from; n <= to; n++) {
    await log.append(entry(n));
    forwarder.nudge();
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 8_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('AuditForwarder against a local collector', () => {
  it('loses nothing and sends nothing twice while the collector is closed, then answers 503, then comes back', async () => {
    const log = new AuditLog({ dir });
    const forwarder = forwarderFor(log);
    forwarder.start();
    await appendAll(log, forwarder, 1, 5);
    await until(() => collector.acknowledged().length === 5, 'the first five');

    // Down: connection refused while ten entries are written.
    await collector.close();
    await appendAll(log, forwarder, 6, 15);
    await until(async () => (await forwarder.status()).lastError !== undefined, 'a failure');
    const down = await forwarder.status();
    expect(down).toMatchObject({ enabled: true, acknowledgedSeq: 5, pending: 10 });
    expect(down.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(down.failingSince).toBeTypeOf('number');

    // Up, but answering 503 for a while: retried with back-off, the cursor does not move.
    collector.mode = 'unavailable';
    await collector.listen();
    await appendAll(log, forwarder, 16, 20);
    await until(() => collector.requests.filter((r) => r.status === 503).length >= 3, 'three 503s');
    expect(collector.acknowledged().map((e) => e.seq)).toEqual(range(1, 5));
    expect((await forwarder.status()).lastError).toBe('The collector answered HTTP 503.');
    // Every retry starts at the first entry not acknowledged: strict order.
    for (const r of collector.requests.filter((r) => r.status === 503))
      expect(r.lines[0]?.seq).toBe(6);

    collector.mode = 'ok';
    await until(() => collector.acknowledged().length >= 20, 'all twenty');
    await forwarder.idle();
    const acknowledged = collector.acknowledged();
    expect(acknowledged.map((e) => e.seq)).toEqual(range(1, 20));
    // Each one exactly as stored, hash included (the collector's idempotency key per entry).
    const stored = (await readFile(log.path, 'utf8')).split('\n').filter(Boolean);
    expect(acknowledged.map((e) => e.hash)).toEqual(stored.map((line) => JSON.parse(line).hash));
    const sentBodies = collector.requests
      .filter((r) => r.status === 200)
      .map((r) => r.body)
      .join('');
    expect(sentBodies).toBe(stored.map((line) => `${line}\n`).join(''));
    expect(await forwarder.status()).toEqual({ enabled: true, acknowledgedSeq: 20, pending: 0 });
  });

  it('a restart (a new forwarder on the same folder) resumes from the cursor without resending', async () => {
    const log = new AuditLog({ dir });
    const first = forwarderFor(log);
    first.start();
    await appendAll(log, first, 1, 3);
    await until(() => collector.acknowledged().length === 3, 'the first three');
    await first.idle();
    await first.stop();
    expect(JSON.parse(await readFile(join(dir, FORWARD_CURSOR_FILE), 'utf8'))).toMatchObject({
      seq: 3,
      url: collector.url,
    });

    // Written while the console was closed (or forwarding was not running).
    for (let n = 4; n <= 7; n++) await log.append(entry(n));
    const reopened = new AuditLog({ dir });
    const second = forwarderFor(reopened);
    second.start();
    await until(() => collector.acknowledged().length >= 7, 'all seven');
    await second.idle();
    expect(collector.acknowledged().map((e) => e.seq)).toEqual(range(1, 7));
    expect(collector.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('a log replaced behind the cursor (restored, recreated) is sent again from its first entry', async () => {
    const first = new AuditLog({ dir });
    const forwarder = forwarderFor(first);
    forwarder.start();
    await appendAll(first, forwarder, 1, 3);
    await until(() => collector.acknowledged().length === 3, 'the first three');
    await forwarder.stop();

    // A new log in its place: seqs 1-2 again, with other content (so other hashes).
    await rm(first.path);
    const second = new AuditLog({ dir });
    await second.append(entry(7));
    await second.append(entry(8));
    const again = forwarderFor(second);
    again.start();
    await until(() => collector.acknowledged().length === 5, 'the new log');
    await again.idle();
    const stored = (await readFile(second.path, 'utf8')).split('\n').filter(Boolean);
    expect(
      collector
        .acknowledged()
        .slice(3)
        .map((e) => e.hash),
    ).toEqual(stored.map((line) => JSON.parse(line).hash));
  });

  it('a collector that does not answer in time gets the same entries, same idempotency key, again', async () => {
    const log = new AuditLog({ dir });
    const forwarder = forwarderFor(log);
    collector.mode = 'hang';
    forwarder.start();
    await appendAll(log, forwarder, 1, 2);
    await until(
      async () => (await forwarder.status()).lastError?.includes('did not answer') === true,
      'a timeout',
    );
    collector.mode = 'ok';
    await until(() => collector.acknowledged().length >= 2, 'both');
    await forwarder.idle();
    const [hung] = collector.requests;
    const answered = collector.requests.filter((r) => r.status === 200);
    // The retry is the same batch under the same key: a collector that kept the first copy
    // drops the second.
    expect(answered[0]?.idempotencyKey).toBe(hung?.idempotencyKey);
    expect(answered[0]?.lines).toEqual(hung?.lines);
    expect(collector.acknowledged().map((e) => e.seq)).toEqual([1, 2]);
  });

  it('never sends a token: the stored lines are already redacted', async () => {
    const token = 'sim_wkr_Zx81kQpL0v2mN7aBcDeFgHiJkLmNoPqR';
    const log = new AuditLog({ dir, knownSecrets: () => [token] });
    const forwarder = forwarderFor(log);
    forwarder.start();
    await log.append(entry(1, { detail: `the token was ${token}`, workerName: token }));
    forwarder.nudge();
    await log.append(entry(2, { reason: `ticket ${token}` }));
    forwarder.nudge();
    await until(() => collector.acknowledged().length === 2, 'both');
    const sent = collector.requests.map((r) => r.body).join('');
    expect(sent).not.toContain(token);
    expect(sent).not.toContain('Zx81kQpL0v2mN7aBcDeFgHiJkLmNoPqR');
    expect(sent).toContain(REDACTED);
  });

  it('is off with no URL, and sends nothing to a URL the policy refuses', async () => {
    const log = new AuditLog({ dir });
    let url = '';
    const forwarder = forwarderFor(log, () => url);
    forwarder.start();
    await appendAll(log, forwarder, 1, 2);
    await forwarder.idle();
    expect(await forwarder.status()).toEqual({ enabled: false, acknowledgedSeq: 0, pending: 0 });

    url = 'http://collector.example.com/ingest';
    forwarder.settingsChanged();
    await forwarder.idle();
    const refused = await forwarder.status();
    expect(refused).toMatchObject({ enabled: false, pending: 2 });
    expect(refused.lastError).toMatch(/must be https/);
    expect(collector.requests).toHaveLength(0);

    // Turned on: what was written while it was off is sent too.
    url = collector.url;
    forwarder.settingsChanged();
    await until(() => collector.acknowledged().length === 2, 'both');
    expect(collector.acknowledged().map((e) => e.seq)).toEqual([1, 2]);
  });
});

describe('forwardUrlProblem', () => {
  it('requires https, allowing http only to loopback when loopback is allowed', () => {
    expect(forwardUrlProblem('', false)).toBeUndefined();
    expect(forwardUrlProblem('https://siem.example.com/services/collector', false)).toBeUndefined();
    expect(forwardUrlProblem('http://siem.example.com/x', true)).toMatch(/must be https/);
    expect(forwardUrlProblem('http://127.0.0.1:8088/x', false)).toMatch(/developer setup/);
    expect(forwardUrlProblem('http://127.0.0.1:8088/x', true)).toBeUndefined();
    expect(forwardUrlProblem('http://[::1]:8088/x', true)).toBeUndefined();
    expect(forwardUrlProblem('ftp://siem.example.com/x', true)).toMatch(/https:\/\//);
    expect(forwardUrlProblem('https://user:pw@siem.example.com/x', true)).toMatch(/password/);
    expect(forwardUrlProblem('not a url', true)).toMatch(/not a valid URL/);
  });
});
