import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { startSimulator, type RunningSimulator } from '../../../src-main/simulator';
import { invokeChannels } from '../../../src-shared/channels';
import type { AuditPage, ConnectionStatus } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { FakeCipher } from '../../support/fakes';
import { startTestCore, type TestCore } from '../../support/test-core';

// Org-token rotation (issue 17.4): the console knows when the token in use was entered, across
// restarts, and a rotation swaps it only for a token of the same organization and host.

let acme: RunningSimulator;
let other: RunningSimulator;
const running: TestCore[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  [acme, other] = await Promise.all([
    startSimulator({ workers: 20, seed: 21, orgName: 'Acme Rotation Ltd' }),
    startSimulator({ workers: 20, seed: 22, orgName: 'Other Org Inc' }),
  ]);
});
afterAll(async () => {
  for (const t of running) await t.core.close();
  await Promise.all([acme.close(), other.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function boot(options: Parameters<typeof startTestCore>[0] = {}) {
  const t = await startTestCore(options);
  running.push(t);
  if (!dirs.includes(t.dir)) dirs.push(t.dir);
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

const custom = (sim: RunningSimulator, token: string, rotate?: true) => ({
  environment: 'custom',
  customUrl: sim.url,
  token,
  ...(rotate && { rotate }),
});

describe('org-token rotation', () => {
  it('dates the token in use, across a restart, and a rotation re-dates it', async () => {
    const cipher = new FakeCipher(0x41);
    const t = await boot({ cipher });
    const connected = await t.ok<ConnectionStatus>('connect', custom(acme, acme.tokens.admin));
    expect(connected.tokenEnteredAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    await t.core.close();
    running.splice(running.indexOf(t), 1);
    const again = await boot({ dir: t.dir, cipher });
    const status = await again.ok<ConnectionStatus>('getConnection');
    expect(status.organization?.name).toBe('Acme Rotation Ltd');
    expect(status.tokenEnteredAt).toBe(connected.tokenEnteredAt);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const rotated = await again.ok<ConnectionStatus>(
      'connect',
      custom(acme, acme.tokens.readOnly, true),
    );
    expect(rotated.organization?.name).toBe('Acme Rotation Ltd');
    expect(rotated.tokenHint).not.toBe(status.tokenHint);
    expect(Date.parse(rotated.tokenEnteredAt!)).toBeGreaterThan(Date.parse(status.tokenEnteredAt!));
    const audit = await again.ok<AuditPage>('auditPage', { action: 'token-rotated' });
    expect(audit.entries.map((e) => e.outcome)).toEqual(['success']);
    expect(audit.entries[0]?.detail).toContain('delete the old token');
  });

  it('refuses a rotation to another organization: nothing changes, and the attempt is audited', async () => {
    const t = await boot();
    const before = await t.ok<ConnectionStatus>('connect', custom(acme, acme.tokens.admin));
    const refused = await t.call('connect', custom(other, other.tokens.admin, true));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.kind).toBe('not-allowed');
    expect(refused.error.message).toContain('Nothing was changed');
    expect(refused.error.message).toContain('Other Org Inc');
    expect(refused.error.message).toContain('Acme Rotation Ltd');

    const after = await t.ok<ConnectionStatus>('getConnection');
    expect(after.organization).toEqual(before.organization);
    expect(after.tokenHint).toBe(before.tokenHint);
    expect(after.baseUrl).toBe(before.baseUrl);
    const audit = await t.ok<AuditPage>('auditPage', { action: 'token-rotated' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ outcome: 'failure' });

    // A replace (no rotate) may switch organization, once the operator confirmed it: the
    // refusal names both organizations as fields, for the page to ask.
    const warned = await t.call('connect', custom(other, other.tokens.admin));
    expect(warned.ok).toBe(false);
    if (warned.ok) return;
    expect(warned.error).toMatchObject({
      kind: 'not-allowed',
      organizationChange: {
        from: { name: 'Acme Rotation Ltd' },
        to: { name: 'Other Org Inc' },
      },
    });
    expect((await t.ok<ConnectionStatus>('getConnection')).tokenHint).toBe(before.tokenHint);
    const replaced = await t.ok<ConnectionStatus>('connect', {
      ...custom(other, other.tokens.admin),
      confirmOrganizationChange: true,
    });
    expect(replaced.organization?.name).toBe('Other Org Inc');
    expect(replaced.profile).toEqual(before.profile);
  });

  it('refuses a rotation with nothing to rotate (demo data)', async () => {
    const t = await boot();
    const refused = await t.call('connect', custom(acme, acme.tokens.admin, true));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('no organization token to rotate');
    expect((await t.ok<ConnectionStatus>('getConnection')).mode).not.toBe('live');
  });
});
