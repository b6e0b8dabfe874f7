import type { App, SafeStorage } from 'electron';
import type { Cipher } from '../vault/cipher';

export interface SafeStorageCipherDeps {
  app: Pick<App, 'isReady'>;
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >;
  platform: NodeJS.Platform;
}

/**
 * The vault's cipher on Electron's `safeStorage` (Keychain, DPAPI, libsecret/KWallet). The
 * synchronous calls are used because the vault port is synchronous; Electron marks them
 * deprecated in favour of the async pair but keeps them working.
 *
 * Create it after `app.whenReady()`: before that Linux reports the backend as `unknown` and
 * encryption as unavailable, which would make the vault wrongly fall back to memory-only.
 */
export function createSafeStorageCipher({
  app,
  safeStorage,
  platform,
}: SafeStorageCipherDeps): Cipher {
  if (!app.isReady()) {
    throw new Error('createSafeStorageCipher() must be called after app.whenReady().');
  }
  const backend = (): string => {
    if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
    if (platform === 'darwin') return 'keychain';
    if (platform === 'win32') return 'dpapi';
    return 'unknown';
  };
  return {
    backend,
    isAvailable: () => backend() !== 'unknown' && safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
