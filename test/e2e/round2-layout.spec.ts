import { minWindowSize, stackBelowWidth } from '../../src-shared/layout';
import { expect, test } from './fixtures';
import { LayoutPage } from './support/layout-page';

test.describe('16.5 every window size', () => {
  test('16.5 below the breakpoint the token panel stacks under the workers table, at it the panel sits beside', async ({
    consolePage,
  }) => {
    const ui = await LayoutPage.opened(consolePage);
    const worker = await ui.pickWorker(0);
    await ui.resize({ width: stackBelowWidth - 1, height: 800 });
    expect(await ui.panelPlacement()).toBe('below');
    // Stacked, the table keeps the full width and the panel is reached by scrolling the screen.
    const table = await consolePage.getByTestId('workers-table').boundingBox();
    const panel = await ui.panel().boundingBox();
    expect(Math.abs(table!.width - panel!.width)).toBeLessThan(1);
    await ui.panel().scrollIntoViewIfNeeded();
    await expect(ui.panel().getByRole('heading', { name: worker.name })).toBeInViewport();

    await ui.resize({ width: stackBelowWidth, height: 800 });
    expect(await ui.panelPlacement()).toBe('beside');
  });

  test('16.5 zoomed in at the minimum window size, the tables scroll sideways: Token, Status and every countdown stay whole and reachable', async ({
    consolePage,
  }) => {
    const ui = await LayoutPage.opened(consolePage);
    const [worker] = await ui.mintFor(1);
    // The 800x600 minimum window at 125% zoom (Ctrl+=) is 640x480 CSS pixels.
    await ui.resize({
      width: Math.round(minWindowSize.width / 1.25),
      height: Math.round(minWindowSize.height / 1.25),
    });
    const table = consolePage.getByTestId('workers-table');
    const sideways = await table.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(sideways, 'the workers table scrolls sideways instead of cutting columns').toBe(true);
    await ui.expectColumnReachable(table, 'Status');
    await ui.expectColumnReachable(table, 'Token');
    const countdown = ui.tokenState(worker!.id).getByTestId('countdown');
    await expect(countdown).toBeInViewport({ ratio: 1 });
    await ui.expectNoClippedCountdown(table, 'the workers table at 640x480');
    // Header and rows scroll together: the Token header stays above the token cells.
    const header = await table.getByRole('columnheader', { name: 'Token' }).boundingBox();
    const cell = await ui.tokenState(worker!.id).boundingBox();
    expect(Math.abs(header!.x + 10 - cell!.x)).toBeLessThan(2);

    await ui.go('live');
    const live = consolePage.getByTestId('live-table');
    await ui.expectColumnReachable(live, 'Time left');
    await expect(live.getByTestId('countdown')).toBeInViewport({ ratio: 1 });
    await ui.expectNoClippedCountdown(live, 'Live tokens at 640x480');
  });
});
