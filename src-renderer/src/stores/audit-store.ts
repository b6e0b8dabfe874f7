import { create } from 'zustand';
import {
  auditActions,
  auditOutcomes,
  type AuditAction,
  type AuditOutcome,
} from '../../../src-shared/audit-vocabulary';
import type {
  AuditChainStatus,
  AuditEntry,
  AuditExportFormat,
  AuditFilter,
  Environment,
  OutputOf,
} from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { dayRange, type TimeZoneSetting } from '../lib/date-time';
import { call } from './call';
import { useSettingsStore } from './settings-store';

export type { AuditAction, AuditOutcome };

/** The filter choices: the audit log's own vocabulary. */
export const auditActionChoices = auditActions;
export const auditOutcomeChoices = auditOutcomes;
export const AUDIT_PAGE_SIZE = 50;
/** How long the worker box waits after the last keystroke before it asks main. */
export const WORKER_FILTER_DEBOUNCE_MS = 250;

export type ChainStatus = AuditChainStatus;
export type ExportScope = 'shown' | 'all';
export type { AuditExportFormat };

/** The export's formats, as the page offers them (CSV first: the default). */
export const auditExportFormatChoices: readonly { value: AuditExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV' },
  { value: 'ndjson', label: 'NDJSON (verifiable)' },
];

/** The screen's filters as the operator set them (days as a date input gives them). */
export interface AuditFilters {
  action: AuditAction | '';
  outcome: AuditOutcome | '';
  organization: string;
  /** Set with the organization by "This profile" (a profile is an organization and environment). */
  environment: Environment | '';
  worker: string;
  fromDay: string;
  toDay: string;
}

export const noAuditFilters: AuditFilters = {
  action: '',
  outcome: '',
  organization: '',
  environment: '',
  worker: '',
  fromDay: '',
  toDay: '',
};

/** The filters as main reads them: only those set; days become instants in the shown zone. */
export function toAuditFilter(filters: AuditFilters, zone: TimeZoneSetting): AuditFilter {
  const worker = filters.worker.trim();
  return {
    ...(filters.action && { action: filters.action }),
    ...(filters.outcome && { outcome: filters.outcome }),
    ...(filters.organization && { organization: filters.organization }),
    ...(filters.environment && { environment: filters.environment }),
    ...(worker && { worker }),
    ...dayRange(filters.fromDay, filters.toDay, zone),
  };
}

/** Whether any filter is set (Export then offers "shown" beside "all"). */
export function filtered(filters: AuditFilters): boolean {
  return Object.values(toAuditFilter(filters, 'utc')).length > 0;
}

type Exported = OutputOf<'exportAudit'> & { scope: ExportScope };

interface AuditStore extends AuditFilters {
  offset: number;
  entries: AuditEntry[];
  total: number;
  organizations: string[];
  chain: ChainStatus | undefined;
  loading: boolean;
  retrying: boolean;
  error: IpcError | undefined;
  exporting: boolean;
  exported: Exported | undefined;
  exportError: IpcError | undefined;
  /** What Export writes: CSV, or NDJSON with the hash chain (`npm run audit:verify` checks it). */
  exportFormat: AuditExportFormat;
  /** "Show in folder" was answered: opened, or why not. */
  shown: boolean;
  showError: IpcError | undefined;
  setAction(action: AuditAction | ''): void;
  setOutcome(outcome: AuditOutcome | ''): void;
  setOrganization(organization: string): void;
  /** The profile in use's view of the shared log: its organization and environment. */
  showProfile(profile: { organization: string; environment: Environment }): void;
  /** The worker box: filters once typing pauses. */
  setWorker(worker: string): void;
  setDays(range: { fromDay?: string; toDay?: string }): void;
  clearFilters(): void;
  page(direction: 1 | -1): void;
  load(): Promise<void>;
  setExportFormat(format: AuditExportFormat): void;
  exportEntries(scope: ExportScope): Promise<void>;
  showInFolder(): Promise<void>;
}

let seq = 0;
let workerTimer: ReturnType<typeof setTimeout> | undefined;

const zone = (): TimeZoneSetting => useSettingsStore.getState().saved?.timeZone ?? 'local';

export const useAuditStore = create<AuditStore>((set, get) => {
  const refilter = (change: Partial<AuditFilters>) => {
    set({ ...change, offset: 0 });
    void get().load();
  };
  return {
    ...noAuditFilters,
    offset: 0,
    entries: [],
    total: 0,
    organizations: [],
    chain: undefined,
    loading: false,
    retrying: false,
    error: undefined,
    exporting: false,
    exported: undefined,
    exportError: undefined,
    exportFormat: 'csv',
    shown: false,
    showError: undefined,

    setAction: (action) => refilter({ action }),
    setOutcome: (outcome) => refilter({ outcome }),
    // Another organization from the list is no longer "this profile": its environment goes.
    setOrganization: (organization) => refilter({ organization, environment: '' }),
    showProfile: ({ organization, environment }) => refilter({ organization, environment }),
    setWorker(worker) {
      set({ worker });
      clearTimeout(workerTimer);
      workerTimer = setTimeout(() => refilter({}), WORKER_FILTER_DEBOUNCE_MS);
    },
    setDays: (range) => refilter(range),
    clearFilters() {
      clearTimeout(workerTimer);
      refilter(noAuditFilters);
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
      const { offset } = get();
      set({ loading: true, error: undefined });
      const result = await call(
        () =>
          consoleApi().auditPage({
            offset,
            limit: AUDIT_PAGE_SIZE,
            ...toAuditFilter(get(), zone()),
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

    setExportFormat: (exportFormat) => set({ exportFormat }),

    async exportEntries(scope) {
      set({
        exporting: true,
        exported: undefined,
        exportError: undefined,
        shown: false,
        showError: undefined,
      });
      const filter = scope === 'shown' ? toAuditFilter(get(), zone()) : {};
      // With no filter set, what is shown is every entry: say so.
      const saved: ExportScope = Object.keys(filter).length > 0 ? 'shown' : 'all';
      const { exportFormat } = get();
      const result = await call(() =>
        consoleApi().exportAudit(
          exportFormat === 'csv' ? filter : { ...filter, format: exportFormat },
        ),
      );
      set(
        result.ok
          ? { exporting: false, exported: { ...result.data, scope: saved } }
          : { exporting: false, exportError: result.error },
      );
    },

    async showInFolder() {
      set({ shown: false, showError: undefined });
      const result = await call(() => consoleApi().showExportedFile());
      set(result.ok ? { shown: true } : { showError: result.error });
    },
  };
});
