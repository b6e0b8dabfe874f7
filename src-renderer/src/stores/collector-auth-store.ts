import { create } from 'zustand';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { call } from './call';
import { useSettingsStore } from './settings-store';

interface CollectorAuthStore {
  /** What is being typed; emptied once main has it (the page never keeps the secret). */
  draft: string;
  busy: boolean;
  error: IpcError | undefined;
  setDraft(value: string): void;
  /** Hands the typed value to main to seal; `clear` removes the saved one. */
  save(): Promise<void>;
  clear(): Promise<void>;
}

export const useCollectorAuthStore = create<CollectorAuthStore>((set, get) => {
  const send = async (value: string) => {
    if (get().busy) return;
    set({ busy: true, error: undefined });
    const result = await call(() => consoleApi().setAuditCollectorAuthorization({ value }));
    if (result.ok) {
      set({ busy: false, draft: '' });
      useSettingsStore.setState({ forwarding: result.data, forwardingReadAt: Date.now() });
    } else {
      set({ busy: false, error: result.error });
    }
  };
  return {
    draft: '',
    busy: false,
    error: undefined,
    setDraft(draft) {
      set({ draft, error: undefined });
    },
    async save() {
      const value = get().draft.trim();
      if (value !== '') await send(value);
    },
    async clear() {
      await send('');
    },
  };
});
