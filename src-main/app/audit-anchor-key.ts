import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AnchorKey, AnchorKeySource } from '../audit/head-anchor';
import { BASIC_TEXT_BACKEND, type Cipher } from '../vault/cipher';
import type { KeyValueStore } from '../vault/store';

/** The settings-store key holding the audit anchor's HMAC key, sealed by the OS keyring. */
export const AUDIT_ANCHOR_KEY = 'auditAnchorKey';

const storedKeySchema = z.strictObject({
  version: z.literal(1),
  backend: z.string().max(40),
  sealed: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});

/**
 * The audit anchor's key: 32 random bytes sealed with the same keyring as the org token and
 * kept in the settings file, apart from the log and its anchor. Without a real keyring
 * ("basic_text" or none) there is no key, and the log says that its end is not anchored.
 */
export function keyringAnchorKey(store: KeyValueStore, cipher: Cipher): AnchorKeySource {
  return {
    async key(): Promise<AnchorKey> {
      try {
        return await open();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        return {
          unavailable: `the system keyring could not seal its anchor${code ? ` (${code})` : ''}`,
        };
      }
    },
  };

  async function open(): Promise<AnchorKey> {
    if (
      cipher.backend() === BASIC_TEXT_BACKEND ||
      !(await cipher.isAvailable().catch(() => false))
    ) {
      return { unavailable: 'there is no system keyring to seal its anchor with' };
    }
    const fresh = async (origin: 'created' | 'replaced'): Promise<AnchorKey> => {
      const key = randomBytes(32);
      const sealed = await cipher.encrypt(key.toString('base64'));
      return {
        key,
        origin,
        keep: async () => {
          store.set(AUDIT_ANCHOR_KEY, {
            version: 1,
            backend: cipher.backend(),
            sealed: sealed.toString('base64'),
          });
        },
      };
    };
    const stored = storedKeySchema.safeParse(store.get(AUDIT_ANCHOR_KEY));
    if (!stored.success) {
      // Never stored (first start), or edited into something unreadable: a new key.
      return store.get(AUDIT_ANCHOR_KEY) === undefined ? fresh('created') : fresh('replaced');
    }
    try {
      const { plain } = await cipher.decrypt(Buffer.from(stored.data.sealed, 'base64'));
      const key = Buffer.from(plain, 'base64');
      if (key.length !== 32) return fresh('replaced');
      return { key, origin: 'existing' };
    } catch {
      return fresh('replaced');
    }
  }
}
