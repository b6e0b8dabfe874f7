import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/audit';
import { DeelClient, type Person } from '../../../src-main/deel/client';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { SessionService } from '../../../src-main/sessions/session-service';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { invokeChannels } from '../../../src-shared/channels';
import type { Session, VerifiedIdentity, WorkersPage } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { memoryClipboard } from '../../support/fakes';
import { manualTimers } from '../../support/manual-timers';
import { startTestCore, type TestCore } from '../../support/test-core';

// Verify proves identity: GET /people/me with the worker token, compared with the worker the
// token was minted for, in each of Deel's three /people/me shapes; a mismatch comes back as
// structured fields and is audited as a failure naming what differs.

type Verified = {
  profile: { id: string; name: string; email: string | null };
  identity: VerifiedIdentity;
};

describe('SessionService.verify compares /people/me with the expected worker', () => {
  let sim: RunningSimulator;
  let client: DeelClient;
  let worker: Person;
  let audit: AuditLog;
  let service: SessionService;
  const dirs: string[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ workers: 30, seed: 3, rateLimit: false });
    client = new DeelClient({
      baseUrl: sim.url,
      token: sim.tokens.admin,
      limiter: createRequestLimiter(1000),
    });
    worker = (await client.listPeople({ hiringTypes: ['eor'], limit: 1 })).people[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'verify-identity-'));
    dirs.push(dir);
    audit = new AuditLog({ dir });
    service = (
      await SessionService.open({
        api: client,
        clipboard: memoryClipboard(),
        audit: (record) =>
          audit
            .append({ ...record, environment: 'custom', organization: sim.orgName })
            .then(() => undefined),
        timers: manualTimers(),
        clipboardClearSeconds: () => 30,
        onChange: () => undefined,
      })
    ).service;
  });
  afterAll(async () => {
    await sim.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const expected = () => ({
    workerId: worker.workerId,
    hrisOrganizationUserId: worker.hrisOrganizationUserId,
    name: worker.name,
    emails: worker.emails,
    organization: sim.orgName,
  });

  it.each(['flat', 'data', 'emails'] as const)(
    'matches on every field in the %s shape',
    async (shape) => {
      const session = await service.mint(worker.id, worker.name);
      sim.setFaults({ peopleMeShape: shape });
      try {
        const result = await service.verify(session.id, expected);
        expect(result.identity).toEqual({
          name: worker.name,
          email: worker.email,
          matches: true,
          mismatches: [],
          checked: ['id', 'email', 'name', 'organization'],
        });
      } finally {
        sim.setFaults({ peopleMeShape: 'flat' });
      }
      const last = (await audit.read({ offset: 0, limit: 1 })).entries[0]!;
      expect(last).toMatchObject({ action: 'verify', outcome: 'success', workerId: worker.id });
      expect(last.detail).toContain(`authenticates ${worker.workerId}`);
    },
  );

  it.each(['flat', 'data', 'emails'] as const)(
    'reports a token that authenticates someone else (%s shape): fields, and a failure audit line',
    async (shape) => {
      const session = await service.mint(worker.id, worker.name);
      sim.setFaults({ peopleMeMismatch: true, peopleMeShape: shape });
      let result: Verified;
      try {
        result = await service.verify(session.id, expected);
      } finally {
        sim.setFaults({ peopleMeMismatch: false, peopleMeShape: 'flat' });
      }
      expect(result.identity).toMatchObject({
        matches: false,
        mismatches: ['id', 'email', 'name'],
        checked: ['id', 'email', 'name', 'organization'],
      });
      expect(result.identity.name).not.toBe(worker.name);
      const last = (await audit.read({ offset: 0, limit: 1 })).entries[0]!;
      expect(last).toMatchObject({ action: 'verify', outcome: 'failure', workerId: worker.id });
      expect(last.detail).toMatch(/^identity mismatch: id, email, name differ/);
      expect(last.detail).toContain(`expected worker_id ${worker.workerId}`);
      expect(last.detail).toContain(`profile ${result.profile.id}`);
      // The token works for someone else: it is still live, not rejected.
      expect(service.list().find((s) => s.id === session.id)?.state).toBe('live');
    },
  );

  it('with nothing but the session name to go on, a different name is still a mismatch', async () => {
    const session = await service.mint(worker.id, 'Someone Else Entirely');
    const result = await service.verify(session.id);
    expect(result.identity).toMatchObject({
      matches: false,
      mismatches: ['name'],
      checked: ['name'],
    });
  });
});

describe('Verify through the console core', () => {
  let t: TestCore;
  let call: <T>(method: keyof typeof invokeChannels, input?: unknown) => Promise<T>;

  beforeAll(async () => {
    t = await startTestCore({ demoWorkers: 40 });
    const dispatch = createDispatch(t.core.handlers);
    call = async <T>(method: keyof typeof invokeChannels, input?: unknown): Promise<T> => {
      const result = (await dispatch(invokeChannels[method], input)) as IpcResult<T>;
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
      return result.data;
    };
  });
  afterAll(async () => {
    await t.core.close();
    rmSync(t.dir, { recursive: true, force: true });
  });

  async function listEor() {
    const { queryId } = await call<{ queryId: string }>('queryWorkers', {
      hiringTypes: ['eor'],
      hiringStatuses: ['active'],
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const pages = t.events
        .filter((e) => e.channel === 'workers:page')
        .map((e) => e.payload as WorkersPage)
        .filter((p) => p.queryId === queryId);
      if (pages.at(-1)?.done) return pages.flatMap((p) => p.rows);
      if (Date.now() > deadline) throw new Error('the worker list did not finish');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const auditLines = async () =>
    (
      await call<{ entries: { action: string; outcome: string; detail?: string }[] }>('auditPage', {
        limit: 5,
      })
    ).entries;

  it('a worker the console listed: matches on id, email, name and organization', async () => {
    const rows = await listEor();
    const worker = rows[0]!;
    const session = await call<Session>('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    const result = await call<Verified>('verifyToken', { sessionId: session.id });
    expect(result.identity).toEqual({
      name: worker.name,
      email: worker.email,
      matches: true,
      mismatches: [],
      checked: ['id', 'email', 'name', 'organization'],
    });
    // Deel's request id of the answer is kept in the audit line and handed to the page.
    expect(result).toMatchObject({ requestId: expect.any(String) });
    expect((await auditLines())[0]).toMatchObject({
      action: 'verify',
      outcome: 'success',
      requestId: (result as { requestId?: string }).requestId,
    });

    const sim = t.core.simulator()!;
    sim.setFaults({ peopleMeMismatch: true });
    let mismatch: Verified;
    try {
      mismatch = await call<Verified>('verifyToken', { sessionId: session.id });
    } finally {
      sim.setFaults({ peopleMeMismatch: false });
    }
    expect(mismatch.identity).toMatchObject({
      matches: false,
      mismatches: ['id', 'email', 'name'],
    });
    const [line] = await auditLines();
    expect(line).toMatchObject({ action: 'verify', outcome: 'failure' });
    expect(line!.detail).toMatch(/^identity mismatch: id, email, name differ/);
    // No token value in the answer or the audit line.
    const { token } = await call<{ token: string }>('revealToken', { sessionId: session.id });
    expect(JSON.stringify(mismatch)).not.toContain(token);
    expect(JSON.stringify(await auditLines())).not.toContain(token);
  });

  it('a worker the console has not listed: Deel’s own profile of it is compared (GET /people/{id})', async () => {
    // A fresh console that never listed workers; the worker id comes from Deel directly.
    const fresh = await startTestCore({ demoWorkers: 40 });
    try {
      const dispatch = createDispatch(fresh.core.handlers);
      const freshCall = async <T>(method: keyof typeof invokeChannels, input?: unknown) => {
        const result = (await dispatch(invokeChannels[method], input)) as IpcResult<T>;
        if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
        return result.data;
      };
      const sim = fresh.core.simulator()!;
      const deel = new DeelClient({ baseUrl: sim.url, token: sim.tokens.admin });
      const person = (
        await deel.listPeople({ hiringTypes: ['eor'], hiringStatuses: ['active'], limit: 1 })
      ).people[0]!;
      const session = await freshCall<Session>('mintToken', {
        workerId: person.id,
        workerName: person.name,
        consentConfirmed: true,
      });
      const result = await freshCall<Verified>('verifyToken', { sessionId: session.id });
      // The id and emails can only have come from Deel's profile of the worker.
      expect(result.identity).toEqual({
        name: person.name,
        email: person.email,
        matches: true,
        mismatches: [],
        checked: ['id', 'email', 'name', 'organization'],
      });
    } finally {
      await fresh.core.close();
      rmSync(fresh.dir, { recursive: true, force: true });
    }
  });
});
