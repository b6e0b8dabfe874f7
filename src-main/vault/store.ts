/**
 * The settings-store port: the subset of `conf` / `electron-store` the vault uses. Both can be
 * passed as is; tests use `conf` with a temporary `cwd`.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}
