import { create } from 'zustand';
import type { Overview } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { call } from './call';

type OverviewState =
  | { status: 'idle' | 'loading'; overview?: undefined; error?: undefined }
  | { status: 'ready'; overview: Overview; error?: undefined }
  | { status: 'error'; overview?: undefined; error: IpcError };

interface OverviewStore {
  state: OverviewState;
  /** Main is retrying the count after a 429. */
  retrying: boolean;
  load(): Promise<void>;
}

let seq = 0;

/** The connected organization and its size, as main reports them. */
export const useOverviewStore = create<OverviewStore>((set) => ({
  state: { status: 'idle' },
  retrying: false,
  async load() {
    const mine = ++seq;
    set({ state: { status: 'loading' }, retrying: false });
    const result = await call(() => consoleApi().getOverview(), {
      onRetrying: () => {
        if (mine === seq) set({ retrying: true });
      },
      retryNotices: true,
    });
    if (mine !== seq) return;
    set({
      retrying: false,
      state: result.ok
        ? { status: 'ready', overview: result.data }
        : { status: 'error', error: result.error },
    });
  },
}));
