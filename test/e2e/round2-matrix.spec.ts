import { stackBelowWidth } from '../../src-shared/layout';
import { expect, test } from './fixtures';
import { LayoutPage, sizeName, windowSizes } from './support/layout-page';

/**
 * Issue 16, acceptance: the Workers and Live tokens screens at every supported window size, in
 * light and dark, with a worker selected and live tokens counting down. Each state is
 * screenshotted (under test-results/, a revealed token masked), checked by axe (no serious or
 * critical violation, colour contrast included) and checked for layout: no countdown cut, the
 * Token and Status columns on screen or reachable by scrolling, the panel under the table below
 * the breakpoint.
 */
for (const colorScheme of ['light', 'dark'] as const) {
  test(`16 matrix (${colorScheme}): Workers and Live tokens at every window size, screenshots, axe and layout`, async ({
    consolePage,
  }, testInfo) => {
    test.setTimeout(180_000);
    await consolePage.emulateMedia({ colorScheme });
    const ui = await LayoutPage.opened(consolePage);
    const minted = await ui.mintFor(3);
    const selected = minted.at(-1)!;
    const mask = [consolePage.getByTestId('token-value')];

    for (const size of windowSizes) {
      const name = `${sizeName(size)}-${colorScheme}`;
      await test.step(`Workers at ${name}`, async () => {
        await ui.go('workers');
        await ui.resize(size);
        await ui.select(selected.id);
        const table = consolePage.getByTestId('workers-table');
        await expect(ui.tokenState(selected.id).getByTestId('countdown')).toBeVisible();
        const checked = await ui.expectNoClippedCountdown(table, `the workers table at ${name}`);
        expect(checked, 'countdowns shown in the workers table').toBeGreaterThanOrEqual(1);
        await ui.expectNoClippedCountdown(ui.panel(), `the token panel at ${name}`);
        await ui.expectColumnReachable(table, 'Token');
        await ui.expectColumnReachable(table, 'Status');
        // At every size, down to the minimum, the table fits: nothing needs scrolling sideways.
        expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        await expect(consolePage.getByTestId('status-bar')).toBeInViewport({ ratio: 1 });
        expect(await ui.panelPlacement(), `the panel at ${name}`).toBe(
          size.width < stackBelowWidth ? 'below' : 'beside',
        );
        await consolePage.getByTestId('workers-scroll').evaluate((el) => el.scrollTo(0, 0));
        await ui.screenshot(testInfo, `workers-${name}`, { mask });
        await ui.expectNoSeriousAxeViolations(`Workers at ${name}`);
      });

      await test.step(`Live tokens at ${name}`, async () => {
        await ui.go('live');
        await ui.resize(size);
        const table = consolePage.getByTestId('live-table');
        await expect(table.getByTestId('live-row')).toHaveCount(minted.length);
        const checked = await ui.expectNoClippedCountdown(table, `Live tokens at ${name}`);
        expect(checked, 'countdowns shown in Live tokens').toBe(minted.length);
        await ui.expectColumnReachable(table, 'Time left');
        await ui.expectColumnReachable(table, 'Worker');
        expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        await expect(consolePage.getByTestId('status-bar')).toBeInViewport({ ratio: 1 });
        await ui.screenshot(testInfo, `live-${name}`, { mask });
        await ui.expectNoSeriousAxeViolations(`Live tokens at ${name}`);
      });
    }
  });
}
