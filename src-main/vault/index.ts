export { BASIC_TEXT_BACKEND, type Cipher, type Decrypted } from './cipher';
export {
  OrgTokenVault,
  type ConnectInput,
  type ConnectResult,
  type Organization,
  type OrganizationProbe,
  type OrgTokenVaultOptions,
  type VaultConnection,
  type VaultStatus,
  type VaultWarning,
  type VaultWarningCode,
} from './org-token-vault';
export {
  VAULT_KEY,
  vaultRecordSchema,
  vaultStoreJsonSchema,
  vaultStoreSchema,
  type VaultRecord,
} from './schema';
export { deelOrganizationProbe } from './deel-probe';
export type { KeyValueStore } from './store';
export { recoverCorruptStore, recoveryMessage, type StoreRecovery } from './store-recovery';
