import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

/**
 * 50,000 demo workers. The demo simulator's limiter is real (5/s, the client paces at 4/s), so
 * all 500 pages would take about two minutes: the spec checks what the operator sees while
 * they stream in (first rows fast, progress out of 50,000, a virtualised table that scrolls to
 * the end of what has loaded) and does not wait for the last page.
 */
test.use({ demoWorkers: 50_000 });

const TOTAL = '50,000';

test('50,000 workers: first rows at once, progress of the total, a virtualised table that scrolls', async ({
  consolePage,
}, testInfo) => {
  const ui = new ConsolePage(consolePage);
  // The fixture has loaded the page; the first rows must follow within 5 s.
  const started = Date.now();
  await expect(ui.firstRow()).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(consolePage.getByTestId('worker-count')).toHaveText(TOTAL);

  const progress = consolePage.getByTestId('load-progress');
  await expect(progress).toHaveText(new RegExp(`^Loading [\\d,]+ of ${TOTAL}…$`));
  await expect(progress.locator('progress')).toHaveAttribute('max', '50000');
  await expect(progress).toHaveAttribute('data-state', 'loading');

  // Let a few pages arrive, then jump to the end of what has loaded.
  const table = consolePage.getByTestId('workers-table');
  await expect
    .poll(async () => Number(await table.getAttribute('aria-rowcount')) - 1, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1_000);
  const loadedAtScroll = await consolePage.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="workers-scroll"]')!;
    const rowCount = document
      .querySelector('[data-testid="workers-table"]')!
      .getAttribute('aria-rowcount');
    scroller.scrollTop = scroller.scrollHeight;
    return Number(rowCount) - 1;
  });
  const lastLoaded = consolePage.locator(
    `[data-testid="worker-row"][data-row-index="${loadedAtScroll - 1}"]`,
  );
  await expect(lastLoaded).toBeInViewport();
  await expect(ui.firstRow()).not.toHaveAttribute('data-row-index', '0');

  // Virtualised: a screenful of rows (plus overscan) in the DOM, not thousands.
  const rowsInDom = await consolePage.getByTestId('worker-row').count();
  expect(rowsInDom).toBeGreaterThan(5);
  expect(rowsInDom).toBeLessThan(100);

  // Pages keep streaming in while the operator scrolls, and the progress says how far.
  const loadedText = async () =>
    Number(((await progress.innerText()).match(/Loading ([\d,]+)/)?.[1] ?? '0').replace(/,/g, ''));
  await expect.poll(loadedText, { timeout: 10_000 }).toBeGreaterThan(loadedAtScroll);
  await expect(progress).toHaveText(new RegExp(`of ${TOTAL}…$`));
  expect(await consolePage.getByTestId('worker-row').count()).toBeLessThan(100);

  // The keyboard reaches the end of what has loaded too.
  await lastLoaded.getByRole('button').focus();
  await consolePage.keyboard.press('End');
  await expect
    .poll(() =>
      consolePage.evaluate(() =>
        Number(document.activeElement?.closest('[data-row-index]')?.getAttribute('data-row-index')),
      ),
    )
    .toBeGreaterThanOrEqual(loadedAtScroll - 1);

  await ui.screenshot(testInfo, 'scale-50000-streaming');
  await ui.expectNoSeriousAxeViolations('workers table at 50,000');
});
