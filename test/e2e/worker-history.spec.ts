import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

// Per-worker history (issue 17.5): the worker panel lists the tokens this console minted for
// the worker, newest first, each with its state, times (in the Settings zone) and operator.

const UTC_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/.source;

test('17.5 the worker panel lists each token with its state, times and operator', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.go('settings');
  await consolePage.getByTestId('setting-operator-name').fill('Jane Ops');
  await consolePage.getByTestId('setting-time-zone-utc').check();
  await consolePage.getByRole('button', { name: 'Save settings' }).click();
  await expect(consolePage.getByText('Saved.')).toBeVisible();

  await ui.go('workers');
  await ui.pickEorWorker(0);
  const history = ui.panel().getByTestId('token-history');
  const rows = history.getByTestId('token-history-row');
  await expect(history.getByTestId('token-history-empty')).toBeVisible();

  const dialog = await ui.openMintDialog();
  await ui.giveConsent();
  await dialog.getByTestId('mint-reason').fill('INC-5 onboarding');
  await ui.submitMint();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-state', 'live');

  await ui.action('Revoke').click();
  await ui.dialog().getByTestId('revoke-reason').fill('INC-5 closed');
  await ui.dialog().getByRole('button', { name: 'Revoke token' }).click();
  await expect(ui.panel().getByTestId('revoke-note')).toBeVisible();
  await expect(rows.first()).toHaveAttribute('data-state', 'revoked');

  await ui.mint();
  // Newest first: the second token is live, the first was revoked.
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-state', 'live');
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'revoked');
  await expect(history.getByTestId('token-history-empty')).toHaveCount(0);

  const operator = /Jane Ops \(\S+\)/.source;
  await expect(rows.nth(0)).toContainText(new RegExp(`Live.*Minted ${UTC_TIME} by ${operator}`));
  await expect(rows.nth(0)).toContainText(new RegExp(`Live until ${UTC_TIME}\\.`));
  await expect(rows.nth(1)).toContainText(
    new RegExp(`Revoked.*Minted ${UTC_TIME} by ${operator}.*Reason: INC-5 onboarding`),
  );
  await expect(rows.nth(1)).toContainText(
    new RegExp(`Revoked at ${UTC_TIME} by ${operator} from the worker panel\\.`),
  );
  await expect(rows.nth(1)).toContainText('Revoke reason: INC-5 closed');
  await ui.screenshot(testInfo, 'worker-token-history');
  await ui.expectNoSeriousAxeViolations('worker panel with its token history');
  await ui.expectNoTokenAnywhere();

  // Another worker, whom the audit log never mentions: none.
  await ui.pickWorker(1);
  await expect(history.getByTestId('token-history-empty')).toBeVisible();
  await expect(rows).toHaveCount(0);
});
