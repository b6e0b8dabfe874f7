import Conf from 'conf';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import { deelOrganizationProbe, OrgTokenVault } from '../../../src-main/vault';
import { FakeCipher } from '../../unit/vault/fake-cipher';
import { startHarness, type Harness } from './harness';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = await mkdtemp(join(tmpdir(), 'vault-sim-'));
});
afterAll(async () => {
  await h.sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('connect checks the token with GET /organizations and records the organization', async () => {
  const vault = await OrgTokenVault.open({
    store: new Conf<Record<string, unknown>>({ cwd: dir }),
    cipher: new FakeCipher(),
    probe: deelOrganizationProbe({ limiter: createRequestLimiter(1000) }),
  });
  // The simulator is loopback http; the vault accepts it as a custom URL for the same reason.
  await expect(
    vault.connect({ environment: 'custom', baseUrl: h.sim.url, token: 'wrong-token-value' }),
  ).rejects.toMatchObject({ kind: 'auth' });
  const { status } = await vault.connect({
    environment: 'custom',
    baseUrl: h.sim.url,
    token: h.sim.tokens.admin,
  });
  expect(status).toMatchObject({
    configured: true,
    environment: 'custom',
    organization: { name: h.sim.orgName },
    hint: `…${h.sim.tokens.admin.slice(-4)}`,
    persisted: true,
  });
  expect(h.count('GET', '/organizations')).toBe(2);
  for (const name of await readdir(dir)) {
    expect(await readFile(join(dir, name), 'utf8')).not.toContain(h.sim.tokens.admin);
  }
});
