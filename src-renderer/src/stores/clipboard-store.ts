import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { create } from 'zustand';
import { call } from './call';

/** How long "Copied" (or why not) stays next to the button. */
export const COPY_NOTE_MS = 4000;

interface ClipboardStore {
  /** The request id last copied, for a short "Copied" confirmation. */
  copied: string | undefined;
  /** The request id that could not be copied, and why. */
  failed: { requestId: string; error: IpcError } | undefined;
  /**
   * Copies a Deel request id through main (the shell gives the page no clipboard access). Main
   * accepts only request-id-shaped text, so this can never copy a token.
   */
  copyRequestId(requestId: string): Promise<void>;
}

let resetTimer: ReturnType<typeof setTimeout> | undefined;

export const useClipboardStore = create<ClipboardStore>((set) => ({
  copied: undefined,
  failed: undefined,
  async copyRequestId(requestId) {
    clearTimeout(resetTimer);
    const result = await call(() => consoleApi().copyRequestId({ requestId }));
    set(
      result.ok
        ? { copied: requestId, failed: undefined }
        : { failed: { requestId, error: result.error }, copied: undefined },
    );
    resetTimer = setTimeout(() => set({ copied: undefined, failed: undefined }), COPY_NOTE_MS);
  },
}));
