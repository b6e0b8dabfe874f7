import type { Clipboard } from '../../src-main/sessions/ports';
import type { Cipher, Decrypted } from '../../src-main/vault/cipher';

/**
 * The one stand-in for safeStorage that tests, the e2e bridge host and the benchmarks share:
 * XOR with a one-byte key, plus switches for what real keyrings do to us (no keyring →
 * basic_text, a reset keyring → decrypt fails, encryption not available, a rotated key →
 * decrypt asks for a re-seal).
 *
 * Ciphertext is `[key, ...plain XOR key]`. A ciphertext from a key this cipher never held
 * decrypts to garbage, as it would under another OS user; give two ciphers the same key to
 * stand for one keyring across restarts.
 */
export class FakeCipher implements Cipher {
  available = true;
  failDecrypt = false;
  failEncrypt = false;
  encryptCalls = 0;
  decryptCalls = 0;
  availabilityCalls = 0;
  readonly #retiredKeys: number[] = [];
  #gate: Promise<void> | undefined;

  /**
   * @param key the keyring's key (one byte)
   * @param backendName what `backend()` reports, e.g. `gnome_libsecret` or `basic_text`
   */
  constructor(
    private key = 0x5a,
    public backendName = 'gnome_libsecret',
  ) {}

  /** The keyring moves to a new key; the old one still opens what it sealed. */
  rotateTo(key: number): void {
    this.#retiredKeys.push(this.key);
    this.key = key;
  }

  /** Holds every keyring call until the returned function is called. */
  hold(): () => void {
    let release = (): void => undefined;
    this.#gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.#gate = undefined;
      release();
    };
  }

  backend(): string {
    return this.backendName;
  }
  async isAvailable(): Promise<boolean> {
    this.availabilityCalls++;
    await this.#gate;
    return this.available;
  }
  async encrypt(plain: string): Promise<Buffer> {
    this.encryptCalls++;
    await this.#gate;
    if (!this.available || this.failEncrypt) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.of(this.key), xor(Buffer.from(plain, 'utf8'), this.key)]);
  }
  async decrypt(sealed: Buffer): Promise<Decrypted> {
    this.decryptCalls++;
    await this.#gate;
    if (this.failDecrypt) throw new Error('Error while decrypting the ciphertext provided.');
    const sealedWith = sealed[0] ?? this.key;
    const retired = this.#retiredKeys.includes(sealedWith);
    const key = retired ? sealedWith : this.key;
    return { plain: xor(sealed.subarray(1), key).toString('utf8'), shouldReEncrypt: retired };
  }
}

function xor(bytes: Buffer, key: number): Buffer {
  return Buffer.from(bytes.map((byte) => byte ^ key));
}

/** The clipboard port in memory: `text` is what the operator would paste. */
export type MemoryClipboard = Clipboard & { text: string };

/** The one stand-in for Electron's clipboard that tests, the bridge host and benchmarks share. */
export function memoryClipboard(): MemoryClipboard {
  const board = {
    text: '',
    writeText: async (text: string) => void (board.text = text),
    readText: async () => board.text,
    clear: () => void (board.text = ''),
  };
  return board;
}
