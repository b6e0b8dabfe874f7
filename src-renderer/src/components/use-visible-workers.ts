import type { Session, WorkerRow } from '../../../src-shared/contract';
import { visibleWorkers, type WorkerViewOptions } from '../lib/worker-view';
import { useSessionsStore } from '../stores/sessions-store';
import { useWorkersStore } from '../stores/workers-store';

const NO_SESSIONS: ReadonlyMap<string, Session> = new Map();

/** The last view computed, shared by the table, the progress line and the panel. */
let last:
  | {
      rows: readonly WorkerRow[];
      latest: ReadonlyMap<string, Session>;
      options: WorkerViewOptions;
      view: readonly WorkerRow[];
    }
  | undefined;

function viewOf(
  rows: readonly WorkerRow[],
  latest: ReadonlyMap<string, Session>,
  options: WorkerViewOptions,
): readonly WorkerRow[] {
  if (
    last &&
    last.rows === rows &&
    last.latest === latest &&
    last.options.liveOnly === options.liveOnly &&
    last.options.tokenSort === options.tokenSort
  ) {
    return last.view;
  }
  const view = visibleWorkers(rows, latest, options);
  last = { rows, latest, options, view };
  return view;
}

/**
 * The rows the Workers table shows: Deel's rows with the console's own token filter and order
 * (lib/worker-view), computed once per change for every component that asks. It reads the
 * sessions only while one of those is on.
 */
export function useVisibleWorkers(): readonly WorkerRow[] {
  const rows = useWorkersStore((s) => s.rows);
  const liveOnly = useWorkersStore((s) => s.filters.liveOnly);
  const tokenSort = useWorkersStore((s) => s.filters.tokenSort);
  const needsSessions = liveOnly || tokenSort !== undefined;
  const latest = useSessionsStore((s) => (needsSessions ? s.latest : NO_SESSIONS));
  return viewOf(rows, latest, { liveOnly, tokenSort });
}
