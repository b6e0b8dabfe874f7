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

/**
 * Scrolls the workers table from top to bottom at constant speed over `durationMs`, moving
 * `scrollTop` once per animation frame, and records each frame's requestAnimationFrame delta.
 */
export function scrollThroughScript(durationMs: number): string {
  return `(async () => {
  const durationMs = ${Number(durationMs)};
  const el = document.querySelector('[data-testid="workers-scroll"]');
  if (!el) throw new Error('no [data-testid="workers-scroll"] in the page');
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
  await new Promise((resolve) => {
    const step = (t) => {
      deltas.push(t - last);
      last = t;
      const progress = Math.min(1, (t - start) / durationMs);
      el.scrollTop = progress * maxScrollTop;
      if (progress >= 1) resolve();
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
    rowsMounted: el.querySelectorAll('[data-testid="worker-row"]').length,
  };
})()`;
}

/** Text of the first few countdowns (to check they tick during the idle run). */
export const COUNTDOWN_TEXTS = `Array.from(document.querySelectorAll('[data-testid="countdown"]')).slice(0, 5).map((e) => e.textContent)`;
