import { create } from 'zustand';
import type { SweepViewWire } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { call } from './call';

interface SweepStore {
  view: SweepViewWire | null;
  /** The typed confirmation, as the operator types it. */
  confirmation: string;
  busy: boolean;
  error: IpcError | undefined;
  load(): Promise<void>;
  setConfirmation(text: string): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  resume(): Promise<void>;
  dismiss(): Promise<void>;
  /** Subscribes to sweepProgress; returns the unsubscribe. */
  subscribe(): () => void;
}

/** "Sweep the organization": the current connection's sweep, as main reports it. */
export const useSweepStore = create<SweepStore>((set, get) => ({
  view: null,
  confirmation: '',
  busy: false,
  error: undefined,

  async load() {
    const result = await call(() => consoleApi().getSweep());
    set(result.ok ? { view: result.data, error: undefined } : { error: result.error });
  },
  setConfirmation(text) {
    set({ confirmation: text, error: undefined });
  },
  async start() {
    if (get().busy) return;
    set({ busy: true, error: undefined });
    const result = await call(() =>
      consoleApi().startSweep({ confirmOrganization: get().confirmation }),
    );
    set(
      result.ok
        ? { busy: false, view: result.data, confirmation: '' }
        : { busy: false, error: result.error },
    );
  },
  async cancel() {
    const result = await call(() => consoleApi().cancelSweep());
    if (!result.ok) set({ error: result.error });
  },
  async resume() {
    if (get().busy) return;
    set({ busy: true, error: undefined });
    const result = await call(() => consoleApi().resumeSweep());
    set(result.ok ? { busy: false, view: result.data } : { busy: false, error: result.error });
  },
  async dismiss() {
    const result = await call(() => consoleApi().dismissSweep());
    set(result.ok ? { view: null, error: undefined } : { error: result.error });
  },
  subscribe() {
    return consoleApi().on('sweepProgress', (view) => set({ view }));
  },
}));
