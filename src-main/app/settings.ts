import { settingsSchema, type Settings } from '../../src-shared/contract';
import type { KeyValueStore } from '../vault/store';

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  clipboardClearSeconds: 30,
  notifyBeforeExpiry: false,
  requestsPerSecond: 4,
  rateLimitPatienceMinutes: 5,
  allowLoopbackHost: false,
  timeZone: 'local',
  expiryBanner: true,
  rotationReminderDays: 90,
  operatorName: '',
  requireReason: false,
  // Off: nothing leaves the machine until a collector is configured.
  auditForwardUrl: '',
};

/** Operator preferences, kept in the settings file next to the vault's record. */
export class SettingsService {
  #current: Settings;

  constructor(private readonly store: KeyValueStore) {
    // A hand-edited value that no longer fits falls back to the defaults, field by field.
    const saved = settingsSchema.partial().safeParse(store.get(SETTINGS_KEY));
    this.#current = { ...DEFAULT_SETTINGS, ...(saved.success ? saved.data : {}) };
  }

  get(): Settings {
    return { ...this.#current };
  }

  update(patch: Partial<Settings>): Settings {
    this.#current = settingsSchema.parse({ ...this.#current, ...patch });
    this.store.set(SETTINGS_KEY, this.#current);
    return this.get();
  }
}
