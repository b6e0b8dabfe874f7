/** What `decrypt` gives back. */
export interface Decrypted {
  plain: string;
  /**
   * The keyring rotated its key (or now offers a better one) since this was sealed: seal the
   * plaintext again and store the new ciphertext. The old ciphertext still opens until then.
   */
  shouldReEncrypt: boolean;
}

/**
 * The port through which the vault seals the org token. The Electron adapter uses the async
 * `safeStorage` API (src-main/shell/safe-storage-cipher.ts); tests use a fake. Everything that
 * touches the keyring is asynchronous; only the backend name is known synchronously.
 */
export interface Cipher {
  /** e.g. `gnome_libsecret`, `kwallet5`, `keychain`, `dpapi`, or `basic_text` (no keyring). */
  backend(): string;
  /** Whether encrypt/decrypt can be used at all right now. */
  isAvailable(): Promise<boolean>;
  /** Rejects when the keyring cannot seal (locked, gone). */
  encrypt(plain: string): Promise<Buffer>;
  /** Rejects when the ciphertext cannot be opened (keyring reset, another OS user). */
  decrypt(sealed: Buffer): Promise<Decrypted>;
}

/**
 * Chromium's Linux fallback when no keyring is reachable: "encryption" with a hard-coded key.
 * Persisting a token that way would be plaintext in all but name, so the vault refuses to.
 */
export const BASIC_TEXT_BACKEND = 'basic_text';
