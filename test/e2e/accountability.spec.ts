import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

// Accountability (issue 17.2): every audit line names its operator (the OS account, plus the
// display name from Settings); mint and revoke keep the reason typed; the consent confirmed is
// evidence; reveal and copy of a worker token are lines of their own.

test('17.2 an audit entry with operator and reason for each action, reveal and copy included', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.go('settings');
  await consolePage.getByTestId('setting-operator-name').fill('Jane Ops');
  await consolePage.getByRole('button', { name: 'Save settings' }).click();
  await expect(consolePage.getByText('Saved.')).toBeVisible();

  await ui.go('workers');
  const worker = await ui.pickEorWorker();
  const dialog = await ui.openMintDialog();
  await ui.giveConsent();
  await dialog.getByTestId('mint-reason').fill('INC-77 onboarding');
  await ui.submitMint();
  await expect(dialog).toBeHidden();
  await ui.action('Reveal').click();
  await ui.panel().getByRole('button', { name: 'Hide now' }).click();
  await ui.action('Copy').click();
  await ui.action('Revoke').click();
  await ui.dialog().getByTestId('revoke-reason').fill('INC-77 closed');
  await ui.dialog().getByRole('button', { name: 'Revoke token' }).click();
  await expect(ui.panel().getByTestId('revoke-note')).toBeVisible();

  await ui.go('audit');
  const rows = consolePage.locator(`[data-testid="audit-row"]:has-text("${worker.name}")`);
  const row = (action: string) =>
    consolePage.locator(`[data-testid="audit-row"][data-action="${action}"]`);
  // mint (intent, success), reveal, copy, revoke (intent, success): each by Jane.
  await expect(rows).toHaveCount(6);
  for (const operator of await rows.getByTestId('audit-operator').allInnerTexts()) {
    expect(operator).toMatch(/^Jane Ops \(\S+\)/);
  }
  await expect(row('mint').getByTestId('audit-reason')).toHaveText([
    'Reason: INC-77 onboarding',
    'Reason: INC-77 onboarding',
  ]);
  await expect(row('mint').getByTestId('audit-consent')).toHaveText(
    "Confirmed: “The worker's consent was obtained.”",
  );
  await expect(row('reveal')).toHaveCount(1);
  await expect(row('copy')).toHaveCount(1);
  await expect(row('revoke').getByTestId('audit-reason')).toHaveText([
    'Reason: INC-77 closed',
    'Reason: INC-77 closed',
  ]);
  await ui.screenshot(testInfo, 'audit-accountability');
  await ui.expectNoSeriousAxeViolations('audit with operators and reasons');
  await ui.expectNoTokenAnywhere();
});

test('17.6 Copy as curl puts a ready GET /people/me call on the clipboard, audited and cleared like Copy', async ({
  consoleApp,
  consolePage,
}) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.pickEorWorker();
  await ui.mint();
  await ui.action('Copy as curl').click();
  await expect(ui.panel().getByTestId('copy-note')).toContainText('Copied.');
  const text = await consoleApp.readClipboard();
  // Checked as booleans: a failed assertion must not print the token into the test output.
  expect(text.startsWith("curl -sS -H 'Authorization: Bearer sim_wkr_")).toBe(true);
  expect(/\/people\/me'$/.test(text)).toBe(true);
  await ui.go('audit');
  const copy = consolePage.locator('[data-testid="audit-row"][data-action="copy"]');
  await expect(copy).toHaveCount(1);
  await expect(copy.getByTestId('audit-detail')).toContainText(
    'copied as a curl call of GET /people/me',
  );
  await ui.expectNoTokenAnywhere();
});
