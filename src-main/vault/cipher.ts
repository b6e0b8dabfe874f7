/**
 * The port through which the vault seals the org token. The Electron adapter uses `safeStorage`
 * (src-main/shell/safe-storage-cipher.ts); tests use a fake.
 */
export interface Cipher {
  /** e.g. `gnome_libsecret`, `kwallet5`, `keychain`, `dpapi`, or `basic_text` (no keyring). */
  backend(): string;
  /** Whether encrypt/decrypt can be used at all right now. */
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  /** Throws when the ciphertext cannot be opened (keyring reset, another OS user). */
  decrypt(sealed: Buffer): string;
}

/**
 * Chromium's Linux fallback when no keyring is reachable: "encryption" with a hard-coded key.
 * Persisting a token that way would be plaintext in all but name, so the vault refuses to.
 */
export const BASIC_TEXT_BACKEND = 'basic_text';
