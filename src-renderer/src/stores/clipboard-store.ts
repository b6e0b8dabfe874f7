import { create } from 'zustand';

interface ClipboardStore {
  /** The request id last copied, for a short "Copied" confirmation. */
  copied: string | undefined;
  failed: string | undefined;
  /** Copies a Deel request id (never a token: tokens are copied by main). */
  copyRequestId(requestId: string): Promise<void>;
}

let resetTimer: ReturnType<typeof setTimeout> | undefined;

function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export const useClipboardStore = create<ClipboardStore>((set) => ({
  copied: undefined,
  failed: undefined,
  async copyRequestId(requestId) {
    let ok: boolean;
    try {
      await navigator.clipboard.writeText(requestId);
      ok = true;
    } catch {
      ok = copyWithSelection(requestId);
    }
    set(ok ? { copied: requestId, failed: undefined } : { failed: requestId, copied: undefined });
    clearTimeout(resetTimer);
    resetTimer = setTimeout(() => set({ copied: undefined, failed: undefined }), 4000);
  },
}));
