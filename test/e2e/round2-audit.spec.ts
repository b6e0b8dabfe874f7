import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AuditPage } from './support/audit-page';
import { ConsolePage } from './support/console-page';

// Issue 16, the audit log's points (1, 6, 7, 8), through the visible UI only.

const STAMP = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`;
const stamped = (zone: string) => new RegExp(`^${STAMP} ${zone}$`);

test('16.1 every audit row shows the worker’s email next to the name, and the id where space allows', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const audit = new AuditPage(ui);
  const worker = await ui.pickEorWorker();
  const email = await audit.workerEmail(worker.id);
  expect(email).toContain('@');
  await ui.mint();

  await audit.open();
  const rows = audit.rowsFor(worker.id, { action: 'mint' });
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    const cell = row.getByTestId('audit-worker');
    await expect(cell).toContainText(worker.name);
    await expect(cell).toContainText(email);
    await expect(cell.getByText(`id ${worker.id}`)).toBeVisible();
  }
  await ui.screenshot(testInfo, 'audit-worker-1280');
  // Narrower: the id gives way, the name and email stay.
  await consolePage.setViewportSize({ width: 1024, height: 700 });
  const cell = rows.first().getByTestId('audit-worker');
  await expect(cell.getByText(`id ${worker.id}`)).toBeHidden();
  await expect(cell.getByText(email)).toBeVisible();
  await expect(cell.getByText(worker.name)).toBeVisible();
  await ui.screenshot(testInfo, 'audit-worker-1024');
  await ui.expectNoSeriousAxeViolations('audit at 1024x700');
  // The smallest window: the table scrolls in its own (keyboard-reachable) region.
  await consolePage.setViewportSize({ width: 800, height: 600 });
  await expect(cell.getByText(email)).toBeVisible();
  await ui.screenshot(testInfo, 'audit-worker-800');
  await ui.expectNoSeriousAxeViolations('audit at 800x600');
  await consolePage.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot(testInfo, 'audit-worker-800-dark');
  await ui.expectNoSeriousAxeViolations('audit at 800x600 (dark)');
});

test('16.6 organization and environment columns, filtered by organization, worker and date range', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const audit = new AuditPage(ui);
  const demoOrg = (await consolePage.getByTestId('org-name').innerText()).trim();
  const demoWorker = await ui.pickEorWorker();
  const demoEmail = await audit.workerEmail(demoWorker.id);
  await ui.mint();

  await ui.connectTo(deel);
  const liveWorker = await audit.pickEorWorker();
  await ui.mint();

  await audit.open();
  const demoRow = audit.rowsFor(demoWorker.id, { action: 'mint', outcome: 'success' });
  const liveRow = audit.rowsFor(liveWorker.id, { action: 'mint', outcome: 'success' });
  await expect(demoRow.getByTestId('audit-organization')).toHaveText(demoOrg);
  await expect(demoRow.getByTestId('audit-environment')).toHaveText('Demo (simulated)');
  await expect(liveRow.getByTestId('audit-organization')).toHaveText(deel.orgName);
  await expect(liveRow.getByTestId('audit-environment')).toHaveText('Custom URL');
  await expect(consolePage.getByRole('columnheader', { name: 'Organization' })).toBeVisible();
  await expect(consolePage.getByRole('columnheader', { name: 'Environment' })).toBeVisible();

  // Organization: only that organization's lines.
  await audit.filterOrganization(deel.orgName);
  await expect(audit.rowsFor(demoWorker.id)).toHaveCount(0);
  await expect(liveRow).toHaveCount(1);
  for (const cell of await consolePage.getByTestId('audit-organization').all())
    await expect(cell).toHaveText(deel.orgName);

  // Worker, by email (one box for name, email or id), across organizations again.
  await audit.filterOrganization('Any');
  await audit.filterWorker(demoEmail.toUpperCase());
  await audit.expectRows(2);
  await expect(audit.rowsFor(demoWorker.id, { action: 'mint' })).toHaveCount(2);
  await audit.filterWorker(liveWorker.id);
  await audit.expectRows(2);
  await expect(audit.rowsFor(liveWorker.id)).toHaveCount(2);
  await ui.screenshot(testInfo, 'audit-filtered-by-worker');

  // Date range: from tomorrow nothing; today, everything today.
  await audit.clearFilters();
  await audit.filterDays(await audit.localDay(1), await audit.localDay(2));
  await audit.expectRows(0);
  await audit.filterDays(await audit.localDay(0), await audit.localDay(0));
  await expect(liveRow).toHaveCount(1);
  await expect(demoRow).toHaveCount(1);
  await ui.expectNoSeriousAxeViolations('audit, filtered');
});

test('16.6 Export saves what is shown (or all), says where the file went, and Show in folder', async ({
  consoleApp,
  consolePage,
}) => {
  const ui = await ConsolePage.opened(consolePage);
  const audit = new AuditPage(ui);
  const first = await ui.pickEorWorker(0);
  await ui.mint();
  await ui.pickWorker(1);
  await ui.mint();

  await audit.open();
  await audit.filterWorker(first.id);
  await audit.expectRows(2);
  await expect(consolePage.getByTestId('audit-export')).toHaveText('Export shown (2)');
  await consolePage.getByTestId('audit-export').click();
  await expect(audit.exportStatus()).toHaveText(
    /^Saved 2 rows \(the entries shown\) to deel-console-audit-\d{4}-\d{2}-\d{2}\.csv in .+\.$/,
  );
  const [file] = readdirSync(consoleApp.exportDir);
  expect(await audit.exportStatus().innerText()).toContain(consoleApp.exportDir);
  const lines = readFileSync(join(consoleApp.exportDir, file!), 'utf8').trim().split(/\r?\n/);
  expect(lines).toHaveLength(3);
  for (const line of lines.slice(1)) expect(line).toContain(first.id);

  await consolePage.getByTestId('audit-show-in-folder').click();
  await expect(audit.exportStatus()).toContainText('The folder was opened in your file manager.');

  await consolePage.getByTestId('audit-export-all').click();
  await expect(audit.exportStatus()).toHaveText(/^Saved 4 rows \(every entry\) to .+\.$/);
  expect(
    readFileSync(join(consoleApp.exportDir, file!), 'utf8').trim().split(/\r?\n/),
  ).toHaveLength(5);
});

test('16.6 every row names its worker (a revoke with no token too), a refused mint keeps Deel’s reason, a superseded token has its line', async ({
  consolePage,
  deel,
}) => {
  const ui = await ConsolePage.opened(consolePage);
  const audit = new AuditPage(ui);
  await ui.connectTo(deel);

  // A revoke of a worker that never had a token here.
  const untouched = await ui.pickEorWorker(3);
  await ui.revoke();
  await expect(ui.panel().getByTestId('revoke-note')).toHaveText(/No live token on Deel/);

  // A token replaced by a new mint.
  const replaced = await ui.pickWorker(4);
  await ui.mint();
  await ui.mint();

  // A mint Deel refuses, with its reason.
  deel.setFaults({ workerTokensDisabled: true });
  const refused = await ui.pickWorker(5);
  await ui.openMintDialog();
  await ui.giveConsent();
  await ui.submitMint();
  await expect(
    ui.dialog().getByTestId('error-note').or(ui.panel().getByTestId('error-note')).first(),
  ).toBeVisible();
  await consolePage.keyboard.press('Escape');
  deel.setFaults({ workerTokensDisabled: false });

  await audit.open();
  const revokes = audit.rowsFor(untouched.id, { action: 'revoke' });
  await expect(revokes).toHaveCount(2);
  for (const row of await revokes.all()) {
    await expect(row.getByTestId('audit-worker')).toContainText(untouched.name);
    await expect(row.getByTestId('audit-worker')).not.toContainText('Name not recorded');
  }

  const failure = audit.rowsFor(refused.id, { action: 'mint', outcome: 'failure' });
  await expect(failure.getByTestId('audit-detail')).toContainText(
    'worker access tokens are not enabled for this organization',
  );
  await expect(failure.getByTestId('audit-outcome-text')).toHaveText(/Failed$/);

  await audit.filterAction('Token superseded by a new mint');
  await audit.expectRows(1);
  const superseded = audit.rowsFor(replaced.id, { action: 'token-superseded' });
  await expect(superseded.getByTestId('audit-worker')).toContainText(replaced.name);
  await expect(superseded.getByTestId('audit-detail')).toContainText('replaced by a new mint');
});

test('16.7 every timestamp names its zone, in one format, and Settings switches local and UTC', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const audit = new AuditPage(ui);
  await audit.emulateTimeZone('Europe/Paris');
  const winter = await consolePage.evaluate(() => new Date().getTimezoneOffset() === -60);
  const local = winter ? 'CET' : 'CEST';
  const worker = await ui.pickEorWorker();
  await ui.mint();
  await expect(ui.panel()).toContainText(new RegExp(`expires ${STAMP} ${local}`));

  await ui.go('live');
  const live = consolePage.getByTestId('live-row').first();
  // Minted and expires: named by their columns, not their place (the row has a state cell too).
  await expect(live.locator('.lt-minted')).toHaveText(stamped(local));
  await expect(live.locator('.lt-expires')).toHaveText(stamped(local));

  await audit.open();
  const mint = audit.rowsFor(worker.id, { action: 'mint', outcome: 'success' });
  const time = mint.getByTestId('audit-time');
  await expect(time).toHaveText(stamped(local));
  // The detail's expiry is in the same format and zone, not an ISO string beside it.
  await expect(mint.getByTestId('audit-detail')).toHaveText(
    new RegExp(`^expires ${STAMP} ${local}$`),
  );
  const localHour = Number((await time.innerText()).slice(11, 13));
  await ui.screenshot(testInfo, 'audit-local-time');

  await audit.chooseTimeZone('utc');
  await audit.open();
  await expect(time).toHaveText(stamped('UTC'));
  await expect(mint.getByTestId('audit-detail')).toHaveText(new RegExp(`^expires ${STAMP} UTC$`));
  const utcHour = Number((await time.innerText()).slice(11, 13));
  expect((utcHour + (winter ? 1 : 2)) % 24).toBe(localHour);
  await ui.go('live');
  await expect(live.locator('.lt-minted')).toHaveText(stamped('UTC'));
  await ui.screenshot(testInfo, 'live-utc-time');
});

test('16.8 actions and outcomes in words on the Audit screen and in its filters', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const audit = new AuditPage(ui);
  const worker = await ui.pickEorWorker();
  await ui.mint();
  await ui.go('live');
  await consolePage.getByTestId('select-all').check();
  await consolePage.getByTestId('bulk-revoke').click();
  await consolePage.getByRole('dialog').getByRole('button', { name: 'Revoke 1' }).click();
  await expect(consolePage.getByTestId('bulk-count')).toHaveText('1 of 1 done');

  await audit.open();
  const texts = (await consolePage.getByTestId('audit-action-text').allInnerTexts()).join('\n');
  for (const raw of ['bulk-revoke', 'mint', 'intent', 'success'])
    expect(texts).not.toMatch(new RegExp(`^${raw}$`, 'm'));
  await expect(
    audit
      .rowsFor(worker.id, { action: 'bulk-revoke', outcome: 'success' })
      .getByTestId('audit-action-text'),
  ).toHaveText('Token revoked (bulk)');
  await expect(
    audit
      .rowsFor(worker.id, { action: 'bulk-revoke', outcome: 'intent' })
      .getByTestId('audit-action-text'),
  ).toHaveText('Revoke requested (bulk)');
  await expect(
    audit
      .rowsFor(worker.id, { action: 'mint', outcome: 'success' })
      .getByTestId('audit-outcome-text'),
  ).toHaveText('✓ Succeeded');
  for (const outcome of await consolePage.getByTestId('audit-outcome-text').allInnerTexts())
    expect(outcome).toMatch(/^. [A-Z]/);

  // The filters offer the same words, and filter by them.
  const actionOptions = await consolePage
    .getByTestId('audit-action')
    .locator('option')
    .allInnerTexts();
  expect(actionOptions).toContain('Token revoked (bulk)');
  expect(actionOptions).not.toContain('bulk-revoke');
  const outcomeOptions = await consolePage
    .getByTestId('audit-outcome')
    .locator('option')
    .allInnerTexts();
  expect(outcomeOptions).toEqual([
    'Any',
    'Sent to Deel next',
    'Succeeded',
    'Failed',
    'Outcome unknown',
  ]);
  await audit.filterAction('Token revoked (bulk)');
  await audit.expectRows(2);
  await ui.screenshot(testInfo, 'audit-words');
  await ui.expectNoSeriousAxeViolations('audit (light)');
  await consolePage.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot(testInfo, 'audit-words-dark');
  await ui.expectNoSeriousAxeViolations('audit (dark)');
});
