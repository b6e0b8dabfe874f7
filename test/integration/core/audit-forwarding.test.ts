import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/audit/audit-log';
import { verifyAuditExport } from '../../../src-main/audit/export-verify';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { invokeChannels } from '../../../src-shared/channels';
import type { AuditForwarding, Session } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { FakeCipher } from '../../support/fakes';
import { startTestCore, type TestCore, type TestCoreOptions } from '../../support/test-core';

// Issue 17.7 through the console core: forwarding is off until Settings names a collector,
// https only (loopback http as for a Deel host), and then every audit line the console writes
// reaches the collector in order, never a token; the NDJSON export verifies offline.

let deel: RunningSimulator;
let collector: Server;
let collectorUrl: string;
const bodies: string[] = [];
const running: TestCore[] = [];

beforeAll(async () => {
  deel = await startSimulator({ workers: 20, seed: 41, orgName: 'Forwarded Co' });
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/collector`;
});
afterAll(async () => {
  for (const t of running) {
    await t.core.close();
    rmSync(t.dir, { recursive: true, force: true });
  }
  collector.closeAllConnections();
  await new Promise<void>((resolve) => collector.close(() => resolve()));
  await deel.close();
});

async function boot(options: TestCoreOptions = {}) {
  const t = await startTestCore(options);
  running.push(t);
  const dispatch = createDispatch(t.core.handlers);
  const call = async <T>(method: keyof typeof invokeChannels, input?: unknown) =>
    (await dispatch(invokeChannels[method], input)) as IpcResult<T>;
  const ok = async <T>(method: keyof typeof invokeChannels, input?: unknown): Promise<T> => {
    const result = await call<T>(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.data;
  };
  return { ...t, call, ok };
}

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a collector that needs an Authorization header', () => {
  it('gets the sealed header value on every request, once set; the page only ever sees its hint', async () => {
    const secret = 'Splunk 5e0c7a1d-hec-token-9f3a';
    const seen: { authorization: string | undefined; lines: number }[] = [];
    const guarded = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).length;
        seen.push({ authorization: req.headers.authorization, lines });
        res.writeHead(req.headers.authorization === secret ? 200 : 401).end();
      });
    });
    await new Promise<void>((resolve) => guarded.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(guarded.address() as AddressInfo).port}/services/collector/raw`;
    try {
      const cipher = new FakeCipher(0x41);
      const t = await boot({ cipher });
      await t.ok('updateSettings', { auditForwardUrl: url });
      await t.ok('connect', {
        environment: 'custom',
        customUrl: deel.url,
        token: deel.tokens.admin,
      });
      await until(() => seen.length > 0, 'a refused attempt');
      expect(seen[0]).toEqual({ authorization: undefined, lines: expect.any(Number) });
      const refused = await t.ok<AuditForwarding>('getAuditForwarding');
      expect(refused.pending).toBeGreaterThan(0);
      expect(refused.lastError).toContain('401');

      const set = await t.ok<AuditForwarding>('setAuditCollectorAuthorization', { value: secret });
      expect(set.authorization).toEqual({ set: true, hint: '…9f3a', persisted: true });
      await until(
        async () => (await t.ok<AuditForwarding>('getAuditForwarding')).pending === 0,
        'delivery with the header',
      );
      expect(seen.at(-1)?.authorization).toBe(secret);
      // Write-only: neither Settings nor the settings file nor any event holds the value.
      expect(JSON.stringify(await t.ok('getSettings'))).not.toContain('5e0c7a1d');
      expect(readFileSync(join(t.dir, 'config.json'), 'utf8')).not.toContain('5e0c7a1d');
      expect(JSON.stringify(t.events)).not.toContain('5e0c7a1d');

      // Sealed: after a restart it is still set, and sent with the next line.
      await t.core.close();
      running.splice(running.indexOf(t), 1);
      const again = await boot({ dir: t.dir, cipher });
      expect((await again.ok<AuditForwarding>('getAuditForwarding')).authorization).toMatchObject({
        set: true,
        persisted: true,
      });
      const before = seen.length;
      await again.ok('switchProfile', { profileId: 'demo' });
      await until(() => seen.length > before, 'the next line');
      expect(seen.slice(before).every((s) => s.authorization === secret)).toBe(true);
      const cleared = await again.ok<AuditForwarding>('setAuditCollectorAuthorization', {
        value: '',
      });
      expect(cleared.authorization).toEqual({ set: false, persisted: false });
      expect(readFileSync(join(t.dir, 'config.json'), 'utf8')).not.toContain(
        'auditCollectorSecret',
      );
    } finally {
      guarded.closeAllConnections();
      await new Promise<void>((resolve) => guarded.close(() => resolve()));
    }
  });
});

describe('audit forwarding in the console core', () => {
  it('is off by default, refuses a URL that is not https, and forwards every line once configured', async () => {
    const t = await boot();
    expect(await t.ok<AuditForwarding>('getAuditForwarding')).toEqual({
      enabled: false,
      acknowledgedSeq: 0,
      pending: 0,
      authorization: { set: false, persisted: false },
    });
    expect((await t.ok<{ auditForwardUrl: string }>('getSettings')).auditForwardUrl).toBe('');

    const refused = await t.call('updateSettings', {
      auditForwardUrl: 'http://siem.example.com/collector',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('invalid-argument');
      expect(refused.error.message).toContain('must be https');
    }

    await t.ok('connect', { environment: 'custom', customUrl: deel.url, token: deel.tokens.admin });
    const res = await fetch(`${deel.url}/people?hiring_types=eor&limit=5`, {
      headers: { authorization: `Bearer ${deel.tokens.admin}` },
    });
    const person = ((await res.json()) as { data: { id: string; full_name: string }[] }).data[0]!;
    // Written before forwarding was on: sent too once it is.
    const minted = await t.ok<Session>('mintToken', {
      workerId: person.id,
      workerName: person.full_name,
      consentConfirmed: true,
    });
    await t.ok('copyToken', { sessionId: minted.id });
    const token = await t.clipboard.readText();
    expect(token).toMatch(/^sim_wkr_/);

    await t.ok('updateSettings', { auditForwardUrl: collectorUrl });
    await t.ok('revokeToken', { workerId: minted.workerId });

    const stored = () => readFileSync(join(t.dir, 'audit-log.jsonl'), 'utf8');
    await until(async () => {
      const status = await t.ok<AuditForwarding>('getAuditForwarding');
      return status.pending === 0 && status.acknowledgedSeq > 0;
    }, 'the collector to catch up');
    const sent = bodies.join('');
    expect(sent).toBe(stored());
    expect(sent).toMatch(/"action":"revoke"/);
    expect(sent).not.toContain(token);

    const exported = await t.ok<{ fileName: string; folder: string; rows: number }>('exportAudit', {
      format: 'ndjson',
    });
    expect(exported.fileName).toMatch(/\.ndjson$/);
    const report = await verifyAuditExport(join(exported.folder, exported.fileName));
    expect(report).toMatchObject({ ok: true, complete: true, entries: exported.rows });
  });

  it('a console whose audit log another process writes does not forward it, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forward-locked-'));
    // A live process other than this one holds the writer lock.
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    try {
      const other = new AuditLog({ dir });
      await other.append({
        action: 'mint',
        environment: 'sandbox',
        organization: 'Other process',
        outcome: 'success',
      });
      await other.close();
      writeFileSync(
        join(dir, 'audit-log.jsonl.lock'),
        JSON.stringify({ pid: holder.pid, host: hostname() }),
      );
      const t = await boot({ dir });
      const before = bodies.length;
      await t.ok('updateSettings', { auditForwardUrl: collectorUrl });
      const status = await t.ok<AuditForwarding>('getAuditForwarding');
      expect(status.enabled).toBe(false);
      expect(status.lastError).toContain('Another console process writes the audit log');
      // The other process's lines (one written by it, here) are its to send.
      expect(status.pending).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bodies.length).toBe(before);
    } finally {
      holder.kill();
    }
  });

  it('an installed build forwards over http only to loopback and only with the developer setting', async () => {
    const t = await boot({ packaged: true });
    const refused = await t.call('updateSettings', { auditForwardUrl: collectorUrl });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('developer setup');
    await t.ok('updateSettings', { auditForwardUrl: collectorUrl, allowLoopbackHost: true });
    expect((await t.ok<AuditForwarding>('getAuditForwarding')).enabled).toBe(true);
    // Turning the developer setting off again stops forwarding, and says why.
    await t.ok('updateSettings', { allowLoopbackHost: false });
    const off = await t.ok<AuditForwarding>('getAuditForwarding');
    expect(off.enabled).toBe(false);
    expect(off.lastError).toContain('developer setup');
  });
});
