import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AuditPage } from './support/audit-page';
import { minWindowSize } from '../../src-shared/layout';
import { ConsolePage } from './support/console-page';
import { LayoutPage } from './support/layout-page';
import { startSharedHost } from './support/shared-host';

// Org-token rotation (issue 17.4): the guided Rotate dialog swaps the organization token for a
// new one of the same organization, refuses one of another organization with main's own
// words (nothing changes), and the header reminds once the token is as old as Settings says.

const DAY_MS = 24 * 60 * 60 * 1000;
const hintOf = (token: string) => `…${token.slice(-4)}`;

/** Opens the Rotate dialog from the Connect screen, pastes `token` and asks for the check. */
async function rotateFromConnect(ui: ConsolePage, token: string) {
  await ui.go('connect');
  await ui.page.getByTestId('connect-rotate').click();
  return pasteAndCheck(ui.page, token);
}

async function pasteAndCheck(page: Page, token: string) {
  const dialog = page.getByTestId('rotate-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('New organization token').fill(token);
  await dialog.getByTestId('rotate-submit').click();
  return dialog;
}

test('rotate to a new token of the same organization: swapped, the old one named for deletion in Deel, audited, and the new one works', async ({
  consolePage,
  deel,
  otherDeel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  const oldHint = hintOf(deel.tokens.admin);
  await ui.go('connect');
  await expect(consolePage.getByTestId('current-connection')).toContainText(oldHint);

  // Another organization's token at this host: Deel (here, the simulator) does not know it.
  const unknown = await rotateFromConnect(ui, otherDeel.tokens.admin);
  await expect(unknown.getByTestId('rotate-error')).toContainText('Not rotated.');
  await expect(unknown.getByTestId('rotate-error')).toContainText('rejected');
  await expect(unknown.getByLabel('New organization token')).toHaveValue('');
  await unknown.getByRole('button', { name: 'Cancel' }).click();
  await expect(unknown).toBeHidden();
  await expect(consolePage.getByTestId('nav-connect')).toHaveAttribute('aria-current', 'page');
  await expect(consolePage.getByTestId('current-connection')).toContainText(oldHint);

  const newToken = deel.issueAdminToken();
  const dialog = await rotateFromConnect(ui, newToken);
  await expect(dialog.getByTestId('rotate-done')).toContainText(
    `Rotated: the console now uses the new token ${hintOf(newToken)} for ${deel.orgName}.`,
  );
  const deleteOld = dialog.getByTestId('rotate-delete-old');
  await expect(deleteOld).toContainText(`the old token (${oldHint})`);
  await expect(deleteOld).toContainText(
    "Deel's Developer Center (Settings > Developer Center > Tokens)",
  );
  await expect(dialog.locator('li[aria-current="step"]')).toHaveText(
    'Swapped: delete the old token',
  );
  await ui.screenshot(testInfo, 'rotation-done');
  await ui.expectNoSeriousAxeViolations('rotation done');
  await dialog.getByTestId('rotate-close').click();
  await expect(dialog).toBeHidden();
  await expect(consolePage.getByTestId('current-connection')).toContainText(hintOf(newToken));
  await expect(consolePage.getByTestId('header-org')).toHaveText(deel.orgName);

  const audit = new AuditPage(ui);
  await audit.open();
  const rotated = consolePage.locator(
    '[data-testid="audit-row"][data-action="token-rotated"][data-outcome="success"]',
  );
  await expect(rotated).toHaveCount(1);
  await expect(rotated.getByTestId('audit-detail')).toContainText('delete the old token');
  // The refused paste was an attempt at a rotation too.
  await expect(
    consolePage.locator(
      '[data-testid="audit-row"][data-action="token-rotated"][data-outcome="failure"]',
    ),
  ).toHaveCount(1);

  // The console now calls Deel with the new token, which has the admin:worker scope.
  await ui.go('workers');
  await ui.pickEorWorker();
  await ui.mint();
  await ui.expectNoTokenAnywhere();
});

test('rotate to a token of another organization on the same host: refused in main’s words, nothing changes', async ({
  consolePage,
  deel,
  otherDeel,
}) => {
  const host = await startSharedHost(deel, otherDeel);
  try {
    const ui = await ConsolePage.opened(consolePage);
    await ui.connectTo({ url: host.url, orgName: deel.orgName, tokens: deel.tokens });
    await ui.go('connect');
    const before = await consolePage.getByTestId('current-connection').innerText();
    expect(before).toContain(hintOf(deel.tokens.admin));

    const dialog = await rotateFromConnect(ui, otherDeel.tokens.admin);
    const refusal = dialog.getByTestId('rotate-error');
    await expect(refusal).toHaveAttribute('data-kind', 'not-allowed');
    await expect(refusal).toContainText(
      `Nothing was changed: the new token belongs to ${otherDeel.orgName}`,
    );
    await expect(refusal).toContainText(`not to ${deel.orgName}`);
    await expect(refusal).toContainText('to switch organization, use Replace token');
    // Still at step 1, the field emptied: nothing was swapped.
    await expect(dialog.locator('li[aria-current="step"]')).toHaveText('Paste the new token');
    await expect(dialog.getByLabel('New organization token')).toHaveValue('');
    await expect(dialog.getByTestId('rotate-done')).toHaveCount(0);
    await ui.expectNoSeriousAxeViolations('rotation refused');
    await consolePage.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await expect(consolePage.getByTestId('current-connection')).toHaveText(before);
    await expect(consolePage.getByTestId('header-org')).toHaveText(deel.orgName);
    await ui.go('settings');
    await expect(consolePage.getByTestId('connection-facts')).toContainText(host.url);
    await ui.go('workers');
    await expect(consolePage.getByTestId('org-name')).toHaveText(deel.orgName);

    const audit = new AuditPage(ui);
    await audit.open();
    await expect(
      consolePage.locator('[data-testid="audit-row"][data-action="token-rotated"]'),
    ).toHaveCount(1);
    await expect(
      consolePage.locator(
        '[data-testid="audit-row"][data-action="token-rotated"][data-outcome="failure"]',
      ),
    ).toHaveCount(1);
    await ui.expectNoTokenAnywhere();
  } finally {
    await host.close();
  }
});

test('the header reminds to rotate once the token is older than Settings says, and a rotation clears it', async ({
  consolePage,
  deel,
  relaunch,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.go('settings');
  await expect(consolePage.getByTestId('token-age')).toHaveText('Entered today');
  await expect(consolePage.getByTestId('rotation-state')).toHaveText(
    'Not due: the reminder comes in 90 days (at 90 days).',
  );
  await consolePage.getByTestId('setting-rotation-days').fill('7');
  await consolePage.getByRole('button', { name: 'Save settings' }).click();
  await expect(consolePage.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();
  await expect(consolePage.getByTestId('rotation-state')).toHaveText(
    'Not due: the reminder comes in 7 days (at 7 days).',
  );
  await expect(consolePage.getByTestId('rotation-reminder')).toHaveCount(0);

  // Ten days pass: the vault's record of when the token was entered (`savedAt`, plain metadata
  // beside the sealed token) is moved back while the console is down.
  const tenDaysAgo = new Date(Date.now() - 10 * DAY_MS - 60_000).toISOString();
  const restarted = await relaunch(async (userDataDir) => {
    const path = join(userDataDir, 'config.json');
    const config = JSON.parse(await readFile(path, 'utf8')) as { vault: { savedAt: string } };
    config.vault.savedAt = tenDaysAgo;
    await writeFile(path, JSON.stringify(config, null, 2));
  });
  const after = await ConsolePage.opened(restarted.page);
  const page = restarted.page;
  await expect(page.getByTestId('header-org')).toHaveText(deel.orgName);
  const reminder = page.getByTestId('rotation-reminder');
  await expect(reminder).toHaveText('Org token is 10 days old: rotate');
  await expect(reminder).toHaveRole('button');
  await after.go('settings');
  await expect(page.getByTestId('token-age')).toHaveText('Entered 10 days ago');
  await expect(page.getByTestId('rotation-state')).toHaveText(
    'Rotation due: the reminder is set at 7 days.',
  );
  await after.screenshot(testInfo, 'rotation-reminder');
  await after.expectNoSeriousAxeViolations('rotation reminder');
  // At the smallest window the reminder stays whole in the header, next to the organization.
  await new LayoutPage(page).resize(minWindowSize);
  await expect(reminder).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    minWindowSize.width,
  );
  await after.screenshot(testInfo, 'rotation-reminder-800x600');

  await reminder.click();
  const dialog = await pasteAndCheck(page, deel.issueAdminToken());
  await expect(dialog.getByTestId('rotate-done')).toBeVisible();
  await dialog.getByTestId('rotate-close').click();
  await expect(reminder).toHaveCount(0);
  await expect(page.getByTestId('token-age')).toHaveText('Entered today');
});
