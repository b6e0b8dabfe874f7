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
  for (const screen of ['live', 'audit', 'incident', 'connect', 'settings', 'workers'] as const) {
    await ui.tabTo(ui.nav(screen), { back: true });
    await consolePage.keyboard.press('Enter');
    await expect(ui.nav(screen)).toHaveAttribute('aria-current', 'page');
  }
});

test('keyboard only: mint for seven workers, bulk revoke them from Live tokens, and Stop the run', async ({
  consolePage,
}, testInfo) => {
  test.setTimeout(120_000);
  const ui = await ConsolePage.opened(consolePage);
  const keys = consolePage.keyboard;
  const dialog = consolePage.getByRole('dialog');
  // Worker tokens are for EOR workers: the "EOR only" preset, by keyboard.
  const eorOnly = consolePage.getByRole('button', { name: 'EOR only' });
  await ui.tabTo(eorOnly);
  await keys.press('Enter');
  await expect(eorOnly).toHaveAttribute('aria-pressed', 'true');
  await ui.listSettled();
  // More than the bulk job's 4 parallel lanes: at 0.5 requests a second the last ones are
  // still waiting for a lane seconds after the start, when Stop comes.
  const workers = [];
  for (let i = 0; i < 7; i++) workers.push(await ui.workerAt(i));
  for (const worker of workers) {
    await ui.focusRowByKeyboard(worker.id);
    await keys.press('Enter');
    await expect(ui.panel().getByRole('heading', { name: worker.name })).toBeVisible();
    await ui.tabTo(ui.action('Mint token'));
    await keys.press('Enter');
    await expect(dialog.getByLabel("The worker's consent was obtained.")).toBeFocused();
    await keys.press('Space');
    await ui.tabTo(dialog.getByRole('button', { name: 'Mint token' }));
    await keys.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(ui.tokenState(worker.id)).toHaveAttribute('data-state', 'live');
  }

  // Slow the console's own pace (Settings, 0.5 requests per second) so Stop lands mid-run.
  await ui.tabTo(ui.nav('settings'), { back: true });
  await keys.press('Enter');
  await ui.tabTo(consolePage.getByTestId('setting-rps'));
  await keys.press('ControlOrMeta+a');
  await keys.type('0.5');
  await ui.tabTo(consolePage.getByRole('button', { name: 'Save settings' }));
  await keys.press('Enter');
  await expect(consolePage.getByText('Saved.')).toBeVisible();

  await ui.tabTo(ui.nav('live'), { back: true });
  await keys.press('Enter');
  await expect(consolePage.getByTestId('live-row')).toHaveCount(7);
  await ui.tabTo(consolePage.getByTestId('select-all'));
  await keys.press('Space');
  const revokeSelected = consolePage.getByTestId('bulk-revoke');
  await expect(revokeSelected).toHaveText('Revoke selected (7)');
  await ui.tabTo(revokeSelected, { back: true });
  await keys.press('Enter');
  await expect(dialog.getByTestId('bulk-confirm-item')).toHaveCount(7);
  await ui.tabTo(dialog.getByRole('button', { name: 'Revoke 7' }));
  await keys.press('Enter');
  const stop = consolePage.getByTestId('bulk-cancel');
  await ui.tabTo(stop);
  await expect(stop).toHaveText('Stop');
  await keys.press('Enter');
  const summary = consolePage.getByTestId('bulk-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  const notSent = Number(/(\d+) not sent/.exec(await summary.innerText())?.[1]);
  expect(notSent).toBeGreaterThan(0);
  await expect(
    consolePage.getByTestId('bulk-result').filter({ hasText: 'Not sent (cancelled)' }),
  ).toHaveCount(notSent);
  // What Stop left unsent is still listed, still revocable.
  await expect(consolePage.getByTestId('live-row')).toHaveCount(notSent);
  await ui.screenshot(testInfo, 'keyboard-bulk-stopped');
});
