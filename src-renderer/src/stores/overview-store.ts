import { create } from 'zustand';
import type { Overview } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';

type OverviewState =
  | { status: 'idle' | 'loading'; overview?: undefined; error?: undefined }
  | { status: 'ready'; overview: Overview; error?: undefined }
  | { status: 'error'; overview?: undefined; error: IpcError };

interface OverviewStore {
  state: OverviewState;
  load(): Promise<void>;
}

/** The connected organization and its size, as main reports them. */
export const useOverviewStore = create<OverviewStore>((set) => ({
  state: { status: 'idle' },
  async load() {
    set({ state: { status: 'loading' } });
    const result = await consoleApi().getOverview();
    set({
      state: result.ok
        ? { status: 'ready', overview: result.data }
        : { status: 'error', error: result.error },
    });
  },
}));
