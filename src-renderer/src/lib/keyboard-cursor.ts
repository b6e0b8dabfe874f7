/** Where a key moves the keyboard cursor in a list of `count` rows; undefined: not a move. */
export function moveCursor(
  key: string,
  cursor: number,
  count: number,
  pageSize: number,
): number | undefined {
  if (count === 0) return undefined;
  const clamp = (n: number) => Math.max(0, Math.min(count - 1, n));
  switch (key) {
    case 'ArrowDown':
      return clamp(cursor + 1);
    case 'ArrowUp':
      return clamp(cursor - 1);
    case 'PageDown':
      return clamp(cursor + pageSize);
    case 'PageUp':
      return clamp(cursor - pageSize);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
