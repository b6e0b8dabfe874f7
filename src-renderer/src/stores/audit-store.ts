import { create } from 'zustand';
import {
  auditActions,
  auditOutcomes,
  type AuditAction,
  type AuditOutcome,
} from '../../../src-shared/audit-vocabulary';
import type { AuditChainStatus, AuditEntry } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { call } from './call';

export type { AuditAction, AuditOutcome };

/** The filter choices: the audit log's own vocabulary. */
export const auditActionChoices = auditActions;
export const auditOutcomeChoices = auditOutcomes;
export const AUDIT_PAGE_SIZE = 50;

export type ChainStatus = AuditChainStatus;

interface AuditStore {
  action: AuditAction | '';
  outcome: AuditOutcome | '';
  offset: number;
  entries: AuditEntry[];
  total: number;
  chain: ChainStatus | undefined;
  loading: boolean;
  retrying: boolean;
  error: IpcError | undefined;
  exporting: boolean;
  exported: { saved: boolean; rows: number } | undefined;
  exportError: IpcError | undefined;
  setAction(action: AuditAction | ''): void;
  setOutcome(outcome: AuditOutcome | ''): void;
  page(direction: 1 | -1): void;
  load(): Promise<void>;
  exportCsv(): Promise<void>;
}

let seq = 0;

export const useAuditStore = create<AuditStore>((set, get) => ({
  action: '',
  outcome: '',
  offset: 0,
  entries: [],
  total: 0,
  chain: undefined,
  loading: false,
  retrying: false,
  error: undefined,
  exporting: false,
  exported: undefined,
  exportError: undefined,

  setAction(action) {
    set({ action, offset: 0 });
    void get().load();
  },
  setOutcome(outcome) {
    set({ outcome, offset: 0 });
    void get().load();
  },
  page(direction) {
    const { offset, total } = get();
    const next = offset + direction * AUDIT_PAGE_SIZE;
    if (next < 0 || next >= Math.max(total, 1)) return;
    set({ offset: next });
    void get().load();
  },

  async load() {
    const mine = ++seq;
    const { action, outcome, offset } = get();
    set({ loading: true, error: undefined });
    const result = await call(
      () =>
        consoleApi().auditPage({
          offset,
          limit: AUDIT_PAGE_SIZE,
          ...(action && { action }),
          ...(outcome && { outcome }),
        }),
      { onRetrying: () => set({ retrying: true }) },
    );
    if (mine !== seq) return;
    set(
      result.ok
        ? { loading: false, retrying: false, ...result.data }
        : { loading: false, retrying: false, error: result.error },
    );
  },

  async exportCsv() {
    set({ exporting: true, exported: undefined, exportError: undefined });
    const result = await call(() => consoleApi().exportAudit());
    set(
      result.ok
        ? { exporting: false, exported: result.data }
        : { exporting: false, exportError: result.error },
    );
  },
}));
