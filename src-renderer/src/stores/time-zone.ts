import type { TimeZoneSetting } from '../lib/date-time';
import { useSettingsStore } from './settings-store';

/**
 * The zone every timestamp is shown in: Settings' `timeZone` as saved (the app loads the
 * settings at start), the machine's own zone until they have loaded.
 */
export function useTimeZone(): TimeZoneSetting {
  return useSettingsStore((s) => s.saved?.timeZone ?? 'local');
}
