import Conf from 'conf';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { ConnectionManager } from '../../../src-main/app/connection';
import { OrgTokenVault } from '../../../src-main/vault/org-token-vault';
import { ProfileRegistry } from '../../../src-main/vault/profile-registry';
import { FakeCipher } from '../../support/fakes';
import { startHarness, type Harness } from './harness';

// Connecting: the connection manager checks the token with Deel (GET /organizations), goes on
// with the client that made the check, and hands the vault the verified connection to seal.
let h: Harness;
let dir: string;
const managers: ConnectionManager[] = [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.close();
  await rm(dir, { recursive: true, force: true });
});

async function setup() {
  dir = await mkdtemp(join(tmpdir(), 'connect-sim-'));
  const profiles = await ProfileRegistry.open({
    store: new Conf<Record<string, unknown>>({ cwd: dir }),
    cipher: new FakeCipher(),
  });
  const manager = new ConnectionManager({
    profiles,
    demoWorkers: 5,
    requestsPerSecond: () => 1000,
  });
  managers.push(manager);
  // The vault of the profile in use (none until a connect saved one).
  const vault = {
    status: () => profiles.active()?.vault.status() ?? { configured: false },
    connection: () => profiles.active()?.vault.connection(),
  };
  return { vault, manager, profiles };
}

it('checks the token with GET /organizations, keeps nothing when Deel refuses it', async () => {
  const { vault, manager } = await setup();
  const before = h.count('GET', '/organizations');
  // The simulator is loopback http, which the console accepts as a custom URL for that reason.
  await expect(
    manager.connect({ environment: 'custom', customUrl: h.sim.url, token: 'wrong-token-value' }),
  ).rejects.toMatchObject({ kind: 'auth' });
  expect(vault.status().configured).toBe(false);
  expect(h.count('GET', '/organizations') - before).toBe(1);
});

it('goes on with the client that made the check, without reading the token back from the vault', async () => {
  const { vault, manager } = await setup();
  const readBack = vi.spyOn(OrgTokenVault.prototype, 'connection');
  const before = h.count('GET', '/organizations');
  const { replaced } = await manager.connect({
    environment: 'custom',
    customUrl: h.sim.url,
    token: h.sim.tokens.admin,
  });
  expect(replaced).toBe(false);
  expect(readBack).not.toHaveBeenCalled();
  readBack.mockRestore();
  expect(h.count('GET', '/organizations') - before).toBe(1);
  const active = manager.active();
  expect(active).toMatchObject({
    mode: 'live',
    environment: 'custom',
    organization: { name: h.sim.orgName },
  });
  expect(active.client.baseUrl).toBe(h.sim.url);
  expect(vault.status()).toMatchObject({
    configured: true,
    environment: 'custom',
    organization: { name: h.sim.orgName },
    hint: `…${h.sim.tokens.admin.slice(-4)}`,
    persisted: true,
  });
  for (const name of await readdir(dir)) {
    expect(await readFile(join(dir, name), 'utf8')).not.toContain(h.sim.tokens.admin);
  }
  // A second connect replaces the first.
  expect(
    (
      await manager.connect({
        environment: 'custom',
        customUrl: h.sim.url,
        token: h.sim.tokens.admin,
      })
    ).replaced,
  ).toBe(true);
});

it('refuses http:// for a non-loopback host before sending the token anywhere', async () => {
  const { vault, manager } = await setup();
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  await expect(
    manager.connect({
      environment: 'custom',
      customUrl: 'http://deel.example.com/rest/v2',
      token: 'org-token-value-1234',
    }),
  ).rejects.toMatchObject({ kind: 'invalid-argument', message: expect.stringContaining('HTTPS') });
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
  expect(vault.status().configured).toBe(false);
});
