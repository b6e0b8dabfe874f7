import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

/**
 * Issue 16 point 13 (scrolling 50,000 rows): a jump through the workers table farther than the
 * overscan reaches mounts only the rows in view — the overscan rows would never be seen — and
 * the overscan comes back once the scroll stops. Every frame shows the rows for its scroll
 * position. Driven with End and Home, the keyboard's jumps to either end of the list.
 */
test.use({ demoWorkers: 2_000 });

interface Frame {
  top: number;
  height: number;
  rows: number[];
}

/** Records, once per animation frame, the table's scroll position and the rows it has mounted. */
async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="workers-scroll"]');
    if (!scroller) throw new Error('no workers table');
    const frames: Frame[] = [];
    let recording = true;
    const tick = () => {
      if (!recording) return;
      const rows = Array.from(
        scroller.querySelectorAll<HTMLElement>('[data-testid="worker-row"]'),
        (row) => Number(row.dataset.rowIndex),
      ).sort((a, b) => a - b);
      frames.push({ top: scroller.scrollTop, height: scroller.clientHeight, rows });
      requestAnimationFrame(tick);
    };
    // The position before the jump, recorded now: the first animation frame may already show it done.
    frames.push({ top: scroller.scrollTop, height: scroller.clientHeight, rows: [] });
    requestAnimationFrame(tick);
    Object.assign(window, {
      __frames: {
        stop: () => {
          recording = false;
          return frames;
        },
        latest: () => frames.at(-1),
      },
    });
  });
}

interface Recorder {
  stop(): Frame[];
  latest(): Frame | undefined;
}

/** The row indexes at least partly in view in a frame. */
function inView(frame: Frame, rowHeight: number, count: number): number[] {
  const first = Math.floor(frame.top / rowHeight);
  const last = Math.min(count - 1, Math.ceil((frame.top + frame.height) / rowHeight) - 1);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

async function jump(page: Page, key: 'End' | 'Home', rowHeight: number, count: number) {
  await startFrameRecorder(page);
  await page.keyboard.press(key);
  const target = key === 'End' ? count - 1 : 0;
  const focusedRow = () =>
    page.evaluate(() =>
      Number(document.activeElement?.closest('[data-row-index]')?.getAttribute('data-row-index')),
    );
  await expect.poll(focusedRow).toBe(target);
  // Once the scroll has stopped, the overscan is mounted again beyond the rows in view.
  await expect
    .poll(async () => {
      const frame = await page.evaluate(() =>
        (window as unknown as { __frames: Recorder }).__frames.latest(),
      );
      return frame ? frame.rows.length - inView(frame, rowHeight, count).length : 0;
    })
    .toBeGreaterThan(0);
  const frames = await page.evaluate(() =>
    (window as unknown as { __frames: Recorder }).__frames.stop(),
  );
  const start = frames[0]?.top ?? 0;
  const moved = frames.filter((frame) => Math.abs(frame.top - start) > 20 * rowHeight);
  expect(moved.length, 'the table scrolled to the other end').toBeGreaterThan(0);
  for (const frame of moved) {
    expect(frame.rows, `rows in view at scrollTop ${frame.top}`).toEqual(
      expect.arrayContaining(inView(frame, rowHeight, count)),
    );
  }
  // The first frame at the far end shows exactly the rows in view: nothing mounted off screen.
  const first = moved[0]!;
  expect(first.rows).toEqual(inView(first, rowHeight, count));
  const last = moved.at(-1)!;
  expect(last.rows.length).toBeGreaterThan(inView(last, rowHeight, count).length);
}

test('a jump through the workers table mounts only the rows in view, then the overscan comes back', async ({
  consolePage,
}) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.listSettled();
  const table = consolePage.getByTestId('workers-table');
  const count = Number(await table.getAttribute('aria-rowcount')) - 1;
  expect(count).toBe(2_000);
  const rowHeight = await ui.firstRow().evaluate((row) => row.getBoundingClientRect().height);

  // At rest, the first screenful plus the overscan below it.
  const atRest = await consolePage.getByTestId('worker-row').count();
  const screenful = await consolePage
    .getByTestId('workers-scroll')
    .evaluate((el, h) => Math.ceil(el.clientHeight / h), rowHeight);
  expect(atRest).toBeGreaterThan(screenful);

  const first = await ui.workerAt(0);
  await ui.focusRowByKeyboard(first.id);
  await jump(consolePage, 'End', rowHeight, count);
  await expect(consolePage.locator(`[data-row-index="${count - 1}"]`)).toBeInViewport();
  await jump(consolePage, 'Home', rowHeight, count);
  await expect(ui.rowFor(first.id)).toBeInViewport();
});
