import Conf from 'conf';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  OrgTokenVault,
  type OrgTokenVaultOptions,
  type VaultConnection,
} from '../../../src-main/vault/org-token-vault';
import { vaultStoreSchema } from '../../../src-main/vault/schema';
import { recoverCorruptStore, type StoreRecovery } from '../../../src-main/vault/store-recovery';
import { FakeCipher } from '../../support/fakes';

const TOKEN = 'org-token-AAAA-bbbb-CCCC-1234567890-wxyz';
const OTHER = 'org-token-ZZZZ-yyyy-XXXX-0987654321-9876';
const ORG = { id: 'org-1', name: 'Northwind' };
const PROD = 'https://api.letsdeel.com/rest/v2';

let dir: string;
let cipher: FakeCipher;

/** A connection as the connection manager hands it over: verified with Deel already. */
function live(token = TOKEN, fields: Partial<VaultConnection> = {}): VaultConnection {
  return { environment: 'production', baseUrl: PROD, token, organization: ORG, ...fields };
}

function openStore(): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' });
}

function vaultOptions(recovery?: StoreRecovery): OrgTokenVaultOptions {
  return {
    store: openStore(),
    cipher,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    ...(recovery && { recovery }),
  };
}

function openVault(recovery?: StoreRecovery): Promise<OrgTokenVault> {
  return OrgTokenVault.open(vaultOptions(recovery));
}

async function filesText(): Promise<string> {
  let all = '';
  for (const name of await readdir(dir)) all += await readFile(join(dir, name), 'utf8');
  return all;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vault-'));
  cipher = new FakeCipher();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('OrgTokenVault', () => {
  it('starts unconfigured', async () => {
    expect((await openVault()).status()).toEqual({
      configured: false,
      persisted: false,
      warnings: [],
    });
  });

  it('persists only ciphertext and metadata of the token it is given', async () => {
    const vault = await openVault();
    const result = await vault.keep(live());
    expect(result.replaced).toBe(false);
    expect(result.status).toEqual({
      configured: true,
      environment: 'production',
      baseUrl: PROD,
      organization: ORG,
      hint: '…wxyz',
      persisted: true,
      // When the operator entered it: the rotation reminder counts from here.
      enteredAt: '2026-01-02T03:04:05.000Z',
      warnings: [],
    });
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as {
      vault: Record<string, unknown>;
    };
    expect(Object.keys(stored.vault).sort()).toEqual(
      [
        'backend',
        'baseUrl',
        'ciphertext',
        'environment',
        'hint',
        'organization',
        'savedAt',
        'version',
      ].sort(),
    );
    expect(await filesText()).not.toContain(TOKEN);
    expect(vault.connection()?.token).toBe(TOKEN);
  });

  it('reopens the saved token after a restart', async () => {
    await (await openVault()).keep(live(TOKEN, { environment: 'sandbox' }));
    const again = await openVault();
    expect(again.status()).toMatchObject({ configured: true, persisted: true, hint: '…wxyz' });
    expect(again.connection()).toMatchObject({ token: TOKEN, environment: 'sandbox' });
  });

  it('keeping a second token replaces the first and reports the previous organization', async () => {
    const vault = await openVault();
    expect((await vault.keep(live())).replaced).toBe(false);
    const result = await vault.keep(
      live(OTHER, { organization: { id: 'org-2', name: 'Contoso' } }),
    );
    expect(result.replaced).toBe(true);
    expect(result.previous).toEqual({ environment: 'production', organization: ORG });
    expect(result.status).toMatchObject({ hint: '…9876', organization: { name: 'Contoso' } });
    expect((await openVault()).connection()?.token).toBe(OTHER);
  });

  it('forget removes the token from memory and disk', async () => {
    const vault = await openVault();
    await vault.keep(live());
    const result = vault.forget();
    expect(result.forgotten).toEqual({ environment: 'production', organization: ORG });
    expect(result.status).toEqual({ configured: false, persisted: false, warnings: [] });
    expect(vault.connection()).toBeUndefined();
    expect(openStore().get('vault')).toBeUndefined();
    expect((await openVault()).status().configured).toBe(false);
  });

  it('status never contains the token, whatever the state', async () => {
    const vault = await openVault();
    const seen: string[] = [JSON.stringify(vault.status())];
    seen.push(JSON.stringify(await vault.keep(live())));
    seen.push(JSON.stringify(vault.status()));
    cipher.failDecrypt = true;
    seen.push(JSON.stringify((await openVault()).status()));
    cipher.failDecrypt = false;
    cipher.backendName = 'basic_text';
    seen.push(JSON.stringify(await (await openVault()).keep(live())));
    for (const text of seen) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(TOKEN.slice(0, -4));
    }
  });
});

describe('OrgTokenVault without a usable keyring', () => {
  it('basic_text: keeps the token in memory only and says why', async () => {
    cipher.backendName = 'basic_text';
    const vault = await openVault();
    expect(vault.status().warnings.map((w) => w.code)).toEqual(['basic-text-keyring']);
    const { status } = await vault.keep(live());
    expect(status).toMatchObject({ configured: true, persisted: false });
    expect(status.warnings[0]?.message).toMatch(/memory for this run only/);
    expect(cipher.encryptCalls).toBe(0);
    expect(openStore().get('vault')).toBeUndefined();
    expect(vault.connection()?.token).toBe(TOKEN);
    expect((await openVault()).status().configured).toBe(false);
  });

  it('basic_text: an older sealed token is removed, not resurrected at the next start', async () => {
    await (await openVault()).keep(live(OTHER));
    cipher.backendName = 'basic_text';
    await (await openVault()).keep(live());
    cipher.backendName = 'gnome_libsecret';
    expect((await openVault()).connection()).toBeUndefined();
  });

  it('encryption unavailable: memory only, with a warning', async () => {
    cipher.available = false;
    const { status } = await (await openVault()).keep(live());
    expect(status.persisted).toBe(false);
    expect(status.warnings.map((w) => w.code)).toEqual(['keyring-unavailable']);
  });

  it('decrypt failure: "token unavailable, enter it again", never a crash', async () => {
    await (await openVault()).keep(live());
    cipher.failDecrypt = true;
    const vault = await openVault();
    const status = vault.status();
    expect(status).toMatchObject({
      configured: false,
      persisted: false,
      organization: ORG,
      environment: 'production',
      hint: '…wxyz',
    });
    expect(status.warnings).toEqual([
      { code: 'token-unavailable', message: expect.stringMatching(/enter it again/) },
    ]);
    expect(vault.connection()).toBeUndefined();
    // Entering it again clears the warning.
    cipher.failDecrypt = false;
    const { status: after } = await vault.keep(live());
    expect(after).toMatchObject({ configured: true, persisted: true, warnings: [] });
  });

  it('a ciphertext from another key (wrong user) decrypts to garbage: token unavailable', async () => {
    await (await openVault()).keep(live());
    cipher = new FakeCipher(0x33);
    expect((await openVault()).status().warnings.map((w) => w.code)).toEqual(['token-unavailable']);
  });
});

describe('corrupted store recovery', () => {
  const file = () => join(dir, 'settings.json');

  it('moves a file that is not JSON aside and starts empty', async () => {
    await writeFile(file(), '{"vault": {"version": 1, garbage');
    const recovery = recoverCorruptStore(
      file(),
      vaultStoreSchema,
      new Date('2026-03-04T05:06:07.089Z'),
    );
    expect(recovery).toMatchObject({ recovered: true, reason: 'invalid-json' });
    expect((await readdir(dir)).sort()).toEqual(['settings.json.corrupt-2026-03-04T05-06-07-089Z']);
    const vault = await openVault(recovery);
    expect(vault.status()).toMatchObject({
      configured: false,
      warnings: [{ code: 'store-recovered', message: expect.stringContaining('.corrupt-') }],
    });
    vault.acknowledgeRecovery();
    expect(vault.status().warnings).toEqual([]);
  });

  it('moves a hand-edited, schema-violating file aside, naming paths but no values', async () => {
    await writeFile(
      file(),
      JSON.stringify({ vault: { version: 1, token: 'hand-pasted-secret-value', hint: 42 } }),
    );
    const recovery = recoverCorruptStore(file(), vaultStoreSchema);
    expect(recovery).toMatchObject({ recovered: true, reason: 'schema-mismatch' });
    if (!recovery.recovered) throw new Error('expected a recovery');
    expect(recovery.detail).toContain('vault');
    expect(recovery.detail).not.toContain('hand-pasted-secret-value');
    expect((await openVault(recovery)).status().configured).toBe(false);
    expect((await readdir(dir)).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(
      true,
    );
  });

  it("keeps a valid file and other owners' keys", async () => {
    await (await openVault()).keep(live());
    openStore().set('clipboardClearSeconds', 30);
    expect(recoverCorruptStore(file(), vaultStoreSchema)).toEqual({ recovered: false });
    expect(recoverCorruptStore(join(dir, 'absent.json'), vaultStoreSchema)).toEqual({
      recovered: false,
    });
    expect((await openVault()).status().configured).toBe(true);
  });

  it('a file damaged while running degrades to token unavailable', async () => {
    await (await openVault()).keep(live());
    const store = openStore();
    await writeFile(file(), 'not json at all');
    const vault = await OrgTokenVault.open({ store, cipher });
    expect(vault.status().warnings.map((w) => w.code)).toEqual(['token-unavailable']);
  });
});

describe('opening the vault asynchronously', () => {
  const connectInput = live();
  const waitABit = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('the constructor is private and touches neither the store nor the keyring', async () => {
    await (await openVault()).keep(connectInput);
    const store = openStore();
    const get = vi.spyOn(store, 'get');
    const fresh = new FakeCipher();
    // @ts-expect-error -- a vault only comes from OrgTokenVault.open(), which loads it.
    const vault: OrgTokenVault = new OrgTokenVault({ store, cipher: fresh });
    expect(get).not.toHaveBeenCalled();
    expect(fresh.availabilityCalls + fresh.decryptCalls + fresh.encryptCalls).toBe(0);
    expect(vault.connection()).toBeUndefined();
  });

  it('open() resolves only once the keyring has answered, with the saved token open', async () => {
    await (await openVault()).keep(connectInput);
    const release = cipher.hold();
    let settled = false;
    const opening = openVault().then((vault) => {
      settled = true;
      return vault;
    });
    await waitABit();
    expect(settled).toBe(false);
    release();
    const vault = await opening;
    expect(vault.connection()?.token).toBe(TOKEN);
    expect(vault.status()).toMatchObject({ configured: true, persisted: true, warnings: [] });
  });

  it('a keyring that fails to say whether it is available counts as unavailable', async () => {
    await (await openVault()).keep(connectInput);
    vi.spyOn(cipher, 'isAvailable').mockRejectedValue(new Error('the keyring daemon went away'));
    const vault = await openVault();
    expect(vault.status().warnings.map((w) => w.code)).toEqual([
      'keyring-unavailable',
      'token-unavailable',
    ]);
    expect(cipher.decryptCalls).toBe(0);
    const { status } = await vault.keep(connectInput);
    expect(status).toMatchObject({ configured: true, persisted: false });
    expect(openStore().get('vault')).toBeUndefined();
  });

  it('asks the keyring again at connect: one that became available is used', async () => {
    cipher.available = false;
    const vault = await openVault();
    expect(vault.status().warnings.map((w) => w.code)).toEqual(['keyring-unavailable']);
    cipher.available = true;
    const { status } = await vault.keep(connectInput);
    expect(status).toMatchObject({ configured: true, persisted: true, warnings: [] });
    expect((await openVault()).connection()?.token).toBe(TOKEN);
  });

  it('a forget while the token is being sealed is not undone by the seal', async () => {
    const vault = await openVault();
    const release = cipher.hold();
    const connecting = vault.keep(connectInput);
    await waitABit();
    expect(vault.forget().forgotten).toEqual({ environment: 'production', organization: ORG });
    release();
    const { status } = await connecting;
    expect(status).toMatchObject({ configured: false, persisted: false });
    expect(openStore().get('vault')).toBeUndefined();
    expect((await openVault()).status().configured).toBe(false);
  });
});

describe('key rotation (shouldReEncrypt)', () => {
  const connectInput = live();
  const storedRecord = () =>
    openStore().get('vault') as { ciphertext: string; savedAt: string; hint: string };

  it('re-seals the token with the new key and stores it again', async () => {
    await (await openVault()).keep(connectInput);
    const before = storedRecord();
    cipher.rotateTo(0x77);
    const encryptsBefore = cipher.encryptCalls;
    const vault = await openVault();
    expect(vault.connection()?.token).toBe(TOKEN);
    expect(vault.status()).toMatchObject({ configured: true, persisted: true, warnings: [] });
    expect(cipher.encryptCalls).toBe(encryptsBefore + 1);
    const after = storedRecord();
    expect(after.ciphertext).not.toBe(before.ciphertext);
    expect(after).toMatchObject({ savedAt: before.savedAt, hint: before.hint });
    expect(await filesText()).not.toContain(TOKEN);
    // Only the new key is needed from now on.
    cipher = new FakeCipher(0x77);
    expect((await openVault()).connection()?.token).toBe(TOKEN);
  });

  it('does not re-seal what the current key sealed', async () => {
    await (await openVault()).keep(connectInput);
    const encryptsBefore = cipher.encryptCalls;
    await openVault();
    expect(cipher.encryptCalls).toBe(encryptsBefore);
  });

  it('a failed re-seal keeps the token open and the old ciphertext on disk', async () => {
    await (await openVault()).keep(connectInput);
    const before = storedRecord();
    cipher.rotateTo(0x77);
    cipher.failEncrypt = true;
    const vault = await openVault();
    expect(vault.connection()?.token).toBe(TOKEN);
    expect(vault.status()).toMatchObject({ configured: true, persisted: true, warnings: [] });
    expect(storedRecord()).toEqual(before);
    // The next start tries again.
    cipher.failEncrypt = false;
    expect((await openVault()).connection()?.token).toBe(TOKEN);
    expect(storedRecord().ciphertext).not.toBe(before.ciphertext);
  });
});
