import type { Session, WorkerRow } from '../../../src-shared/contract';

/** The console's own view options over the rows Deel listed (applied here, not by Deel). */
export interface WorkerViewOptions {
  /** Only workers whose latest token is live. */
  liveOnly: boolean;
  /** Order by token: live first (soonest expiry first), no token last; or the reverse. */
  tokenSort: 'asc' | 'desc' | undefined;
}

/** live, then a token whose state is unclear, then finished ones, then none. */
function rankOf(session: Session | undefined): number {
  switch (session?.state) {
    case 'live':
      return 0;
    case 'outcome-unknown':
    case 'pending':
      return 1;
    case undefined:
      return 3;
    default:
      return 2;
  }
}

/**
 * The rows to show: Deel's rows (its order and filters), then the console's own filter and
 * order by token state. With neither on, the rows are returned as they are (same array).
 */
export function visibleWorkers(
  rows: readonly WorkerRow[],
  latest: ReadonlyMap<string, Session>,
  options: WorkerViewOptions,
): readonly WorkerRow[] {
  const { liveOnly, tokenSort } = options;
  if (!liveOnly && !tokenSort) return rows;
  const kept = liveOnly ? rows.filter((row) => latest.get(row.id)?.state === 'live') : [...rows];
  if (!tokenSort) return kept;
  const sign = tokenSort === 'asc' ? 1 : -1;
  const keyed = kept.map((row, index) => {
    const session = latest.get(row.id);
    const rank = rankOf(session);
    const expiry = rank === 0 && session?.expiresAt ? Date.parse(session.expiresAt) : 0;
    return { row, index, rank, expiry };
  });
  keyed.sort(
    (a, b) => sign * (a.rank - b.rank) || sign * (a.expiry - b.expiry) || a.index - b.index,
  );
  return keyed.map((k) => k.row);
}

/**
 * Whether the selected worker is among the rows shown: `hidden` once the list has finished
 * loading without them (the panel then says so), `shown` or `unknown` (still loading) otherwise.
 */
export function selectionVisibility(
  selectedId: string | undefined,
  visible: readonly WorkerRow[],
  done: boolean,
): 'none' | 'shown' | 'hidden' | 'unknown' {
  if (selectedId === undefined) return 'none';
  if (visible.some((row) => row.id === selectedId)) return 'shown';
  return done ? 'hidden' : 'unknown';
}

/** Why the sort and some filters are not available with the Contracts source. */
export const CONTRACTS_LIMITS =
  "Contracts come in Deel's own order, with their own statuses: sorting by a column and the Status filter work with the People source only. Hiring type filters contract types here; the token filter and the Token sort still work.";

/** A column header's tooltip while the Contracts source is shown. */
export const CONTRACTS_NO_SORT =
  "Contracts come in Deel's own order: sorting by this column works with the People source only.";

/** The Status filter's tooltip while the Contracts source is shown. */
export const CONTRACTS_NO_STATUS =
  'Contracts have their own statuses: this filter applies to People only.';
