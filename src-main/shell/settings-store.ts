import ElectronStore from 'electron-store';
import { join } from 'node:path';
import type { KeyValueStore } from '../vault/store';
import { recoverCorruptStore, type StoreRecovery } from '../vault/store-recovery';
import { vaultStoreJsonSchema, vaultStoreSchema } from '../vault/schema';

export interface SettingsStoreOptions {
  /** The Electron userData folder. */
  cwd: string;
  /** File name without extension. */
  name?: string;
}

export interface OpenedSettingsStore {
  store: KeyValueStore & { readonly path: string };
  /** Set when a damaged file was moved aside: show it to the operator. */
  recovery: StoreRecovery;
}

/**
 * The settings file (electron-store) with the vault's schema. A damaged or hand-edited file
 * would make electron-store throw at construction and stop the app, so it is checked (and moved
 * aside if needed) first. The file is private to the OS user (0600): it holds the sealed token.
 */
export function openSettingsStore({
  cwd,
  name = 'config',
}: SettingsStoreOptions): OpenedSettingsStore {
  const recovery = recoverCorruptStore(join(cwd, `${name}.json`), vaultStoreSchema);
  const store = new ElectronStore<Record<string, unknown>>({
    cwd,
    name,
    schema: vaultStoreJsonSchema(),
    configFileMode: 0o600,
    clearInvalidConfig: false,
  });
  return { store, recovery };
}
