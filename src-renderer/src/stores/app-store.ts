import { create } from 'zustand';
import { useBulkStore } from './bulk-store';
import { useConnectionStore } from './connection-store';
import { useOverviewStore } from './overview-store';
import { useSessionsStore } from './sessions-store';
import { useSettingsStore } from './settings-store';
import { useWorkersStore } from './workers-store';

interface AppStore {
  started: boolean;
  /** Subscribes to every event and loads the first data; returns the teardown. */
  start(): () => void;
}

export const useAppStore = create<AppStore>((set) => ({
  started: false,
  start() {
    const unsubscribe = [
      useWorkersStore.getState().subscribe(),
      useSessionsStore.getState().subscribe(),
      useBulkStore.getState().subscribe(),
      useConnectionStore.getState().subscribe(),
    ];
    set({ started: true });
    void useConnectionStore.getState().load();
    void useOverviewStore.getState().load();
    void useSessionsStore.getState().load();
    void useSettingsStore.getState().load();
    void useWorkersStore.getState().run();
    return () => {
      for (const off of unsubscribe) off();
      set({ started: false });
    };
  },
}));
