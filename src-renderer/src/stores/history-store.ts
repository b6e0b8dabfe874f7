import { create } from 'zustand';
import type { TokenHistoryRow } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { sessionsSignature } from '../lib/token-history-wording';
import { call } from './call';
import { useSessionsStore } from './sessions-store';

interface HistoryStore {
  /** The worker whose history is shown. */
  workerId?: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  rows: TokenHistoryRow[];
  error?: IpcError;
  load(workerId: string): Promise<void>;
  /**
   * Shows one worker's history and keeps it current: read now, and again whenever
   * `sessionsChanged` brings a change to that worker's sessions. Returns the unsubscribe.
   */
  follow(workerId: string): () => void;
}

let seq = 0;

/** The selected worker's token history, as main replays it from the audit log. */
export const useHistoryStore = create<HistoryStore>((set, get) => ({
  status: 'idle',
  rows: [],
  async load(workerId) {
    const mine = ++seq;
    const same = get().workerId === workerId;
    set({
      workerId,
      status: same && get().status === 'ready' ? 'ready' : 'loading',
      ...(!same && { rows: [] }),
      error: undefined,
    });
    const result = await call(() => consoleApi().getWorkerHistory({ workerId }));
    if (mine !== seq) return;
    set(
      result.ok
        ? { status: 'ready', rows: result.data, error: undefined }
        : { status: 'error', error: result.error },
    );
  },
  follow(workerId) {
    let seen = sessionsSignature(useSessionsStore.getState().sessions, workerId);
    void get().load(workerId);
    return consoleApi().on('sessionsChanged', (sessions) => {
      const now = sessionsSignature(sessions, workerId);
      if (now === seen) return;
      seen = now;
      void get().load(workerId);
    });
  },
}));
