import { create } from 'zustand';
import type { CrossProfileTokens, ProfileList } from '../../../src-shared/contract';
import type { IpcError, IpcResult } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { renameProblem } from '../lib/profiles';
import { call } from './call';
import { useConnectionStore } from './connection-store';

/** Which tokens the Live tokens screen lists: the active profile's, or every profile's. */
export type LiveScope = 'profile' | 'all';

interface ProfilesStore {
  list: ProfileList | undefined;
  loadError: IpcError | undefined;
  /** The profile a switch is on its way to. */
  switching: string | undefined;
  switchError: IpcError | undefined;
  /** Rename fields being typed, by profile id (absent: the field shows the saved name). */
  renameDrafts: Record<string, string>;
  /** The last refusal of an update or remove, by profile id, in main's words. */
  rowErrors: Record<string, IpcError>;
  /** Profile ids with an update or remove on its way. */
  busy: Record<string, boolean>;
  /** A "Require a reason" on its way to main, by profile id: the checkbox shows it meanwhile. */
  pendingRequireReason: Record<string, boolean>;
  /** The profile whose removal waits for the operator's confirmation. */
  confirmingRemove: string | undefined;

  all: CrossProfileTokens | undefined;
  allError: IpcError | undefined;
  liveScope: LiveScope;

  load(): Promise<void>;
  switchTo(profileId: string): Promise<boolean>;
  setRenameDraft(profileId: string, name: string): void;
  rename(profileId: string): Promise<void>;
  setRequireReason(profileId: string, requireReason: boolean): Promise<void>;
  askRemove(profileId: string): void;
  cancelRemove(): void;
  remove(profileId: string): Promise<void>;
  loadAll(): Promise<void>;
  setLiveScope(scope: LiveScope): void;
  /** Subscribes to profilesChanged and allTokensChanged; returns the unsubscribe. */
  subscribe(): () => void;
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

export const useProfilesStore = create<ProfilesStore>((set, get) => {
  /** Runs an update or remove for one profile: its row shows main's refusal, if any. */
  async function change(
    profileId: string,
    operation: () => Promise<IpcResult<ProfileList>>,
  ): Promise<boolean> {
    set((s) => ({
      busy: { ...s.busy, [profileId]: true },
      rowErrors: without(s.rowErrors, profileId),
    }));
    const result = await call(operation);
    set((s) => ({ busy: without(s.busy, profileId) }));
    if (!result.ok) {
      set((s) => ({ rowErrors: { ...s.rowErrors, [profileId]: result.error } }));
      return false;
    }
    set({ list: result.data, loadError: undefined });
    return true;
  }

  return {
    list: undefined,
    loadError: undefined,
    switching: undefined,
    switchError: undefined,
    renameDrafts: {},
    rowErrors: {},
    busy: {},
    confirmingRemove: undefined,
    pendingRequireReason: {},
    all: undefined,
    allError: undefined,
    liveScope: 'profile',

    async load() {
      const result = await call(() => consoleApi().listProfiles());
      if (result.ok) set({ list: result.data, loadError: undefined });
      else set({ loadError: result.error });
    },

    async switchTo(profileId) {
      if (get().switching) return false;
      if (get().list?.activeId === profileId) return true;
      set({ switching: profileId, switchError: undefined });
      const result = await call(() => consoleApi().switchProfile({ profileId }));
      set({ switching: undefined });
      if (!result.ok) {
        set({ switchError: result.error });
        return false;
      }
      // Main also sends connectionChanged and profilesChanged; the header need not wait for them.
      useConnectionStore.setState({ status: result.data });
      set((s) => ({
        list: s.list && {
          activeId: profileId,
          profiles: s.list.profiles.map((p) => ({ ...p, active: p.id === profileId })),
        },
      }));
      return true;
    },

    setRenameDraft(profileId, name) {
      set((s) => ({
        renameDrafts: { ...s.renameDrafts, [profileId]: name },
        rowErrors: without(s.rowErrors, profileId),
      }));
    },

    async rename(profileId) {
      const profile = get().list?.profiles.find((p) => p.id === profileId);
      const draft = get().renameDrafts[profileId];
      if (!profile || draft === undefined) return;
      const problem = renameProblem(profile.name, draft);
      if (problem) {
        set((s) => ({
          rowErrors: {
            ...s.rowErrors,
            [profileId]: {
              kind: 'validation',
              message: problem,
              fieldErrors: [{ path: 'name', message: problem }],
            },
          },
        }));
        return;
      }
      const ok = await change(profileId, () =>
        consoleApi().updateProfile({ profileId, name: draft.trim() }),
      );
      if (ok) set((s) => ({ renameDrafts: without(s.renameDrafts, profileId) }));
    },

    async setRequireReason(profileId, requireReason) {
      set((s) => ({
        pendingRequireReason: { ...s.pendingRequireReason, [profileId]: requireReason },
      }));
      await change(profileId, () => consoleApi().updateProfile({ profileId, requireReason }));
      // Done or refused: the checkbox shows main's value again.
      set((s) => ({ pendingRequireReason: without(s.pendingRequireReason, profileId) }));
    },

    askRemove(profileId) {
      set((s) => ({ confirmingRemove: profileId, rowErrors: without(s.rowErrors, profileId) }));
    },
    cancelRemove() {
      set({ confirmingRemove: undefined });
    },
    async remove(profileId) {
      set({ confirmingRemove: undefined });
      const ok = await change(profileId, () => consoleApi().removeProfile({ profileId }));
      if (ok) set((s) => ({ renameDrafts: without(s.renameDrafts, profileId) }));
    },

    async loadAll() {
      const result = await call(() => consoleApi().listAllTokens());
      if (result.ok) set({ all: result.data, allError: undefined });
      else set({ allError: result.error });
    },

    setLiveScope(liveScope) {
      set({ liveScope });
      if (liveScope === 'all') void get().loadAll();
    },

    subscribe() {
      const offs = [
        consoleApi().on('profilesChanged', (list) => set({ list, loadError: undefined })),
        consoleApi().on('allTokensChanged', (all) => set({ all, allError: undefined })),
      ];
      return () => {
        for (const off of offs) off();
      };
    },
  };
});
