import { expect, test } from './fixtures';
import { ConsolePage, WORKER_TOKEN_PATTERN } from './support/console-page';

test('find a worker, mint with consent, reveal, copy, verify, revoke; the audit log shows it', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await expect(consolePage.getByTestId('env-badge')).toHaveText('Demo (simulated)');
  const worker = await ui.workerAt(3);

  // Find: server-side search narrows the table to the worker.
  await ui.find(worker.name, worker.id);
  await ui.select(worker.id);
  await expect(ui.tokenState(worker.id)).toHaveAttribute('data-state', 'none');

  // Mint: the dialog will not mint without consent.
  const dialog = await ui.openMintDialog('Mint token');
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await ui.submitMint();
  await expect(dialog.getByTestId('error-note')).toContainText('consent');
  await ui.giveConsent();
  await ui.submitMint();
  await expect(dialog).toBeHidden();

  // Live with a HH:MM:SS countdown just under 24 h, hidden by default.
  const rowState = ui.tokenState(worker.id);
  await expect(rowState).toHaveAttribute('data-state', 'live');
  await expect(rowState.getByTestId('countdown')).toHaveText(/^2[23]:\d\d:\d\d$/);
  await expect(ui.panel().getByTestId('token-value')).toHaveCount(0);
  await ui.expectNoTokenAnywhere();
  // Deel's request id for the mint is shown with it, and lands in the audit log (checked below).
  const mintRequestId = (
    await ui.panel().getByTestId('mint-request-id').locator('code').innerText()
  ).trim();
  expect(mintRequestId).toMatch(/^[0-9a-f-]{36}$/);

  // Reveal once, with a visible timer; then it is gone from the DOM.
  await ui.action('Reveal').click();
  const value = ui.panel().getByTestId('token-value');
  await expect(value).toHaveText(WORKER_TOKEN_PATTERN);
  const token = (await value.innerText()).trim();
  await expect(ui.panel().getByTestId('revealed-token').getByTestId('countdown')).toHaveText(
    /^00:00:[0-3]\d$/,
  );
  // The revealed value is masked: no screenshot may carry a minted token.
  await ui.screenshot(testInfo, 'workers-revealed', { mask: [value] });
  await ui.panel().getByRole('button', { name: 'Hide now' }).click();
  await expect(value).toHaveCount(0);
  await expect(ui.action('Revealed once')).toHaveAttribute('aria-disabled', 'true');
  await ui.expectNoTokenAnywhere(token);

  // Copy goes through main, which clears the clipboard later.
  await ui.action('Copy').click();
  await expect(ui.panel().getByTestId('copy-note')).toContainText('clipboard clears at');

  // Verify shows whom the token authenticates.
  await ui.action('Verify').click();
  await expect(ui.panel().getByTestId('verify-note')).toContainText(worker.name.split(' ')[0]!);

  // Revoke, confirmed; a second revoke is "no live token on Deel", not an error.
  await ui.revoke();
  await expect(ui.panel().getByTestId('revoke-note')).toHaveText(/Revoked on Deel/);
  await expect(rowState).toHaveAttribute('data-state', 'revoked');
  await ui.revoke();
  await expect(ui.panel().getByTestId('revoke-note')).toHaveText(/No live token on Deel/);
  await expect(ui.panel().getByTestId('error-note')).toHaveCount(0);

  // The audit log has every action for this worker, and its chain verifies.
  await ui.go('audit');
  await expect(consolePage.getByTestId('chain-status')).toContainText('verified');
  const rows = consolePage.getByTestId('audit-row').filter({ hasText: worker.name });
  for (const action of ['mint', 'verify', 'revoke']) {
    await expect(rows.and(consolePage.locator(`[data-action="${action}"]`)).first()).toBeVisible();
  }
  await consolePage.getByTestId('audit-action').selectOption('mint');
  await expect(consolePage.getByTestId('audit-row').first()).toHaveAttribute('data-action', 'mint');
  await expect(
    consolePage.getByTestId('audit-row').filter({ hasText: worker.name }).first(),
  ).toContainText(mintRequestId);
  await expect(
    consolePage.locator('[data-testid="audit-row"]:not([data-action="mint"])'),
  ).toHaveCount(0);
  await ui.screenshot(testInfo, 'audit-after-flow');
  await ui.expectNoTokenAnywhere(token);
});

test('re-minting warns that the live token will be superseded', async ({ consolePage }) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.pickWorker(1);
  await ui.mint();
  await ui.openMintDialog('Replace token');
  await expect(consolePage.getByTestId('supersede-warning')).toBeVisible();
  await consolePage.keyboard.press('Escape');
  await expect(consolePage.getByRole('dialog')).toBeHidden();
});

test('live tokens: sorted by expiry, select all, bulk revoke with progress and a result per row', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const workers = [await ui.workerAt(0), await ui.workerAt(1), await ui.workerAt(2)];
  for (const worker of workers) {
    await ui.select(worker.id);
    await ui.mint();
  }
  await ui.go('live');
  const liveRows = consolePage.getByTestId('live-row');
  await expect(liveRows).toHaveCount(3);
  // Minted one after the other: the first minted expires first.
  await expect(liveRows.first()).toHaveAttribute('data-worker-id', workers[0]!.id);
  await ui.screenshot(testInfo, 'live-tokens');

  await consolePage.getByTestId('select-all').check();
  await expect(consolePage.getByTestId('bulk-revoke')).toHaveText('Revoke selected (3)');
  await consolePage.getByTestId('bulk-revoke').click();
  await consolePage.getByRole('dialog').getByRole('button', { name: 'Revoke 3' }).click();
  await expect(consolePage.getByTestId('bulk-count')).toHaveText('3 of 3 done');
  const results = consolePage.getByTestId('bulk-result');
  await expect(results).toHaveCount(3);
  for (const worker of workers) {
    await expect(results.filter({ hasText: worker.name })).toContainText('Revoked');
  }
  await expect(consolePage.getByTestId('no-live-tokens')).toBeVisible();
  await ui.screenshot(testInfo, 'live-tokens-bulk-done');

  await ui.go('audit');
  // Each revoke is written down (intent) before it is sent, then its outcome: 3 + 3 lines.
  const bulkRows = consolePage.locator('[data-testid="audit-row"][data-action="bulk-revoke"]');
  await expect(bulkRows).toHaveCount(6);
  await expect(bulkRows.and(consolePage.locator('[data-outcome="intent"]'))).toHaveCount(3);
  await ui.expectNoTokenAnywhere();
});

test('a revealed token leaves the page when its timer runs out; no token is stored anywhere', async ({
  consolePage,
}) => {
  test.setTimeout(90_000);
  const ui = await ConsolePage.opened(consolePage);
  await ui.pickWorker(0);
  await ui.mint();
  await ui.action('Reveal').click();
  const value = ui.panel().getByTestId('token-value');
  await expect(value).toHaveText(WORKER_TOKEN_PATTERN);
  const token = (await value.innerText()).trim();
  // While revealed it is in the DOM (deliberately) but in no storage.
  const during = await ui.storageSnapshot();
  expect(during.html).toContain(token);
  for (const where of ['local', 'session', 'indexedDb'] as const) {
    expect(during[where]).not.toContain(token);
  }
  await expect(value).toHaveCount(0, { timeout: 35_000 });
  await ui.expectNoTokenAnywhere(token);
  expect(await consolePage.evaluate(() => location.href)).not.toContain(token);
});
