import { create } from 'zustand';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { rotationRequest } from '../lib/token-rotation';
import { call } from './call';
import { useConnectionStore } from './connection-store';

/** How often the reminder's clock moves: token age counts in days, a minute is plenty. */
export const ROTATION_CLOCK_MS = 60_000;

/** The guided rotation: paste, main checks it is the same organization, swapped. */
export type RotationStep =
  | { step: 'paste'; error?: IpcError }
  | { step: 'checking' }
  | {
      step: 'done';
      organization: string;
      oldHint: string | undefined;
      newHint: string | undefined;
    };

interface RotationStore {
  open: boolean;
  state: RotationStep;
  /** The new org token being typed. Cleared once it was sent; never persisted. */
  tokenDraft: string;
  /** Bumped whenever the draft is cleared, so the (uncontrolled) password field is emptied too. */
  tokenFieldKey: number;
  /** Wall clock for the reminder, moved by `watchClock`. */
  now: number;
  openDialog(): void;
  close(): void;
  setTokenDraft(token: string): void;
  submit(): Promise<void>;
  /** Keeps `now` moving while the header is shown; returns the stop function. */
  watchClock(): () => void;
}

export const useRotationStore = create<RotationStore>((set, get) => ({
  open: false,
  state: { step: 'paste' },
  tokenDraft: '',
  tokenFieldKey: 0,
  now: Date.now(),

  openDialog() {
    set((s) => ({
      open: true,
      state: { step: 'paste' },
      tokenDraft: '',
      tokenFieldKey: s.tokenFieldKey + 1,
    }));
  },
  close() {
    if (get().state.step === 'checking') return;
    set((s) => ({
      open: false,
      state: { step: 'paste' },
      tokenDraft: '',
      tokenFieldKey: s.tokenFieldKey + 1,
    }));
  },
  setTokenDraft(tokenDraft) {
    set({ tokenDraft });
  },

  async submit() {
    if (get().state.step === 'checking') return;
    const before = useConnectionStore.getState().status;
    const request = rotationRequest(before, get().tokenDraft);
    if ('problem' in request) {
      set({
        state: { step: 'paste', error: { kind: 'invalid-argument', message: request.problem } },
      });
      return;
    }
    set((s) => ({
      state: { step: 'checking' },
      tokenDraft: '',
      tokenFieldKey: s.tokenFieldKey + 1,
    }));
    // A token Deel rejects is the new one: the connection in use is fine, so no redirect.
    const result = await call(() => consoleApi().connect(request.input), { noAuthRedirect: true });
    if (!result.ok) {
      set({ state: { step: 'paste', error: result.error } });
      return;
    }
    useConnectionStore.setState({ status: result.data });
    set({
      now: Date.now(),
      state: {
        step: 'done',
        organization: result.data.organization?.name ?? 'your organization',
        oldHint: before?.tokenHint,
        newHint: result.data.tokenHint,
      },
    });
  },

  watchClock() {
    set({ now: Date.now() });
    const timer = setInterval(() => set({ now: Date.now() }), ROTATION_CLOCK_MS);
    return () => clearInterval(timer);
  },
}));
