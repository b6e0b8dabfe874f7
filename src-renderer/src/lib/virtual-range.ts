/**
 * Which rows a virtualised list mounts. Overscan (rows beyond the viewport) is kept so that a
 * small scroll — a wheel notch, an arrow key — finds its next rows already rendered. When the list
 * jumped farther than the overscan reaches since the last range (a fast fling, dragging the
 * scrollbar, Page/Home/End), the rows mounted beyond the viewport were never shown and the next
 * frame will not show them either: only the rows in view are mounted, until the scroll slows down
 * or stops (the next range restores the overscan).
 */

export interface VisibleRange {
  /** First and last row (at least partly) in view. */
  startIndex: number;
  endIndex: number;
  overscan: number;
  count: number;
}

/**
 * Whether the first row in view moved farther than the overscan reaches; `stepRows` is how far
 * it moved since the last range (0 for the first range).
 */
export function jumpedBeyondOverscan(stepRows: number, overscan: number): boolean {
  return Math.abs(stepRows) > overscan;
}

/** The indexes to mount, in order; `stepRows` as for `jumpedBeyondOverscan`. */
export function rowsToMount(range: VisibleRange, stepRows: number): number[] {
  const { startIndex, endIndex, count } = range;
  if (count <= 0 || endIndex < startIndex) return [];
  const overscan = jumpedBeyondOverscan(stepRows, range.overscan) ? 0 : Math.max(0, range.overscan);
  const first = Math.max(0, startIndex - overscan);
  const last = Math.min(count - 1, endIndex + overscan);
  const indexes: number[] = [];
  for (let index = first; index <= last; index++) indexes.push(index);
  return indexes;
}
