import { create } from 'zustand';
import type { RevokeAcrossProfilesResult } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { acrossConfirmed } from '../lib/across-profiles';
import { call } from './call';
import { useProfilesStore } from './profiles-store';
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

  /** "Revoke across all profiles": the typed words, a reason, main's answer or refusal. */
  acrossConfirmation: string;
  acrossReason: string;
  acrossBusy: boolean;
  acrossResult: RevokeAcrossProfilesResult | undefined;
  acrossError: IpcError | undefined;
  setAcrossConfirmation(text: string): void;
  setAcrossReason(text: string): void;
  /** Asks main to revoke every profile's tokens; the caller checked the typed words. */
  revokeAcross(): Promise<void>;
}

export const useIncidentStore = create<IncidentStore>((set, get) => ({
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

  acrossConfirmation: '',
  acrossReason: '',
  acrossBusy: false,
  acrossResult: undefined,
  acrossError: undefined,
  setAcrossConfirmation(text) {
    set({ acrossConfirmation: text, acrossError: undefined });
  },
  setAcrossReason(text) {
    set({ acrossReason: text, acrossError: undefined });
  },
  async revokeAcross() {
    const { acrossConfirmation, acrossReason, acrossBusy } = get();
    if (acrossBusy || !acrossConfirmed(acrossConfirmation)) return;
    set({ acrossBusy: true, acrossError: undefined, acrossResult: undefined });
    const reason = acrossReason.trim();
    const result = await call(() =>
      consoleApi().revokeAcrossProfiles({
        confirmation: acrossConfirmation,
        ...(reason && { reason }),
      }),
    );
    if (result.ok) {
      set({
        acrossBusy: false,
        acrossResult: result.data,
        acrossConfirmation: '',
        acrossReason: '',
      });
      void useProfilesStore.getState().loadAll();
    } else {
      set({ acrossBusy: false, acrossError: result.error });
    }
  },
}));
