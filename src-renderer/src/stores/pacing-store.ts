import { create } from 'zustand';
import type { Pacing } from '../../../src-shared/contract';
import { consoleApi } from '../api';
import { call } from './call';

interface PacingStore {
  pacing: Pacing | undefined;
  /** When the page got it (a wait is counted down from the later of this and the ticker). */
  receivedAt: number;
  load(): Promise<void>;
  /** Subscribes to pacingChanged; returns the unsubscribe. */
  subscribe(): () => void;
}

/** How main paces the organization's shared Deel budget, for the status bar. */
export const usePacingStore = create<PacingStore>((set) => ({
  pacing: undefined,
  receivedAt: 0,
  async load() {
    const result = await call(() => consoleApi().getPacing());
    if (result.ok) set({ pacing: result.data, receivedAt: Date.now() });
  },
  subscribe() {
    return consoleApi().on('pacingChanged', (pacing) => set({ pacing, receivedAt: Date.now() }));
  },
}));
