import { startSimulator } from '../../src-main/simulator';
import { minWindowSize } from '../../src-shared/layout';
import { expect, test } from './fixtures';
import { LayoutPage } from './support/layout-page';
import { liveOnDeel } from './support/live-page';
import { ProfilesPage } from './support/profiles-page';

/** The page is no wider than the window: nothing in the header pushes it sideways. */
async function expectNoSidewaysScroll(ui: ProfilesPage, label: string): Promise<void> {
  const widths = await ui.page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
  }));
  expect(widths.page, `${label}: page width within the window`).toBeLessThanOrEqual(widths.window);
}

test('17.1 two profiles: demo and a second simulator, switched in one step, and the live tokens of both in the All profiles view', async ({
  consolePage,
  deel,
}, testInfo) => {
  test.setTimeout(180_000);
  const ui = await ProfilesPage.opened(consolePage);
  // The console starts on the built-in Demo profile.
  await expect(ui.headerProfile()).toHaveText('Demo');
  await expect(consolePage.getByTestId('env-badge')).toHaveText('Demo (simulated)');
  const demoWorker = await ui.mintFirstEor();

  // A second profile: the `deel` simulator, saved under a name of the operator's choosing.
  await ui.connectAsProfile(deel, 'Acme live');
  await expect(consolePage.getByTestId('env-badge')).toHaveText('Custom URL');
  await expect(ui.switcher()).toHaveAccessibleName('Profile: Acme live');
  const acmeWorker = await ui.mintFirstEor();
  expect((await liveOnDeel(deel.origin)).has(acmeWorker.id)).toBe(true);
  await ui.screenshot(testInfo, '17.1-header-acme');

  // Back to Demo in one step from the header: no token is asked for, the screen stays.
  await ui.switcher().click();
  await expect(ui.option('Demo')).toBeVisible();
  await expect(ui.option('Acme live')).toContainText(deel.orgName);
  await expect(ui.option('Acme live')).toHaveAttribute('aria-current', 'true');
  await ui.screenshot(testInfo, '17.1-switcher-open');
  await ui.expectNoSeriousAxeViolations('the profile switcher, open');
  await consolePage.keyboard.press('Escape');
  await expect(ui.switcher()).toBeFocused();
  await ui.switchTo('Demo');
  await expect(consolePage.getByTestId('env-badge')).toHaveText('Demo (simulated)');
  await expect(consolePage.getByTestId('header-org')).not.toHaveText(deel.orgName);
  await expect(ui.nav('workers')).toHaveAttribute('aria-current', 'page');
  await expect(consolePage.getByTestId('connect-token')).toHaveCount(0);
  await ui.listSettled();
  await ui.find(demoWorker.name, demoWorker.id);
  await expect(ui.tokenState(demoWorker.id)).toHaveAttribute('data-state', 'live');

  // Live tokens, All profiles: both tokens, each with its profile, state and countdown.
  await ui.openAllProfiles();
  await expect(consolePage.getByTestId('all-tokens-row')).toHaveCount(2);
  const demoRow = ui.allRow(demoWorker.id);
  const acmeRow = ui.allRow(acmeWorker.id);
  await expect(demoRow.getByTestId('all-tokens-profile')).toContainText('Demo');
  await expect(demoRow.getByTestId('all-tokens-profile')).toContainText('(in use)');
  await expect(acmeRow.getByTestId('all-tokens-profile')).toHaveText('Acme live');
  await expect(acmeRow).toContainText(deel.orgName);
  for (const row of [demoRow, acmeRow]) {
    await expect(row.getByTestId('all-tokens-state')).toHaveText('Live');
    await expect(row.getByTestId('countdown')).toHaveText(/^\d\d:\d\d:\d\d$/);
  }
  // Only the other profile's row offers a switch.
  await expect(demoRow.getByTestId('all-tokens-switch')).toHaveCount(0);
  await expect(acmeRow.getByTestId('all-tokens-switch')).toHaveText('Switch to Acme live');
  await ui.screenshot(testInfo, '17.1-all-profiles');
  await ui.expectNoSeriousAxeViolations('Live tokens, All profiles');
  await consolePage.emulateMedia({ colorScheme: 'dark' });
  await ui.expectNoSeriousAxeViolations('Live tokens, All profiles (dark)');
  await ui.switcher().click();
  await ui.expectNoSeriousAxeViolations('the profile switcher, open (dark)');
  await ui.screenshot(testInfo, '17.1-switcher-open-dark');
  await consolePage.keyboard.press('Escape');
  await consolePage.emulateMedia({ colorScheme: 'light' });

  // From the All profiles row to Acme live, again without the token.
  await acmeRow.getByTestId('all-tokens-switch').click();
  await expect(ui.headerProfile()).toHaveText('Acme live');
  await expect(consolePage.getByTestId('header-org')).toHaveText(deel.orgName);
  await expect(acmeRow.getByTestId('all-tokens-profile')).toContainText('(in use)');
  await expect(acmeRow.getByTestId('all-tokens-switch')).toHaveCount(0);
  await expect(demoRow.getByTestId('all-tokens-switch')).toHaveText('Switch to Demo');
  await consolePage.getByTestId('live-scope-profile').click();
  await expect(consolePage.getByTestId('live-row')).toHaveCount(1);
  await expect(
    consolePage.locator(`[data-testid="live-row"][data-worker-id="${acmeWorker.id}"]`),
  ).toBeVisible();

  const layout = new LayoutPage(consolePage);
  // The header fits the smallest window and the 640x480 of 125% zoom.
  for (const size of [
    minWindowSize,
    {
      width: Math.round(minWindowSize.width / 1.25),
      height: Math.round(minWindowSize.height / 1.25),
    },
  ]) {
    await consolePage.setViewportSize(size);
    await expect(ui.switcher()).toBeInViewport({ ratio: 1 });
    await expect(consolePage.getByTestId('header-org')).toBeInViewport({ ratio: 1 });
    await expect(consolePage.getByTestId('env-badge')).toBeInViewport({ ratio: 1 });
    await expectNoSidewaysScroll(ui, `${size.width}x${size.height}`);
    await ui.screenshot(testInfo, `17.1-header-${size.width}x${size.height}`);
    // All profiles at this size: the countdowns whole, the switch reachable.
    await consolePage.getByTestId('live-scope-all').click();
    const table = consolePage.getByTestId('all-tokens-table');
    await layout.expectNoClippedCountdown(table, `All profiles at ${size.width}x${size.height}`);
    const switchBack = demoRow.getByTestId('all-tokens-switch');
    await switchBack.scrollIntoViewIfNeeded();
    await expect(switchBack).toBeInViewport({ ratio: 1 });
    await ui.screenshot(testInfo, `17.1-all-profiles-${size.width}x${size.height}`);
    await consolePage.getByTestId('live-scope-profile').click();
  }
});

test("17.1 replacing a profile's token with another organization's asks first; Cancel keeps the profile, Replace anyway takes the new one", async ({
  consolePage,
  deel,
}, testInfo) => {
  test.setTimeout(180_000);
  const other = await startSimulator({
    workers: 30,
    seed: 7,
    orgName: 'Globex Other Org (simulated)',
  });
  try {
    const ui = await ProfilesPage.opened(consolePage);
    await ui.connectAsProfile(deel, 'Acme live');

    // With a saved profile active, Connect offers both; "Replace" is the one chosen.
    await ui.go('connect');
    await expect(consolePage.getByTestId('connect-save-replace')).toBeChecked();
    await ui.submitConnect(other, { save: 'replace' });
    const dialog = consolePage.getByTestId('organization-change-dialog');
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByTestId('organization-change-question')).toHaveText(
      'The new token belongs to Globex Other Org (simulated), not Acme Live Co. (simulated). Replace anyway?',
    );
    await ui.screenshot(testInfo, '17.1-organization-change');
    await ui.expectNoSeriousAxeViolations('the organization change question');

    // Cancel: nothing changed, and the typed token is gone from the field.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(consolePage.getByTestId('header-org')).toHaveText(deel.orgName);
    await expect(ui.headerProfile()).toHaveText('Acme live');
    await expect(consolePage.getByTestId('connect-token')).toHaveValue('');

    // Again, and Replace anyway: the same profile now works with the other organization.
    await ui.submitConnect(other, { save: 'replace' });
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await dialog.getByTestId('organization-change-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(consolePage.getByTestId('connect-ok')).toContainText(other.orgName);
    await expect(consolePage.getByTestId('header-org')).toHaveText(other.orgName);
    await expect(ui.headerProfile()).toHaveText('Acme live');
    await ui.expectNoTokenAnywhere();
  } finally {
    await other.close();
  }
});

test('17.1 Settings → Profiles: rename, a per-profile "Require a reason", and a removal main refuses in its own words', async ({
  consolePage,
  deel,
}, testInfo) => {
  test.setTimeout(120_000);
  const ui = await ProfilesPage.opened(consolePage);
  await ui.connectAsProfile(deel, 'Acme live');
  const acmeWorker = await ui.mintFirstEor();
  await ui.switchTo('Demo');

  await ui.go('settings');
  const section = consolePage.getByTestId('profiles-section');
  const acme = section.getByTestId('profile-item').filter({ hasText: deel.orgName });
  const demo = section.locator('[data-testid="profile-item"][data-profile-id="demo"]');
  await expect(acme.getByTestId('profile-item-name')).toHaveText('Acme live');
  // Demo is built in: no rename, no remove, no setting of its own.
  await expect(demo.getByTestId('profile-rename-input')).toHaveCount(0);
  await expect(demo.getByTestId('profile-remove')).toHaveCount(0);
  await expect(demo.getByTestId('profile-require-reason')).toHaveCount(0);

  // Rename: the switcher lists the new name.
  await acme.getByTestId('profile-rename-input').fill('Acme EU');
  await acme.getByTestId('profile-rename').click();
  await expect(acme.getByTestId('profile-item-name')).toHaveText('Acme EU');
  await ui.switcher().click();
  await expect(ui.option('Acme EU')).toBeVisible();
  await consolePage.keyboard.press('Escape');

  // Require a reason in this profile: kept by main (still ticked after leaving the screen).
  await acme.getByTestId('profile-require-reason').check();
  await expect(acme.getByTestId('profile-require-reason')).toBeChecked();
  await ui.go('workers');
  await ui.go('settings');
  await expect(acme.getByTestId('profile-require-reason')).toBeChecked();

  // Remove: refused while Deel may hold a token of the profile; main's words are shown.
  await acme.getByTestId('profile-remove').click();
  await consolePage.getByTestId('remove-profile-confirm').click();
  const refusal = acme.getByTestId('error-note');
  await expect(refusal).toHaveAttribute('data-kind', 'not-allowed');
  await expect(acme.getByTestId('profile-item-name')).toHaveText('Acme EU');
  await ui.screenshot(testInfo, '17.1-settings-profiles');
  await ui.expectNoSeriousAxeViolations('Settings with the profiles');
  expect((await liveOnDeel(deel.origin)).has(acmeWorker.id)).toBe(true);
});
