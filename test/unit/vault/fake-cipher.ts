import type { Cipher } from '../../../src-main/vault';

/**
 * A stand-in for safeStorage: XOR with a key, plus switches for what real keyrings do to us
 * (no keyring → basic_text, a reset keyring → decrypt fails, encryption not available).
 */
export class FakeCipher implements Cipher {
  backendName = 'gnome_libsecret';
  available = true;
  failDecrypt = false;
  encryptCalls = 0;
  constructor(private key = 0x5a) {}

  backend(): string {
    return this.backendName;
  }
  isAvailable(): boolean {
    return this.available;
  }
  encrypt(plain: string): Buffer {
    this.encryptCalls++;
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ this.key));
  }
  decrypt(sealed: Buffer): string {
    if (this.failDecrypt) throw new Error('Error while decrypting the ciphertext provided.');
    return Buffer.from(sealed.map((byte) => byte ^ this.key)).toString('utf8');
  }
}
