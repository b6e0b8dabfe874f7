import { create } from 'zustand';
import type { WorkerRef } from './sessions-store';
import { useBulkStore } from './bulk-store';
import { useNavStore } from './nav-store';

interface IncidentStore {
  /** The typed confirmation of "revoke everything this console minted". */
  revokeAllConfirmation: string;
  setRevokeAllConfirmation(text: string): void;
  /**
   * Revokes every token this console minted that Deel may hold, as one journaled bulk job, and
   * shows its progress on Live tokens. The caller checked the typed confirmation.
   */
  revokeAll(targets: WorkerRef[]): Promise<void>;
}

export const useIncidentStore = create<IncidentStore>((set) => ({
  revokeAllConfirmation: '',
  setRevokeAllConfirmation(text) {
    set({ revokeAllConfirmation: text });
  },
  async revokeAll(targets) {
    if (targets.length === 0) return;
    set({ revokeAllConfirmation: '' });
    useNavStore.getState().go('live');
    const bulk = useBulkStore.getState();
    bulk.selectAndAsk(targets);
    await useBulkStore.getState().start();
  },
}));
