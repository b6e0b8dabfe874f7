import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { startConsoleCore, type ConsoleCore, type CorePorts } from '../../src-main/app/core';
import { createEmitter } from '../../src-main/ipc/events';
import type { Clipboard } from '../../src-main/sessions/ports';
import type { Cipher } from '../../src-main/vault/cipher';
import { vaultStoreJsonSchema, vaultStoreSchema } from '../../src-main/vault/schema';
import { recoverCorruptStore } from '../../src-main/vault/store-recovery';

/** Stands in for safeStorage: AES-256-GCM with a key that lives only in this process. */
export function memoryKeyringCipher(backend = 'test_keyring', key = randomBytes(32)): Cipher {
  return {
    backend: () => backend,
    isAvailable: async () => true,
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
      return { plain: plain.toString('utf8'), shouldReEncrypt: false };
    },
  };
}

export function memoryClipboard(): Clipboard & { text: string } {
  const board = {
    text: '',
    writeText: async (text: string) => void (board.text = text),
    readText: async () => board.text,
    clear: () => void (board.text = ''),
  };
  return board;
}

/** The settings file as the app opens it, with `conf` (electron-store's base) in plain Node. */
export function openPlainSettings(dir: string): CorePorts['settings'] {
  const recovery = recoverCorruptStore(join(dir, 'config.json'), vaultStoreSchema);
  const store = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: 'config',
    projectName: 'deel-worker-token-console',
    schema: vaultStoreJsonSchema(),
    configFileMode: 0o600,
    clearInvalidConfig: false,
  });
  return { store, recovery };
}

export interface TestCore {
  core: ConsoleCore;
  dir: string;
  clipboard: Clipboard & { text: string };
  events: { channel: string; payload: unknown }[];
}

/** The console core as main starts it, with plain-Node stand-ins for the Electron adapters. */
export async function startTestCore(
  options: { dir?: string; cipher?: Cipher; demoWorkers?: number } = {},
): Promise<TestCore> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'console-core-'));
  const clipboard = memoryClipboard();
  const events: TestCore['events'] = [];
  const core = await startConsoleCore({
    userDataDir: dir,
    cipher: options.cipher ?? memoryKeyringCipher(),
    settings: openPlainSettings(dir),
    clipboard,
    emit: createEmitter((channel, payload) => events.push({ channel, payload })),
    chooseSavePath: async (name) => join(dir, name),
    demoWorkers: options.demoWorkers ?? 40,
  });
  return { core, dir, clipboard, events };
}
