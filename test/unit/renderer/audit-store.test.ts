import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, uninstallFakeApi } from './fake-api';

const page = (organizations: string[] = ['Acme', 'Demo Co']) => ({
  ok: true as const,
  data: {
    entries: [],
    total: 7,
    organizations,
    chain: { ok: true, anchored: true, incidents: [] },
  },
});

describe('audit store: filters, export of what is shown, and Show in folder', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    vi.resetModules();
    fake = installFakeApi();
    fake.api.auditPage.mockResolvedValue(page());
  });
  afterEach(() => {
    vi.useRealTimers();
    uninstallFakeApi();
  });

  const load = async () => {
    const audit = await import('../../../src-renderer/src/stores/audit-store');
    const settings = await import('../../../src-renderer/src/stores/settings-store');
    return { ...audit, settings: settings.useSettingsStore };
  };

  it('sends only the filters that are set, with days as instants of the shown zone', async () => {
    const { useAuditStore, settings } = await load();
    settings.setState({
      saved: {
        clipboardClearSeconds: 30,
        notifyBeforeExpiry: false,
        requestsPerSecond: 4,
        rateLimitPatienceMinutes: 5,
        allowLoopbackHost: false,
        timeZone: 'utc',
        expiryBanner: true,
        rotationReminderDays: 90,
        operatorName: '',
        requireReason: false,
        auditForwardUrl: '',
      },
    });
    const s = useAuditStore.getState();
    s.setOrganization('Acme');
    s.setAction('bulk-revoke');
    s.setDays({ fromDay: '2026-12-01', toDay: '2026-12-02' });
    await useAuditStore.getState().load();
    expect(fake.api.auditPage).toHaveBeenLastCalledWith({
      offset: 0,
      limit: 50,
      organization: 'Acme',
      action: 'bulk-revoke',
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-03T00:00:00.000Z',
    });
    expect(useAuditStore.getState().organizations).toEqual(['Acme', 'Demo Co']);
  });

  it('filters by worker once typing pauses, and Clear filters sends none', async () => {
    vi.useFakeTimers();
    const { useAuditStore, WORKER_FILTER_DEBOUNCE_MS } = await load();
    const s = useAuditStore.getState();
    s.setWorker('pri');
    s.setWorker('priya@');
    expect(fake.api.auditPage).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(WORKER_FILTER_DEBOUNCE_MS);
    expect(fake.api.auditPage).toHaveBeenCalledTimes(1);
    expect(fake.api.auditPage).toHaveBeenLastCalledWith({ offset: 0, limit: 50, worker: 'priya@' });
    useAuditStore.getState().clearFilters();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.api.auditPage).toHaveBeenLastCalledWith({ offset: 0, limit: 50 });
  });

  it('exports what is shown (the filters) or everything, and says so', async () => {
    const { useAuditStore, filtered } = await load();
    fake.api.exportAudit.mockResolvedValue({
      ok: true,
      data: { saved: true, rows: 2, fileName: 'audit.csv', folder: '/tmp/x' },
    });
    const s = useAuditStore.getState();
    expect(filtered(useAuditStore.getState())).toBe(false);
    s.setOutcome('failure');
    expect(filtered(useAuditStore.getState())).toBe(true);
    await useAuditStore.getState().exportEntries('shown');
    expect(fake.api.exportAudit).toHaveBeenLastCalledWith({ outcome: 'failure' });
    expect(useAuditStore.getState().exported).toMatchObject({ rows: 2, scope: 'shown' });
    await useAuditStore.getState().exportEntries('all');
    expect(fake.api.exportAudit).toHaveBeenLastCalledWith({});
    expect(useAuditStore.getState().exported?.scope).toBe('all');
  });

  it('exports NDJSON when that format is chosen, CSV (no format sent) by default', async () => {
    const { useAuditStore } = await load();
    fake.api.exportAudit.mockResolvedValue({
      ok: true,
      data: { saved: true, rows: 3, fileName: 'audit.ndjson', folder: '/tmp/x' },
    });
    expect(useAuditStore.getState().exportFormat).toBe('csv');
    useAuditStore.getState().setExportFormat('ndjson');
    useAuditStore.getState().setOutcome('success');
    await useAuditStore.getState().exportEntries('shown');
    expect(fake.api.exportAudit).toHaveBeenLastCalledWith({ outcome: 'success', format: 'ndjson' });
    await useAuditStore.getState().exportEntries('all');
    expect(fake.api.exportAudit).toHaveBeenLastCalledWith({ format: 'ndjson' });
    useAuditStore.getState().setExportFormat('csv');
    await useAuditStore.getState().exportEntries('all');
    expect(fake.api.exportAudit).toHaveBeenLastCalledWith({});
  });

  it('asks main to show the file it saved, naming no path', async () => {
    const { useAuditStore } = await load();
    fake.api.showExportedFile.mockResolvedValue({ ok: true, data: { shown: true } });
    await useAuditStore.getState().showInFolder();
    expect(fake.api.showExportedFile).toHaveBeenCalledWith();
    expect(useAuditStore.getState().shown).toBe(true);
    fake.api.showExportedFile.mockResolvedValue({
      ok: false,
      error: { kind: 'not-found', message: 'Nothing was exported in this run.' },
    });
    await useAuditStore.getState().showInFolder();
    expect(useAuditStore.getState()).toMatchObject({
      shown: false,
      showError: { kind: 'not-found' },
    });
  });
});
