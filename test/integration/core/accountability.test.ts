import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { invokeChannels } from '../../../src-shared/channels';
import { MINT_CONSENT_WORDING } from '../../../src-shared/consent';
import type { AuditEntry, AuditPage, Session } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { startTestCore, type TestCore } from '../../support/test-core';

// Accountability in the audit log (issue 17.2): every line names its operator; mint, revoke
// and bulk revoke keep the reason given; a mint keeps the consent wording confirmed; reveal and
// copy are lines of their own, written before the token leaves main.

let deel: RunningSimulator;
const running: TestCore[] = [];

beforeAll(async () => {
  deel = await startSimulator({ workers: 30, seed: 31, orgName: 'Accountable Co' });
});
afterAll(async () => {
  for (const t of running) {
    await t.core.close();
    rmSync(t.dir, { recursive: true, force: true });
  }
  await deel.close();
});

async function boot() {
  const t = await startTestCore();
  running.push(t);
  const dispatch = createDispatch(t.core.handlers);
  const call = async <T>(method: keyof typeof invokeChannels, input?: unknown) =>
    (await dispatch(invokeChannels[method], input)) as IpcResult<T>;
  const ok = async <T>(method: keyof typeof invokeChannels, input?: unknown): Promise<T> => {
    const result = await call<T>(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.data;
  };
  await ok('connect', { environment: 'custom', customUrl: deel.url, token: deel.tokens.admin });
  return { ...t, call, ok };
}

async function eorWorker(index: number): Promise<{ id: string; name: string }> {
  const res = await fetch(`${deel.url}/people?hiring_types=eor&limit=50`, {
    headers: { authorization: `Bearer ${deel.tokens.admin}` },
  });
  const body = (await res.json()) as { data: { id: string; full_name: string }[] };
  const person = body.data[index]!;
  return { id: person.id, name: person.full_name };
}

const lines = async (t: Awaited<ReturnType<typeof boot>>, action: string) =>
  (await t.ok<AuditPage>('auditPage', { action, limit: 200 })).entries;

describe('accountability in the audit log', () => {
  it('names the operator on every line, and keeps reason, consent, reveal and copy', async () => {
    const t = await boot();
    const settings = await t.ok<Record<string, unknown>>('getSettings');
    await t.ok('updateSettings', { ...settings, operatorName: 'Jane Ops' });
    const worker = await eorWorker(0);
    const session = await t.ok<Session>('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
      reason: 'INC-4211 onboarding',
    });
    await t.ok('revealToken', { sessionId: session.id });
    await t.ok('copyToken', { sessionId: session.id });
    await t.ok('revokeToken', { workerId: worker.id, reason: 'INC-4211 done' });

    const account = userInfo().username;
    const all = (await t.ok<AuditPage>('auditPage', { limit: 200 })).entries;
    // Newest first: connect, mint (intent, success), reveal, copy, revoke (intent, success).
    expect(all.map((e) => e.action).reverse()).toEqual([
      'connect',
      'mint',
      'mint',
      'reveal',
      'copy',
      'revoke',
      'revoke',
    ]);
    const byJane = (entry: AuditEntry) =>
      entry.operatorAccount === account && entry.operatorName === 'Jane Ops';
    // The connect line came before the display name was set: the account alone.
    expect(all.find((e) => e.action === 'connect')).toMatchObject({ operatorAccount: account });
    for (const entry of all.filter((e) => e.action !== 'connect')) expect(byJane(entry)).toBe(true);

    const mint = await lines(t, 'mint');
    expect(mint.map((e) => [e.outcome, e.reason, e.consent])).toEqual([
      ['success', 'INC-4211 onboarding', undefined],
      ['intent', 'INC-4211 onboarding', MINT_CONSENT_WORDING],
    ]);
    expect((await lines(t, 'reveal')).map((e) => [e.workerId, e.outcome])).toEqual([
      [worker.id, 'success'],
    ]);
    expect((await lines(t, 'copy')).map((e) => [e.workerId, e.outcome])).toEqual([
      [worker.id, 'success'],
    ]);
    const revoke = await lines(t, 'revoke');
    expect(revoke.map((e) => e.reason)).toEqual(['INC-4211 done', 'INC-4211 done']);
  });

  it('refuses a change without a reason when Settings requires one: nothing is sent', async () => {
    const t = await boot();
    const settings = await t.ok<Record<string, unknown>>('getSettings');
    await t.ok('updateSettings', { ...settings, requireReason: true });
    const worker = await eorWorker(1);
    const refused = await t.call('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('give a reason or ticket reference');
    expect(await lines(t, 'mint')).toEqual([]);
    const revokeRefused = await t.call('revokeToken', { workerId: worker.id });
    expect(revokeRefused.ok).toBe(false);
    expect(await lines(t, 'revoke')).toEqual([]);
    await t.ok('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
      reason: 'CHG-1',
    });
    expect((await lines(t, 'mint')).map((e) => e.reason)).toEqual(['CHG-1', 'CHG-1']);
  });

  it('a reason that holds the worker token is written redacted, never as the token', async () => {
    const t = await boot();
    const worker = await eorWorker(2);
    const session = await t.ok<Session>('mintToken', {
      workerId: worker.id,
      workerName: worker.name,
      consentConfirmed: true,
    });
    const { token } = await t.ok<{ token: string }>('revealToken', { sessionId: session.id });
    await t.ok('revokeToken', { workerId: worker.id, reason: `pasted ${token} by mistake` });
    const revoke = await lines(t, 'revoke');
    for (const entry of revoke) {
      expect(entry.reason).toMatch(/^\[redacted/);
      expect(JSON.stringify(entry)).not.toContain(token);
    }
  });
});
