import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startConsoleCore } from '../../../src-main/app/core';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { createEmitter } from '../../../src-main/ipc/events';
import { memoryClipboard, memoryKeyringCipher, openPlainSettings } from '../../support/test-core';
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

const clipboard = memoryClipboard();

const userDataDir = values['user-data'] ?? mkdtempSync(join(tmpdir(), 'deel-console-'));
let send: (channel: string, payload: unknown) => void = () => undefined;
const core = await startConsoleCore({
  userDataDir,
  cipher: memoryKeyringCipher(values.keyring === 'basic_text' ? 'basic_text' : 'test_keyring'),
  settings: openPlainSettings(userDataDir),
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
  readClipboard: () => clipboard.text,
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
