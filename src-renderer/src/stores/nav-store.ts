import { create } from 'zustand';
import type { IpcError } from '../../../src-shared/errors';

export const screens = ['workers', 'live', 'audit', 'incident', 'connect', 'settings'] as const;
export type Screen = (typeof screens)[number];

export const screenLabels: Record<Screen, string> = {
  workers: 'Workers',
  live: 'Live tokens',
  audit: 'Audit log',
  incident: 'Incident',
  connect: 'Connect',
  settings: 'Settings',
};

interface NavStore {
  screen: Screen;
  /** Set when any call failed with `auth`: the Connect screen explains why the operator is there. */
  authError: IpcError | undefined;
  go(screen: Screen): void;
  authFailed(error: IpcError): void;
  clearAuthError(): void;
}

export const useNavStore = create<NavStore>((set) => ({
  screen: 'workers',
  authError: undefined,
  go(screen) {
    set({ screen });
  },
  authFailed(error) {
    set({ screen: 'connect', authError: error });
  },
  clearAuthError() {
    set({ authError: undefined });
  },
}));
