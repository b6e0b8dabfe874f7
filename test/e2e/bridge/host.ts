import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Conf from 'conf';
import { startConsoleCore } from '../../../src-main/app/core';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { createEmitter } from '../../../src-main/ipc/events';
import type { Clipboard } from '../../../src-main/sessions/ports';
import type { Cipher } from '../../../src-main/vault/cipher';
import { recoverCorruptStore } from '../../../src-main/vault/store-recovery';
import { vaultStoreJsonSchema, vaultStoreSchema } from '../../../src-main/vault/schema';
import { startBridgeServer } from './server';

/**
 * TEST-ONLY stand-in for the Electron main process, for machines without an Electron binary:
 * it starts the same console core the app starts, with plain-Node stand-ins for the Electron
 * adapters, and puts its dispatch behind the loopback bridge. Prints one JSON line
 * `{url, secret, simulatorUrl, userDataDir}` and runs until SIGTERM/SIGINT.
 *
 *   node --import tsx test/e2e/bridge/host.ts [--renderer out/renderer] [--user-data DIR]
 *        [--keyring test|basic_text] [--demo-workers N]
 */
const { values } = parseArgs({
  options: {
    renderer: { type: 'string', default: 'out/renderer' },
    'user-data': { type: 'string' },
    'demo-workers': { type: 'string' },
    keyring: { type: 'string', default: 'test' },
  },
});

/** Stands in for safeStorage: AES-256-GCM with a key that lives only in this process. */
function testKeyringCipher(backend: string): Cipher {
  const key = randomBytes(32);
  return {
    backend: () => backend,
    isAvailable: () => true,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/** Stands in for the system clipboard; the bridge lets the test read it. */
let clipboardText = '';
const clipboard: Clipboard = {
  writeText: async (text) => void (clipboardText = text),
  readText: async () => clipboardText,
  clear: () => void (clipboardText = ''),
};

const userDataDir = values['user-data'] ?? mkdtempSync(join(tmpdir(), 'deel-console-'));
const recovery = recoverCorruptStore(join(userDataDir, 'config.json'), vaultStoreSchema);
const store = new Conf<Record<string, unknown>>({
  cwd: userDataDir,
  configName: 'config',
  projectName: 'deel-worker-token-console',
  schema: vaultStoreJsonSchema(),
  configFileMode: 0o600,
  clearInvalidConfig: false,
});

let send: (channel: string, payload: unknown) => void = () => undefined;
const core = await startConsoleCore({
  userDataDir,
  cipher: testKeyringCipher(values.keyring === 'basic_text' ? 'basic_text' : 'test_keyring'),
  settings: { store, recovery },
  clipboard,
  emit: createEmitter((channel, payload) => send(channel, payload)),
  async chooseSavePath(suggestedName) {
    const dir = join(userDataDir, 'exports');
    mkdirSync(dir, { recursive: true });
    return join(dir, suggestedName);
  },
  ...(values['demo-workers'] && { demoWorkers: Number(values['demo-workers']) }),
});
const bridge = await startBridgeServer({
  dispatch: createDispatch(core.handlers),
  rendererDir: resolve(values.renderer),
  readClipboard: () => clipboardText,
});
send = bridge.send;

process.stdout.write(
  `${JSON.stringify({
    url: bridge.url,
    secret: bridge.secret,
    simulatorUrl: core.simulator()?.url ?? null,
    userDataDir,
  })}\n`,
);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  void Promise.all([bridge.close(), core.close()]).finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
