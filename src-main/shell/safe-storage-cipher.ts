import type { App, SafeStorage } from 'electron';
import type { Cipher } from '../vault/cipher';

/** Only the async `safeStorage` calls: the synchronous ones are deprecated since Electron 45. */
export type AsyncSafeStorage = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

export interface SafeStorageCipherDeps {
  app: Pick<App, 'isReady'>;
  safeStorage: AsyncSafeStorage;
  platform: NodeJS.Platform;
}

/**
 * The vault's cipher on Electron's async `safeStorage` API (Keychain, DPAPI, libsecret/KWallet).
 * The async encryptor initialises lazily on its first call, so nothing here reaches the keyring
 * until the vault asks.
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
    isAvailable: async () =>
      backend() !== 'unknown' && (await safeStorage.isAsyncEncryptionAvailable()),
    encrypt: async (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (sealed) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
      return { plain: result, shouldReEncrypt };
    },
  };
}
