import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { moveCursor } from '../lib/keyboard-cursor';
import { rowsToMount } from '../lib/virtual-range';

export interface VirtualRowsOptions {
  count: number;
  rowHeight: number;
  overscan: number;
  getItemKey?: (index: number) => string | number;
  /** The row the keyboard is on (kept in a store, so it survives re-renders). */
  cursor: number;
  setCursor(index: number): void;
  /** What to focus inside the cursor's row, e.g. `button` or `input`. */
  focusTarget: string;
}

export interface VirtualRows {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Arrow, Page and Home/End keys move the cursor, scroll to it and focus it. */
  onKeyDown(event: KeyboardEvent): void;
  /** The row holding the one Tab stop: the cursor's, or the first shown when it is scrolled away. */
  tabStopIndex: number | undefined;
}

/**
 * A virtualised list of fixed-height rows that behaves as one Tab stop: the keyboard moves a
 * cursor between rows, and the cursor's row is focused once the virtualizer has rendered it.
 * The workers table and the live tokens list share it.
 */
export function useVirtualRows(options: VirtualRowsOptions): VirtualRows {
  const { count, rowHeight, cursor, setCursor, focusTarget } = options;
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusCursor = useRef(false);
  /** The first row in view when the range was last extracted (how far a scroll jumped). */
  const lastStart = useRef<number | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the point
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: options.overscan,
    // A new function each render, so the range is extracted again on every render (the
    // virtualizer caches it by this identity): a fast scroll mounts only the rows in view, and the
    // render after it (scrolling slowed or stopped) brings the overscan back.
    rangeExtractor: (range) => {
      const step = lastStart.current === null ? 0 : range.startIndex - lastStart.current;
      lastStart.current = range.startIndex;
      return rowsToMount(range, step);
    },
    ...(options.getItemKey && { getItemKey: options.getItemKey }),
  });

  useEffect(() => {
    if (!focusCursor.current) return;
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const target = scrollRef.current?.querySelector<HTMLElement>(
        `[data-row-index="${cursor}"] ${focusTarget}`,
      );
      if (target) {
        focusCursor.current = false;
        target.focus();
      } else if (frames++ < 10) {
        handle = requestAnimationFrame(tryFocus);
      }
    };
    tryFocus();
    return () => cancelAnimationFrame(handle);
  }, [cursor, focusTarget]);

  const onKeyDown = (event: KeyboardEvent) => {
    const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeight));
    const next = moveCursor(event.key, cursor, count, pageSize);
    if (next === undefined) return;
    event.preventDefault();
    focusCursor.current = true;
    virtualizer.scrollToIndex(next);
    setCursor(next);
  };

  const items = virtualizer.getVirtualItems();
  const tabStopIndex = items.some((item) => item.index === cursor) ? cursor : items[0]?.index;
  return { scrollRef, virtualizer, onKeyDown, tabStopIndex };
}
