import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// electron-store needs Electron's `app` to find userData; in plain Node it is stood in for by
// `conf` (which electron-store extends), with the same file layout (`<cwd>/<name>.json`).
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStore extends Conf<Record<string, unknown>> {
    constructor(options: { name?: string } & ConstructorParameters<typeof Conf>[0]) {
      super({ ...options, configName: options.name ?? 'config' });
    }
  }
  return { default: ElectronStore };
});

const electron = vi.hoisted(() => {
  const state = { ready: true, backend: 'gnome_libsecret', available: true, keyVersion: 1 };
  const asyncApi = {
    isAsyncEncryptionAvailable: vi.fn(async () => state.available),
    getSelectedStorageBackend: vi.fn(() => state.backend),
    encryptStringAsync: vi.fn(async (plain: string) =>
      Buffer.from(`sealed:v${state.keyVersion}:${plain}`, 'utf8'),
    ),
    decryptStringAsync: vi.fn(async (sealed: Buffer) => {
      const match = /^sealed:v(\d+):(.*)$/s.exec(sealed.toString('utf8'));
      if (!match) {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.',
        );
      }
      return { shouldReEncrypt: Number(match[1]) < state.keyVersion, result: match[2] ?? '' };
    }),
  };
  /** Anything else read off safeStorage, e.g. the deprecated encryptString/decryptString. */
  const offApi: string[] = [];
  const safeStorage = new Proxy(asyncApi, {
    get(target, property, receiver) {
      if (typeof property === 'string' && !(property in target)) offApi.push(property);
      return Reflect.get(target, property, receiver);
    },
  });
  return { state, offApi, asyncApi, app: { isReady: vi.fn(() => state.ready) }, safeStorage };
});
vi.mock('electron', () => ({ app: electron.app, safeStorage: electron.safeStorage }));

const { app, safeStorage } = await import('electron');
const { createSafeStorageCipher } = await import('../../../src-main/shell/safe-storage-cipher');
const { openSettingsStore } = await import('../../../src-main/shell/settings-store');
const { OrgTokenVault } = await import('../../../src-main/vault/org-token-vault');

function cipherOn(platform: NodeJS.Platform) {
  return createSafeStorageCipher({ app, safeStorage, platform });
}

beforeEach(() => {
  Object.assign(electron.state, {
    ready: true,
    backend: 'gnome_libsecret',
    available: true,
    keyVersion: 1,
  });
  electron.offApi.length = 0;
  vi.clearAllMocks();
});
afterEach(() => {
  // Electron 45 deprecates the synchronous calls: the adapter must not even look them up.
  expect(electron.offApi).toEqual([]);
});

describe('createSafeStorageCipher', () => {
  it('refuses to be created before app ready', () => {
    electron.state.ready = false;
    expect(() => cipherOn('linux')).toThrow(/after app.whenReady/);
    expect(electron.asyncApi.isAsyncEncryptionAvailable).not.toHaveBeenCalled();
  });

  it('names the Linux backend from safeStorage, and fixed ones elsewhere', () => {
    expect(cipherOn('linux').backend()).toBe('gnome_libsecret');
    electron.state.backend = 'basic_text';
    expect(cipherOn('linux').backend()).toBe('basic_text');
    expect(cipherOn('darwin').backend()).toBe('keychain');
    expect(cipherOn('win32').backend()).toBe('dpapi');
    expect(electron.asyncApi.getSelectedStorageBackend).toHaveBeenCalledTimes(2);
  });

  it('does not reach the keyring when created, only when asked', async () => {
    const cipher = cipherOn('linux');
    expect(electron.asyncApi.isAsyncEncryptionAvailable).not.toHaveBeenCalled();
    await cipher.isAvailable();
    expect(electron.asyncApi.isAsyncEncryptionAvailable).toHaveBeenCalledTimes(1);
  });

  it('is unavailable when safeStorage says so or the backend is still unknown', async () => {
    await expect(cipherOn('linux').isAvailable()).resolves.toBe(true);
    electron.state.available = false;
    await expect(cipherOn('darwin').isAvailable()).resolves.toBe(false);
    electron.state.available = true;
    electron.state.backend = 'unknown';
    vi.clearAllMocks();
    await expect(cipherOn('linux').isAvailable()).resolves.toBe(false);
    expect(electron.asyncApi.isAsyncEncryptionAvailable).not.toHaveBeenCalled();
  });

  it('round-trips through the async pair and lets decrypt errors through', async () => {
    const cipher = cipherOn('darwin');
    const sealed = await cipher.encrypt('secret');
    expect(electron.asyncApi.encryptStringAsync).toHaveBeenCalledWith('secret');
    await expect(cipher.decrypt(sealed)).resolves.toEqual({
      plain: 'secret',
      shouldReEncrypt: false,
    });
    await expect(cipher.decrypt(Buffer.from('garbage'))).rejects.toThrow(/decrypting/);
  });

  it("passes on safeStorage's request to re-encrypt", async () => {
    const cipher = cipherOn('win32');
    const sealed = await cipher.encrypt('secret');
    electron.state.keyVersion = 2;
    await expect(cipher.decrypt(sealed)).resolves.toEqual({
      plain: 'secret',
      shouldReEncrypt: true,
    });
  });
});

describe('openSettingsStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens a private store that the vault can use end to end', async () => {
    const { store, recovery } = openSettingsStore({ cwd: dir });
    expect(recovery).toEqual({ recovered: false });
    const vault = await OrgTokenVault.open({
      store,
      cipher: cipherOn('linux'),
    });
    await vault.keep({
      environment: 'production',
      baseUrl: 'https://api.letsdeel.com/rest/v2',
      token: 'token-value-1234',
      organization: { id: 'o1', name: 'Org' },
    });
    expect(store.path).toBe(join(dir, 'config.json'));
    if (process.platform !== 'win32') expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    const reopened = await OrgTokenVault.open({
      store: openSettingsStore({ cwd: dir }).store,
      cipher: cipherOn('linux'),
    });
    expect(reopened.connection()?.token).toBe('token-value-1234');
  });

  it('stores the token again, sealed with the new key, when safeStorage asks to', async () => {
    const open = () =>
      OrgTokenVault.open({
        store: openSettingsStore({ cwd: dir }).store,
        cipher: cipherOn('linux'),
      });
    const first = await open();
    await first.keep({
      environment: 'production',
      baseUrl: 'https://api.letsdeel.com/rest/v2',
      token: 'token-value-1234',
      organization: { id: 'o1', name: 'Org' },
    });
    electron.state.keyVersion = 2;
    vi.clearAllMocks();
    expect((await open()).status()).toMatchObject({ configured: true, persisted: true });
    expect(electron.asyncApi.encryptStringAsync).toHaveBeenCalledTimes(1);
    const { vault } = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as {
      vault: { ciphertext: string };
    };
    expect(Buffer.from(vault.ciphertext, 'base64').toString('utf8')).toMatch(/^sealed:v2:/);
    vi.clearAllMocks();
    expect((await open()).connection()?.token).toBe('token-value-1234');
    expect(electron.asyncApi.encryptStringAsync).not.toHaveBeenCalled();
  });

  it('enforces the vault schema on writes', () => {
    const { store } = openSettingsStore({ cwd: dir });
    expect(() => store.set('vault', { version: 1, token: 'x' })).toThrow(/schema/);
  });

  it('moves a damaged file aside instead of failing to start', async () => {
    await writeFile(join(dir, 'config.json'), '{ this is not json');
    const { store, recovery } = openSettingsStore({ cwd: dir });
    expect(recovery).toMatchObject({ recovered: true, reason: 'invalid-json' });
    expect(store.get('vault')).toBeUndefined();
    expect((await readdir(dir)).some((name) => name.startsWith('config.json.corrupt-'))).toBe(true);
  });
});
