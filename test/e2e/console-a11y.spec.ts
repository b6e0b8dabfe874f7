import { expect, test } from './fixtures';
import { ConsolePage, type ScreenName } from './support/console-page';

const screens: ScreenName[] = ['workers', 'live', 'audit', 'incident', 'connect', 'settings'];

test('every screen: a screenshot and no serious or critical axe violation', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  // Give the screens something to show: one live token.
  const worker = await ui.pickWorker(0);
  await ui.mint();

  for (const screen of screens) {
    await ui.go(screen);
    await expect(consolePage.locator('main h2').first()).toBeVisible();
    if (screen === 'audit')
      await expect(consolePage.getByTestId('audit-row').first()).toBeVisible();
    await ui.screenshot(testInfo, `screen-${screen}`);
    await ui.expectNoSeriousAxeViolations(screen);
  }

  // The dialogs too.
  await ui.go('workers');
  await ui.select(worker.id);
  await ui.openMintDialog('Replace token');
  await ui.screenshot(testInfo, 'dialog-mint');
  await ui.expectNoSeriousAxeViolations('mint dialog');
  await consolePage.keyboard.press('Escape');
});

test('dark theme follows the OS: every screen, a screenshot and no serious axe violation', async ({
  consolePage,
}, testInfo) => {
  await consolePage.emulateMedia({ colorScheme: 'dark' });
  const ui = await ConsolePage.opened(consolePage);
  const background = await consolePage.evaluate(
    () => getComputedStyle(document.documentElement).backgroundColor,
  );
  expect(background).toBe('rgb(18, 18, 21)');
  const worker = await ui.pickWorker(0);
  await ui.mint();

  for (const screen of screens) {
    await ui.go(screen);
    await expect(consolePage.locator('main h2').first()).toBeVisible();
    if (screen === 'audit')
      await expect(consolePage.getByTestId('audit-row').first()).toBeVisible();
    await ui.screenshot(testInfo, `screen-${screen}-dark`);
    await ui.expectNoSeriousAxeViolations(`${screen} (dark)`);
  }

  await ui.go('workers');
  await ui.select(worker.id);
  await ui.openMintDialog('Replace token');
  await ui.screenshot(testInfo, 'dialog-mint-dark');
  await ui.expectNoSeriousAxeViolations('mint dialog (dark)');
  await consolePage.keyboard.press('Escape');
});
