import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
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
  const state = { ready: true, backend: 'gnome_libsecret', available: true };
  return {
    state,
    app: { isReady: vi.fn(() => state.ready) },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => state.available),
      getSelectedStorageBackend: vi.fn(() => state.backend),
      encryptString: vi.fn((plain: string) => Buffer.from(`sealed:${plain}`, 'utf8')),
      decryptString: vi.fn((sealed: Buffer) => {
        const text = sealed.toString('utf8');
        if (!text.startsWith('sealed:'))
          throw new Error(
            'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
          );
        return text.slice('sealed:'.length);
      }),
    },
  };
});
vi.mock('electron', () => ({ app: electron.app, safeStorage: electron.safeStorage }));

const { app, safeStorage } = await import('electron');
const { createSafeStorageCipher } = await import('../../../src-main/shell/safe-storage-cipher');
const { openSettingsStore } = await import('../../../src-main/shell/settings-store');
const { OrgTokenVault } = await import('../../../src-main/vault');

function cipherOn(platform: NodeJS.Platform) {
  return createSafeStorageCipher({ app, safeStorage, platform });
}

beforeEach(() => {
  Object.assign(electron.state, { ready: true, backend: 'gnome_libsecret', available: true });
  vi.clearAllMocks();
});

describe('createSafeStorageCipher', () => {
  it('refuses to be created before app ready', () => {
    electron.state.ready = false;
    expect(() => cipherOn('linux')).toThrow(/after app.whenReady/);
  });

  it('names the Linux backend from safeStorage, and fixed ones elsewhere', () => {
    expect(cipherOn('linux').backend()).toBe('gnome_libsecret');
    electron.state.backend = 'basic_text';
    expect(cipherOn('linux').backend()).toBe('basic_text');
    expect(cipherOn('darwin').backend()).toBe('keychain');
    expect(cipherOn('win32').backend()).toBe('dpapi');
    expect(electron.safeStorage.getSelectedStorageBackend).toHaveBeenCalledTimes(2);
  });

  it('is unavailable when safeStorage says so or the backend is still unknown', () => {
    expect(cipherOn('linux').isAvailable()).toBe(true);
    electron.state.available = false;
    expect(cipherOn('darwin').isAvailable()).toBe(false);
    electron.state.available = true;
    electron.state.backend = 'unknown';
    expect(cipherOn('linux').isAvailable()).toBe(false);
  });

  it('round-trips through encryptString/decryptString and lets decrypt errors through', () => {
    const cipher = cipherOn('darwin');
    const sealed = cipher.encrypt('secret');
    expect(electron.safeStorage.encryptString).toHaveBeenCalledWith('secret');
    expect(cipher.decrypt(sealed)).toBe('secret');
    expect(() => cipher.decrypt(Buffer.from('garbage'))).toThrow(/decrypting/);
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
    const vault = new OrgTokenVault({
      store,
      cipher: cipherOn('linux'),
      probe: async () => ({ id: 'o1', name: 'Org' }),
    });
    await vault.connect({
      environment: 'production',
      baseUrl: 'https://api.letsdeel.com/rest/v2',
      token: 'token-value-1234',
    });
    expect(store.path).toBe(join(dir, 'config.json'));
    if (process.platform !== 'win32') expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    const reopened = new OrgTokenVault({
      store: openSettingsStore({ cwd: dir }).store,
      cipher: cipherOn('linux'),
      probe: async () => ({ id: 'o1', name: 'Org' }),
    });
    expect(reopened.connection()?.token).toBe('token-value-1234');
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
