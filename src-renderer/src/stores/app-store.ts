import { create } from 'zustand';
import { consoleApi } from '../api';
import { useBulkStore } from './bulk-store';
import { noticeRetry } from './call';
import { useConnectionStore } from './connection-store';
import { useOverviewStore } from './overview-store';
import { usePacingStore } from './pacing-store';
import { useProfilesStore } from './profiles-store';
import { useSessionsStore } from './sessions-store';
import { useSettingsStore } from './settings-store';
import { useSweepStore } from './sweep-store';
import { useWorkersStore } from './workers-store';

interface AppStore {
  started: boolean;
  /** Subscribes to every event and loads the first data; returns the teardown. */
  start(): () => void;
}

/**
 * Main switched organization or environment (connect, replace, forget, demo): it stopped the
 * worker stream, so the page shows the new organization's overview and workers from scratch.
 * Sessions follow by themselves (main sends `sessionsChanged` for the new organization).
 */
function reloadForNewConnection(): void {
  useWorkersStore.getState().select(undefined);
  void useOverviewStore.getState().load();
  void useWorkersStore.getState().run();
  void useBulkStore.getState().loadJob();
  void useSweepStore.getState().load();
  void useProfilesStore.getState().load();
}

export const useAppStore = create<AppStore>((set) => ({
  started: false,
  start() {
    const unsubscribe = [
      useWorkersStore.getState().subscribe(),
      useSessionsStore.getState().subscribe(),
      useBulkStore.getState().subscribe(),
      useConnectionStore.getState().subscribe(),
      usePacingStore.getState().subscribe(),
      useSweepStore.getState().subscribe(),
      consoleApi().on('requestRetrying', noticeRetry),
      consoleApi().on('connectionChanged', reloadForNewConnection),
      useProfilesStore.getState().subscribe(),
    ];
    set({ started: true });
    void useConnectionStore.getState().load();
    void useOverviewStore.getState().load();
    void useSessionsStore.getState().load();
    void useSettingsStore.getState().load();
    void useWorkersStore.getState().run();
    void useBulkStore.getState().loadJob();
    void usePacingStore.getState().load();
    void useSweepStore.getState().load();
    void useProfilesStore.getState().load();
    return () => {
      for (const off of unsubscribe) off();
      set({ started: false });
    };
  },
}));
