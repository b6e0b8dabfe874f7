/**
 * Shift-click range select: every id from the anchor to the clicked one (in list order) is set
 * to `on`, the rest of the selection stays. Without an anchor still in the list, only the
 * clicked id changes.
 */
export function selectRange(
  order: readonly string[],
  selected: ReadonlySet<string>,
  anchor: string | undefined,
  target: string,
  on: boolean,
): Set<string> {
  const next = new Set(selected);
  const to = order.indexOf(target);
  const from = anchor === undefined ? -1 : order.indexOf(anchor);
  const [start, end] = from < 0 || to < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)];
  if (to < 0) return next;
  for (const id of order.slice(start, end + 1)) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/**
 * "Select all" over the rows shown (a search may hide some): adds them all, or, when every
 * shown row is already selected, removes them. Selected rows the search hides stay selected.
 */
export function toggleShown(shown: readonly string[], selected: ReadonlySet<string>): Set<string> {
  const next = new Set(selected);
  const all = shown.length > 0 && shown.every((id) => selected.has(id));
  for (const id of shown) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}
