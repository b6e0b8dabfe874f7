import { useMemo } from 'react';
import type { WorkerRow } from '../../../src-shared/contract';
import { visibleWorkers } from '../lib/worker-view';
import { useSessionsStore } from '../stores/sessions-store';
import { useWorkersStore } from '../stores/workers-store';

const NO_SESSIONS = new Map();

/**
 * The rows the Workers table shows: Deel's rows with the console's own token filter and order
 * (lib/worker-view). It reads the sessions only while one of those is on.
 */
export function useVisibleWorkers(): readonly WorkerRow[] {
  const rows = useWorkersStore((s) => s.rows);
  const liveOnly = useWorkersStore((s) => s.filters.liveOnly);
  const tokenSort = useWorkersStore((s) => s.filters.tokenSort);
  const needsSessions = liveOnly || tokenSort !== undefined;
  const latest = useSessionsStore((s) => (needsSessions ? s.latest : NO_SESSIONS));
  return useMemo(
    () => visibleWorkers(rows, latest, { liveOnly, tokenSort }),
    [rows, latest, liveOnly, tokenSort],
  );
}
