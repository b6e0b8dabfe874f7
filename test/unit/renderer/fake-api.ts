import { vi } from 'vitest';
import type { EventName } from '../../../src-shared/channels';
import type {
  BulkJob,
  CrossProfileTokens,
  DeelConsoleApi,
  PayloadOf,
  ProfileList,
  Session,
  TokenHistoryRow,
} from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';

type Listener = (payload: never) => void;

/** A fake `window.deelConsole`: every method a vi.fn answering ok, plus `emit` for events. */
export function installFakeApi() {
  const listeners = new Map<EventName, Set<Listener>>();
  const ok = <T>(data: T) => Promise.resolve({ ok: true as const, data });
  const api = {
    getOverview: vi.fn(() =>
      ok({
        environment: 'demo' as const,
        organization: { id: 'org', name: 'Org' },
        workerCount: 3,
      }),
    ),
    getConnection: vi.fn(() =>
      ok({ mode: 'demo' as const, environment: 'demo' as const, persisted: false, warnings: [] }),
    ),
    connect: vi.fn(),
    useDemo: vi.fn(),
    forgetToken: vi.fn(),
    acknowledgeWarning: vi.fn(),
    queryWorkers: vi.fn(),
    listSessions: vi.fn(() => ok([] as Session[])),
    mintToken: vi.fn(),
    revealToken: vi.fn(),
    copyToken: vi.fn(),
    verifyToken: vi.fn(),
    revokeToken: vi.fn(),
    bulkRevoke: vi.fn(),
    getBulkJob: vi.fn(() => ok<BulkJob | null>(null)),
    cancelBulkRevoke: vi.fn(() => ok({ cancelled: true })),
    resumeBulkRevoke: vi.fn(),
    dismissBulkJob: vi.fn(() => ok(null)),
    auditPage: vi.fn(),
    exportAudit: vi.fn(),
    showExportedFile: vi.fn(),
    getSettings: vi.fn(),
    updateSettings: vi.fn(),
    copyRequestId: vi.fn(() => ok({ copied: true as const })),
    getPacing: vi.fn(() => ok({ ratePerSecond: 4, ceiling: 4, recent429s: 0 })),
    listProfiles: vi.fn((): Promise<IpcResult<ProfileList>> =>
      ok({
        activeId: 'demo',
        profiles: [
          {
            id: 'demo',
            name: 'Demo',
            environment: 'demo',
            available: true,
            active: true,
            requireReason: false,
          },
        ],
      }),
    ),
    switchProfile: vi.fn(),
    updateProfile: vi.fn(),
    removeProfile: vi.fn(),
    listAllTokens: vi.fn(() => ok<CrossProfileTokens>({ tokens: [], jobs: [] })),
    getWorkerHistory: vi.fn(() => ok([] as TokenHistoryRow[])),
    getAuditForwarding: vi.fn(() => ok({ enabled: false, acknowledgedSeq: 0, pending: 0 })),
    on: vi.fn((event: EventName, listener: Listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }),
  };
  (globalThis as Record<string, unknown>).deelConsole = api as unknown as DeelConsoleApi;
  return {
    api,
    emit<E extends EventName>(event: E, payload: PayloadOf<E>) {
      for (const listener of listeners.get(event) ?? [])
        (listener as (p: PayloadOf<E>) => void)(payload);
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
}

export function uninstallFakeApi() {
  delete (globalThis as Record<string, unknown>).deelConsole;
}

export const WORKER_A = '11111111-1111-4111-8111-111111111111';
export const WORKER_B = '22222222-2222-4222-8222-222222222222';

export function session(overrides: Partial<Session> = {}): Session {
  const now = Date.now();
  return {
    id: 's-' + Math.random().toString(36).slice(2),
    workerId: WORKER_A,
    workerName: 'Ada Lovelace',
    mintedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 24 * 3600_000).toISOString(),
    state: 'live',
    stateChangedAt: new Date(now).toISOString(),
    available: true,
    revealed: false,
    ...overrides,
  };
}

/** Lets pending promise callbacks run. */
export async function flush(times = 5) {
  for (let i = 0; i < times; i++) await Promise.resolve();
}
