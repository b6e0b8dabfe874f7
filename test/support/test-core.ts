import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { startConsoleCore, type ConsoleCore, type CorePorts } from '../../src-main/app/core';
import { createEmitter } from '../../src-main/ipc/events';
import type { Timers } from '../../src-main/sessions/ports';
import type { Cipher } from '../../src-main/vault/cipher';
import { vaultStoreJsonSchema, vaultStoreSchema } from '../../src-main/vault/schema';
import { recoverCorruptStore } from '../../src-main/vault/store-recovery';
import { FakeCipher, memoryClipboard, type MemoryClipboard } from './fakes';

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

/** One event main pushed to the page, with when it was pushed (performance.now()). */
export interface RecordedEvent {
  channel: string;
  payload: unknown;
  at: number;
}

export interface TestCoreOptions {
  /** The user-data folder; a fresh temporary one when omitted. */
  dir?: string;
  /** The keyring; a `FakeCipher` reporting `keyringBackend` when omitted. */
  cipher?: Cipher;
  /** The default cipher's backend name (`basic_text` stands for "no keyring"). */
  keyringBackend?: string;
  /** Size of the demo organization the core starts on. */
  demoWorkers?: number;
  /** Start as an installed (packaged) build would: the custom host rules apply. */
  packaged?: boolean;
  timers?: Timers;
  /** Where exports are saved (the save dialog's answer, created on demand); the user-data folder when omitted. */
  exportDir?: string;
  /** Keep every event in `events` (on by default; long-running hosts turn it off). */
  recordEvents?: boolean;
  /** The native notification port (none when omitted, as where the OS offers none). */
  notify?: (title: string, body: string) => void;
}

export interface TestCore {
  core: ConsoleCore;
  dir: string;
  cipher: Cipher;
  clipboard: MemoryClipboard;
  /** Every event so far, oldest first (stays empty with `recordEvents: false`). */
  events: RecordedEvent[];
  /** The paths "Show in folder" was asked to show, oldest first. */
  shownInFolder: string[];
  /** Calls `listener` with every event from now on; returns the unsubscribe. */
  onEvent(listener: (event: RecordedEvent) => void): () => void;
}

/**
 * The console core as main starts it, with plain-Node stand-ins for the Electron adapters: the
 * one way tests, the e2e bridge host and the benchmarks start it.
 */
export async function startTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'console-core-'));
  const cipher =
    options.cipher ?? new FakeCipher(undefined, options.keyringBackend ?? 'test_keyring');
  const clipboard = memoryClipboard();
  const events: RecordedEvent[] = [];
  const listeners = new Set<(event: RecordedEvent) => void>();
  const recordEvents = options.recordEvents ?? true;
  const exportDir = options.exportDir ?? dir;
  const shownInFolder: string[] = [];
  const core = await startConsoleCore({
    userDataDir: dir,
    cipher,
    settings: openPlainSettings(dir),
    clipboard,
    emit: createEmitter((channel, payload) => {
      const event = { channel, payload, at: performance.now() };
      if (recordEvents) events.push(event);
      for (const listener of listeners) listener(event);
    }),
    async chooseSavePath(suggestedName) {
      mkdirSync(exportDir, { recursive: true });
      return join(exportDir, suggestedName);
    },
    showInFolder: (path) => void shownInFolder.push(path),
    demoWorkers: options.demoWorkers ?? 40,
    ...(options.packaged && { packaged: true }),
    ...(options.timers && { timers: options.timers }),
    ...(options.notify && { notify: options.notify }),
  });
  return {
    core,
    dir,
    cipher,
    clipboard,
    events,
    shownInFolder,
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
