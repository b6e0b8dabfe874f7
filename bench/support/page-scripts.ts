/**
 * Code that runs inside the page. Kept as plain JavaScript strings: functions compiled by tsx
 * may reference helpers (e.g. `__name`) that do not exist in the page. Selectors are the
 * renderer's stable `data-testid`s (the same ones test/e2e/support/console-page.ts uses).
 */

export interface LoadMarks {
  /** performance.now() in the page (ms since navigation start) when a worker row first rendered. */
  firstRowAt: number | null;
  /** When the table held every expected row (`aria-rowcount` - 1 >= expected). */
  allRowsAt: number | null;
  /** When the load progress said it was done (its data-state). */
  doneAt: number | null;
}

/** Init script: records when rows first render and when the whole list is in, then stops watching. */
export function loadMarksInitScript(expectedRows: number): string {
  return `(() => {
  const expected = ${Number(expectedRows)};
  const marks = { firstRowAt: null, allRowsAt: null, doneAt: null };
  Object.defineProperty(globalThis, '__benchMarks', { value: marks });
  let observer;
  const check = () => {
    const now = performance.now();
    if (marks.firstRowAt === null && document.querySelector('[data-testid="worker-row"]')) {
      marks.firstRowAt = now;
    }
    const table = document.querySelector('[data-testid="workers-table"]');
    if (marks.allRowsAt === null && table && Number(table.getAttribute('aria-rowcount')) - 1 >= expected) {
      marks.allRowsAt = now;
    }
    const progress = document.querySelector('[data-testid="load-progress"]');
    if (marks.allRowsAt !== null && progress && progress.getAttribute('data-state') === 'done') {
      marks.doneAt = now;
      if (observer) observer.disconnect();
    }
  };
  observer = new MutationObserver(check);
  const start = () => {
    observer.observe(document.body, {
      childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ['aria-rowcount', 'data-state'],
    });
    check();
  };
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;
}

export const READ_LOAD_MARKS = `globalThis.__benchMarks`;

export interface ScrollRun {
  /** requestAnimationFrame timestamp deltas (ms), one per frame. */
  deltas: number[];
  /** Long tasks (> 50 ms) seen by a PerformanceObserver during the run, in ms. */
  longTasks: number[];
  scrollHeight: number;
  maxScrollTop: number;
  endScrollTop: number;
  /** Mounted row elements at the end (virtualisation: should stay small). */
  rowsMounted: number;
}

/** Which scroller a scroll run moves: the console's table, or the floor's boxes beside it. */
export const SCROLL_TARGETS = {
  table: { scroll: 'workers-scroll', row: 'worker-row' },
  floor: { scroll: 'bench-floor-scroll', row: 'bench-floor-row' },
} as const;
export type ScrollTarget = keyof typeof SCROLL_TARGETS;

/**
 * Scrolls the workers table (or the floor, see `mountFloorScript`) from top to bottom at constant
 * speed over `durationMs`, moving `scrollTop` once per animation frame, and records each frame's
 * requestAnimationFrame delta. With `pxPerMs`, it moves at that speed instead and turns back at
 * either end (a short list scrolled as fast as a long one, for profiling).
 */
export function scrollThroughScript(
  durationMs: number,
  target: ScrollTarget = 'table',
  pxPerMs?: number,
): string {
  const { scroll, row } = SCROLL_TARGETS[target];
  return `(async () => {
  const durationMs = ${Number(durationMs)};
  const pxPerMs = ${pxPerMs === undefined ? 'null' : Number(pxPerMs)};
  const el = document.querySelector('[data-testid="${scroll}"]');
  if (!el) throw new Error('no [data-testid="${scroll}"] in the page');
  const maxScrollTop = el.scrollHeight - el.clientHeight;
  el.scrollTop = 0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  try { observer.observe({ type: 'longtask' }); } catch (e) { /* not supported */ }
  const deltas = [];
  const start = await new Promise((r) => requestAnimationFrame(r));
  let last = start;
  const at = (elapsed) => {
    if (pxPerMs === null) return Math.min(1, elapsed / durationMs) * maxScrollTop;
    const travelled = (elapsed * pxPerMs) % (2 * maxScrollTop);
    return travelled <= maxScrollTop ? travelled : 2 * maxScrollTop - travelled;
  };
  await new Promise((resolve) => {
    const step = (t) => {
      deltas.push(t - last);
      last = t;
      el.scrollTop = at(t - start);
      if (t - start >= durationMs) resolve();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  observer.disconnect();
  return {
    deltas,
    longTasks,
    scrollHeight: el.scrollHeight,
    maxScrollTop,
    endScrollTop: el.scrollTop,
    rowsMounted: el.querySelectorAll('[data-testid="${row}"]').length,
  };
})()`;
}

/**
 * The floor: the same page, the same scroller, scrolled the same way, over rows that render
 * nothing but a fixed-height box. It hides the console's table and puts a copy of its frame in
 * the same place (same classes, so the same size and CSS; the header cloned), whose body is as
 * tall as the table's and holds empty `wt-row` boxes kept in the viewport plus `overscan` rows
 * either side by a scroll listener, as the table's virtualizer does (none beyond the viewport
 * after a jump farther than the overscan, as the table; rows that stay in range stay mounted;
 * fresh ones are new elements). Bench-only: nothing in the renderer knows of it.
 * `unmountFloorScript` puts the table back.
 */
export function mountFloorScript(overscan: number): string {
  return `(() => {
  const overscan = ${Number(overscan)};
  const real = document.querySelector('[data-testid="workers-table"]');
  const realScroll = document.querySelector('[data-testid="workers-scroll"]');
  const realBody = realScroll && realScroll.querySelector('[role="rowgroup"]');
  const realHead = real && real.querySelector('[role="rowgroup"]');
  if (!real || !realScroll || !realBody || !realHead) throw new Error('no workers table to mirror');
  const rowCount = Number(real.getAttribute('aria-rowcount')) - 1;
  const firstRow = realBody.querySelector('[data-testid="worker-row"]');
  if (!firstRow) throw new Error('the workers table shows no row to mirror');
  const rowHeight = firstRow.getBoundingClientRect().height;
  // Positioned as the table positions its rows (top, or a transform).
  const byTop = firstRow.style.transform === '';
  const totalHeight = realBody.getBoundingClientRect().height;
  const floor = document.createElement('div');
  floor.className = real.className;
  floor.setAttribute('data-testid', 'bench-floor-table');
  floor.appendChild(realHead.cloneNode(true));
  const scroll = document.createElement('div');
  scroll.className = realScroll.className;
  scroll.setAttribute('data-testid', 'bench-floor-scroll');
  const body = document.createElement('div');
  body.className = realBody.className;
  body.style.height = totalHeight + 'px';
  scroll.appendChild(body);
  floor.appendChild(scroll);
  const mounted = new Map();
  // The table's rule (src-renderer/src/lib/virtual-range.ts): no overscan after a jump farther
  // than the overscan reaches, so the floor mounts the rows the table mounts.
  let lastStart = null;
  const render = () => {
    const top = scroll.scrollTop;
    const start = Math.floor(top / rowHeight);
    const step = lastStart === null ? 0 : start - lastStart;
    lastStart = start;
    const extra = Math.abs(step) > overscan ? 0 : overscan;
    const first = Math.max(0, start - extra);
    const last = Math.min(rowCount - 1, Math.ceil((top + scroll.clientHeight) / rowHeight) - 1 + extra);
    for (const [index, box] of mounted) {
      if (index < first || index > last) { box.remove(); mounted.delete(index); }
    }
    for (let index = first; index <= last; index++) {
      if (mounted.has(index)) continue;
      const box = document.createElement('div');
      box.className = 'wt-row';
      box.setAttribute('data-testid', 'bench-floor-row');
      if (byTop) box.style.top = index * rowHeight + 'px';
      else box.style.transform = 'translateY(' + index * rowHeight + 'px)';
      body.appendChild(box);
      mounted.set(index, box);
    }
  };
  scroll.addEventListener('scroll', render, { passive: true });
  real.style.display = 'none';
  real.after(floor);
  render();
  return { rowCount, rowHeight, totalHeight };
})()`;
}

export const UNMOUNT_FLOOR = `(() => {
  const floor = document.querySelector('[data-testid="bench-floor-table"]');
  if (floor) floor.remove();
  const real = document.querySelector('[data-testid="workers-table"]');
  if (real) real.style.display = '';
})()`;

/** Text of the first few countdowns (to check they tick during the idle run). */
export const COUNTDOWN_TEXTS = `Array.from(document.querySelectorAll('[data-testid="countdown"]')).slice(0, 5).map((e) => e.textContent)`;
