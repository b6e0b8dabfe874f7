import { create } from 'zustand';
import type { AuditForwarding, Settings } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { forwardUrlError } from '../lib/audit-forwarding';
import { call } from './call';

export interface SettingsDraft {
  clipboardClearSeconds: string;
  notifyBeforeExpiry: boolean;
  requestsPerSecond: string;
  rateLimitPatienceMinutes: string;
  allowLoopbackHost: boolean;
  timeZone: Settings['timeZone'];
  expiryBanner: boolean;
  rotationReminderDays: string;
  operatorName: string;
  requireReason: boolean;
  auditForwardUrl: string;
}

interface SettingsStore {
  saved: Settings | undefined;
  draft: SettingsDraft;
  status: 'idle' | 'loading' | 'saving' | 'saved';
  error: IpcError | undefined;
  load(): Promise<void>;
  edit(change: Partial<SettingsDraft>): void;
  save(): Promise<void>;
  /** Audit forwarding as main reports it (read with the settings and after each save). */
  forwarding: AuditForwarding | undefined;
  /** When it was read (epoch ms): how long a failing collector has been failing. */
  forwardingReadAt: number;
  loadForwarding(): Promise<void>;
}

const toDraft = (s: Settings): SettingsDraft => ({
  clipboardClearSeconds: String(s.clipboardClearSeconds),
  notifyBeforeExpiry: s.notifyBeforeExpiry,
  requestsPerSecond: String(s.requestsPerSecond),
  rateLimitPatienceMinutes: String(s.rateLimitPatienceMinutes),
  allowLoopbackHost: s.allowLoopbackHost,
  timeZone: s.timeZone,
  expiryBanner: s.expiryBanner,
  rotationReminderDays: String(s.rotationReminderDays),
  operatorName: s.operatorName,
  requireReason: s.requireReason,
  auditForwardUrl: s.auditForwardUrl,
});

/** Parses the draft like main will; returns the field errors the form shows next to each field. */
export function validateDraft(draft: SettingsDraft): {
  value?: Settings;
  fieldErrors: { path: string; message: string }[];
} {
  const fieldErrors: { path: string; message: string }[] = [];
  const seconds = Number(draft.clipboardClearSeconds);
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 600) {
    fieldErrors.push({
      path: 'clipboardClearSeconds',
      message: 'Whole seconds between 5 and 600.',
    });
  }
  const rps = Number(draft.requestsPerSecond);
  if (!Number.isFinite(rps) || rps < 0.5 || rps > 5 || draft.requestsPerSecond.trim() === '') {
    fieldErrors.push({
      path: 'requestsPerSecond',
      message: 'Between 0.5 and 5 requests per second.',
    });
  }
  const patience = Number(draft.rateLimitPatienceMinutes);
  if (!Number.isInteger(patience) || patience < 1 || patience > 60) {
    fieldErrors.push({
      path: 'rateLimitPatienceMinutes',
      message: 'Whole minutes between 1 and 60.',
    });
  }
  const rotationDays = Number(draft.rotationReminderDays);
  if (!Number.isInteger(rotationDays) || rotationDays < 7 || rotationDays > 365) {
    fieldErrors.push({
      path: 'rotationReminderDays',
      message: 'Whole days between 7 and 365.',
    });
  }
  if (draft.operatorName.trim().length > 100) {
    fieldErrors.push({ path: 'operatorName', message: 'At most 100 characters.' });
  }
  const forwardError = forwardUrlError(draft.auditForwardUrl);
  if (forwardError) fieldErrors.push({ path: 'auditForwardUrl', message: forwardError });
  if (fieldErrors.length) return { fieldErrors };
  return {
    value: {
      clipboardClearSeconds: seconds,
      notifyBeforeExpiry: draft.notifyBeforeExpiry,
      requestsPerSecond: rps,
      rateLimitPatienceMinutes: patience,
      allowLoopbackHost: draft.allowLoopbackHost,
      timeZone: draft.timeZone,
      expiryBanner: draft.expiryBanner,
      rotationReminderDays: rotationDays,
      operatorName: draft.operatorName.trim(),
      requireReason: draft.requireReason,
      auditForwardUrl: draft.auditForwardUrl.trim(),
    },
    fieldErrors,
  };
}

export const useSettingsStore = create<SettingsStore>((set, get) => ({
  saved: undefined,
  draft: {
    clipboardClearSeconds: '30',
    notifyBeforeExpiry: false,
    requestsPerSecond: '5',
    rateLimitPatienceMinutes: '5',
    allowLoopbackHost: false,
    timeZone: 'local',
    expiryBanner: true,
    rotationReminderDays: '90',
    operatorName: '',
    requireReason: false,
    auditForwardUrl: '',
  },
  status: 'idle',
  error: undefined,
  forwarding: undefined,
  forwardingReadAt: 0,

  async load() {
    set({ status: 'loading', error: undefined });
    const result = await call(() => consoleApi().getSettings());
    set(
      result.ok
        ? { status: 'idle', saved: result.data, draft: toDraft(result.data) }
        : { status: 'idle', error: result.error },
    );
  },
  edit(change) {
    set((state) => ({ draft: { ...state.draft, ...change }, status: 'idle', error: undefined }));
  },
  async save() {
    const { value, fieldErrors } = validateDraft(get().draft);
    if (!value) {
      set({
        error: { kind: 'validation', message: 'Some settings are out of range.', fieldErrors },
      });
      return;
    }
    set({ status: 'saving', error: undefined });
    const result = await call(() => consoleApi().updateSettings(value));
    set(
      result.ok
        ? { status: 'saved', saved: result.data, draft: toDraft(result.data) }
        : { status: 'idle', error: result.error },
    );
    if (result.ok) void get().loadForwarding();
  },
  async loadForwarding() {
    const result = await call(() => consoleApi().getAuditForwarding());
    // A status that cannot be read is not shown; the settings themselves still work.
    set({ forwarding: result.ok ? result.data : undefined, forwardingReadAt: Date.now() });
  },
}));
