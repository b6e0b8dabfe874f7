import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

test('keyboard only: find a worker, mint with consent, copy, revoke', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const keys = consolePage.keyboard;
  const worker = await ui.workerAt(2);

  await ui.tabTo(consolePage.getByTestId('worker-search'));
  await keys.type(worker.name);
  await ui.searchSettled(worker.name);
  const row = ui.rowFor(worker.id);
  await expect(row).toBeVisible();
  await ui.focusRowByKeyboard(worker.id);
  await keys.press('Enter');
  await expect(ui.panel().getByRole('heading', { name: worker.name })).toBeVisible();

  // Mint: the dialog takes focus, traps Tab, needs the consent box.
  await ui.tabTo(ui.action('Mint token'));
  await keys.press('Enter');
  const dialog = consolePage.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const consent = dialog.getByLabel("The worker's consent was obtained.");
  await expect(consent).toBeFocused();
  for (let i = 0; i < 6; i++) {
    await keys.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await ui.tabTo(consent);
  await keys.press('Space');
  await expect(consent).toBeChecked();
  await ui.tabTo(dialog.getByRole('button', { name: 'Mint token' }));
  await keys.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('token-state')).toHaveAttribute('data-state', 'live');

  // Copy.
  await ui.tabTo(ui.action('Copy'));
  await keys.press('Enter');
  await expect(ui.panel().getByTestId('copy-note')).toBeVisible();

  // Revoke: Esc cancels the confirmation, Enter confirms it.
  await ui.tabTo(ui.action('Revoke'));
  await keys.press('Enter');
  await expect(dialog).toBeVisible();
  await keys.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(ui.action('Revoke')).toBeFocused();
  await keys.press('Enter');
  await ui.tabTo(dialog.getByRole('button', { name: 'Revoke token' }));
  await keys.press('Enter');
  await expect(ui.panel().getByTestId('revoke-note')).toHaveText(/Revoked on Deel/);
  await expect(row.getByTestId('token-state')).toHaveAttribute('data-state', 'revoked');
  await ui.screenshot(testInfo, 'keyboard-after-revoke');
});

test('keyboard only: every screen is reachable from the navigation', async ({ consolePage }) => {
  const ui = await ConsolePage.opened(consolePage);
  for (const screen of ['live', 'audit', 'connect', 'settings', 'workers'] as const) {
    await ui.tabTo(ui.nav(screen), { back: true });
    await consolePage.keyboard.press('Enter');
    await expect(ui.nav(screen)).toHaveAttribute('aria-current', 'page');
  }
});
