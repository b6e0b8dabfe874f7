import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_WORKERS } from '../../../src-main/app/core';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { startTestCore } from '../../support/test-core';
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

const userDataDir = values['user-data'] ?? mkdtempSync(join(tmpdir(), 'deel-console-'));
const { core, clipboard, onEvent } = await startTestCore({
  dir: userDataDir,
  keyringBackend: values.keyring === 'basic_text' ? 'basic_text' : 'test_keyring',
  demoWorkers: values['demo-workers'] ? Number(values['demo-workers']) : DEFAULT_DEMO_WORKERS,
  // The save dialog's answer: <user data>/exports/<suggested name>.
  exportDir: join(userDataDir, 'exports'),
  // Events go to the page; this process may run for long and keeps no log of them.
  recordEvents: false,
});
const bridge = await startBridgeServer({
  dispatch: createDispatch(core.handlers),
  rendererDir: resolve(values.renderer),
  readClipboard: () => clipboard.text,
});
onEvent(({ channel, payload }) => bridge.send(channel, payload));

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
