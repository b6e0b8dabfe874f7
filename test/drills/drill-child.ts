/**
 * The console core in a process of its own, for the fault drills: the drill parent starts it,
 * drives it over stdin/stdout and kills it with SIGKILL whenever it likes.
 *
 * Protocol (one JSON object a line):
 * - stdin:  `{"id": n, "method": "<contract method>", "input": ...}` runs that IPC handler
 *           through the same dispatch the app uses; `{"id": n, "method": "__close"}` closes the
 *           core (every change written) and exits 0.
 * - stdout: lines starting with `@@drill ` are the protocol: `{"ready": true}` once started
 *           (or `{"startFailed": "<message>"}`), then `{"id": n, "result": <IpcResult>}`.
 *           Anything else on stdout is the core's own output and is ignored.
 *
 * The user-data folder is `DRILL_DIR`. The keyring is a FakeCipher with a fixed key, so a
 * restarted child opens what a killed one sealed. Token values never reach stdout: no handler
 * that returns one (reveal) is allowed here.
 */
import { createInterface } from 'node:readline';
import { createDispatch } from '../../src-main/ipc/dispatch';
import { invokeChannels, type InvokeMethod } from '../../src-shared/channels';
import { FakeCipher } from '../support/fakes';
import { startTestCore } from '../support/test-core';
import { PROTOCOL_PREFIX } from './protocol';

/** The keyring key every drill child uses: one keyring across restarts. */
const KEYRING_KEY = 0x3c;
/** Handlers whose answer holds a token value: never run by a drill child. */
const REFUSED: ReadonlySet<string> = new Set(['revealToken']);

function say(message: unknown): void {
  process.stdout.write(`${PROTOCOL_PREFIX}${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const dir = process.env['DRILL_DIR'];
  if (!dir) throw new Error('DRILL_DIR is not set');
  let t: Awaited<ReturnType<typeof startTestCore>>;
  try {
    t = await startTestCore({
      dir,
      cipher: new FakeCipher(KEYRING_KEY, 'gnome_libsecret'),
      demoWorkers: 5,
      recordEvents: false,
    });
  } catch (error) {
    say({ startFailed: error instanceof Error ? error.message : String(error) });
    process.exit(3);
  }
  const dispatch = createDispatch(t.core.handlers);
  say({ ready: true });

  const lines = createInterface({ input: process.stdin });
  let closing = false;
  const close = async (code: number) => {
    if (closing) return;
    closing = true;
    await t.core.close();
    process.exit(code);
  };
  lines.on('line', (line) => {
    let request: { id: number; method: string; input?: unknown };
    try {
      request = JSON.parse(line) as typeof request;
    } catch {
      return;
    }
    if (request.method === '__close') {
      void close(0);
      return;
    }
    if (REFUSED.has(request.method) || !(request.method in invokeChannels)) {
      say({
        id: request.id,
        result: { ok: false, error: { kind: 'refused', message: 'not in drills' } },
      });
      return;
    }
    const channel = invokeChannels[request.method as InvokeMethod];
    void dispatch(channel, request.input).then(
      (result) => say({ id: request.id, result }),
      (error: unknown) =>
        say({
          id: request.id,
          result: { ok: false, error: { kind: 'internal', message: String(error) } },
        }),
    );
  });
  // The parent went away: close as the app would at quit.
  lines.on('close', () => void close(0));
}

void main();
