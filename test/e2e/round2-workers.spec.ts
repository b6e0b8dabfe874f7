import { generateDataset } from '../../src-main/simulator/data';
import { expect, test } from './fixtures';
import { WorkersPage } from './support/workers-page';

// Issue 16, the Workers screen and the token panel: points 1, 2, 9, 10, 11 and 12, through the
// visible UI, on the demo organization (seed 1, like the console's own demo) or on a second
// simulated Deel connected from the Connect screen.

const MINUTE = 60_000;
/** The demo data the console starts on: the same generator and seed as its demo simulator. */
const demo = (workers: number) => generateDataset(workers, 1, 'demo');

test.describe('16.1 telling workers apart', () => {
  test.use({ demoWorkers: 2000 });

  test('16.1 search finds a worker by worker_id, profile id, email or name; the panel shows email and worker id', async ({
    consolePage,
  }, testInfo) => {
    test.setTimeout(120_000);
    const ds = demo(2000);
    const charlies = ds.workers.filter((w) => w.fullName === 'Charlie Wright');
    expect(charlies.length).toBe(3);
    const first = ds.workers.find((w) => w.workerId === '2893974');
    expect(first?.fullName).toBe('Charlie Wright');
    const ui = new WorkersPage(consolePage);
    await ui.open();
    await ui.listSettled();

    // The issue's own search: Deel's worker_id.
    await ui.searchFor('2893974');
    await expect(ui.rows()).toHaveCount(1);
    const row = ui.rowFor(first!.id);
    await expect(row).toContainText(first!.workEmail);
    await ui.select(first!.id);
    await expect(ui.panel().getByTestId('panel-email')).toHaveText(first!.workEmail);
    await expect(ui.panel().getByTestId('panel-worker-id')).toHaveText('Worker id 2893974');
    await ui.screenshot(testInfo, 'search-by-worker-id');

    // The profile id (uuid), pasted in capitals, and an email.
    const second = charlies[1]!;
    await ui.searchFor(second.id.toUpperCase());
    await expect(ui.rows()).toHaveCount(1);
    await expect(ui.rowFor(second.id)).toBeVisible();
    await ui.searchFor(second.workEmail);
    await expect(ui.rows()).toHaveCount(1);
    await expect(ui.rowFor(second.id)).toBeVisible();

    // The name: all three, each told apart by its email and worker id in the panel.
    await ui.searchFor('Charlie Wright');
    await expect(ui.rows()).toHaveCount(3);
    for (const charlie of charlies) {
      await ui.select(charlie.id);
      await expect(ui.panel().getByTestId('panel-email')).toHaveText(charlie.workEmail);
      await expect(ui.panel().getByTestId('panel-worker-id')).toHaveText(
        `Worker id ${charlie.workerId}`,
      );
    }

    // The Contracts source finds them by id too (Deel's contract search matches no id).
    await ui.useSource('contracts');
    await ui.searchFor('2893974');
    await expect(ui.rows()).toHaveCount(1);
    await expect(ui.rowFor(first!.id)).toBeVisible();
    await ui.searchFor(charlies[2]!.id);
    await expect(ui.rows()).toHaveCount(1);
    await expect(ui.rowFor(charlies[2]!.id)).toBeVisible();
    await ui.expectNoSeriousAxeViolations('workers after an id search');
  });
});

test('16.2 mint only where it can work: disabled with the reason up front; an unknown type is left to Deel, whose refusal shows once', async ({
  consolePage,
}, testInfo) => {
  const ds = demo(250);
  const ui = new WorkersPage(consolePage);
  await ui.open();
  await ui.listSettled();

  // A contractor from /people: known and not EOR.
  await consolePage.getByTestId('filter-hiring-type').selectOption('contractor');
  await ui.listSettled();
  const contractor = await ui.pickWorker(0);
  const mint = ui.mintAction();
  await expect(mint).toBeDisabled();
  await expect(mint).not.toHaveClass(/primary/);
  const reason = ui.panel().getByTestId('mint-unavailable');
  await expect(reason).toContainText('EOR workers only');
  await expect(reason).toContainText('Contractor');
  await expect(mint).toHaveAttribute('aria-describedby', 'mint-unavailable');
  await ui.screenshot(testInfo, 'mint-disabled-contractor');
  await ui.expectNoSeriousAxeViolations('token panel of a contractor');

  // From the Contracts source the row shows a contract's type, not the hiring type: Deel decides.
  const person = ds.workers.find((w) => w.id === contractor.id)!;
  expect(person.hiringType).toBe('contractor');
  await consolePage.getByTestId('filter-hiring-type').selectOption('');
  await ui.useSource('contracts');
  await ui.searchFor(person.workEmail);
  await ui.select(person.id);
  await expect(ui.panel().getByTestId('mint-eligibility-note')).toContainText('Deel decides');
  await expect(ui.mintAction()).toBeEnabled();
  const dialog = await ui.openMintDialog('Mint token');
  await ui.giveConsent();
  await ui.submitMint();
  const note = dialog.getByTestId('error-note');
  await expect(note).toContainText('EOR workers only');
  // Deel's refusal, once: not again as a field error.
  const text = await dialog.innerText();
  expect(text.match(/EOR workers only/g)).toHaveLength(1);
  await ui.screenshot(testInfo, 'mint-refused-once');
  await consolePage.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(ui.panel().getByTestId('error-note')).toHaveCount(0);
  await expect(ui.tokenState(person.id)).toHaveAttribute('data-state', 'none');
});

test('16.9 after a mint: Copy is primary and focused, Replace token is danger with its own words, Reveal moves nothing, Copied becomes Clipboard cleared', async ({
  consolePage,
}, testInfo) => {
  test.setTimeout(90_000);
  const ui = new WorkersPage(consolePage);
  await ui.open();
  await ui.saveSettings({ clipboardSeconds: 5 });
  await ui.go('workers');
  const worker = await ui.pickEorWorker(0);
  await expect(ui.mintAction()).toHaveAccessibleName('Mint token');
  await expect(ui.mintAction()).toHaveClass(/primary/);
  await ui.mint();

  // Focus and the primary action go to Copy; the mint becomes a danger "Replace token".
  await expect(ui.copyAction()).toBeFocused();
  await expect(ui.copyAction()).toHaveClass(/primary/);
  await expect(ui.mintAction()).toHaveAccessibleName('Replace token');
  await expect(ui.mintAction()).toHaveClass(/danger/);
  await expect(ui.mintAction()).not.toHaveClass(/primary/);
  await ui.screenshot(testInfo, 'after-mint');

  const dialog = await ui.openMintDialog('Replace token');
  await expect(dialog.getByRole('heading')).toHaveText(`Replace ${worker.name}'s token?`);
  await expect(dialog.getByTestId('supersede-warning')).toContainText('old token stops working');
  await expect(dialog.getByRole('button', { name: 'Replace token' })).toHaveClass(/danger-solid/);
  await ui.expectNoSeriousAxeViolations('replace dialog');
  await consolePage.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Reveal: Copy stays exactly where it was (the pointer may be on its way to it).
  const before = await ui.box(ui.copyAction());
  await ui.action('Reveal').click();
  await expect(ui.panel().getByTestId('token-value')).toBeVisible();
  await expect(ui.action('Revealed once')).toBeVisible();
  expect(await ui.box(ui.copyAction())).toEqual(before);
  await ui.panel().getByRole('button', { name: 'Hide now' }).click();
  expect(await ui.box(ui.copyAction())).toEqual(before);

  // Copy: "Copied" until main clears the clipboard (5 s here), then "Clipboard cleared", then gone.
  await ui.copyAction().click();
  const note = ui.panel().getByTestId('copy-note');
  await expect(note).toHaveAttribute('data-state', 'copied');
  await expect(note).toContainText('The clipboard clears at');
  await expect(note).toHaveAttribute('data-state', 'cleared', { timeout: 10_000 });
  await expect(note).toContainText('Clipboard cleared');
  await expect(note).toHaveCount(0, { timeout: 15_000 });
  await ui.expectNoTokenAnywhere();
});

test('16.9 outcome unknown: one set of actions (Re-mint, Revoke to be sure), no Mint token beside it', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = new WorkersPage(consolePage);
  await ui.open();
  await ui.connectTo(deel);
  await ui.pickEorWorker(2);
  const dialog = await ui.openMintDialog('Mint token');
  await ui.giveConsent();
  deel.setFaults({ dropRate: 1 });
  await ui.submitMint();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  deel.setFaults({ dropRate: 0 });

  const unknown = ui.panel().getByTestId('outcome-unknown');
  await expect(unknown).toBeVisible();
  const buttons = ui.panel().getByRole('button');
  await expect(ui.panel().getByRole('button', { name: 'Re-mint' })).toHaveCount(1);
  await expect(ui.panel().getByRole('button', { name: 'Revoke to be sure' })).toHaveCount(1);
  await expect(ui.panel().getByRole('button', { name: /^(Mint|Replace) token$/ })).toHaveCount(0);
  await expect(ui.panel().getByRole('button', { name: /^Revoke$/ })).toHaveCount(0);
  await expect(ui.panel().getByRole('group', { name: 'Token actions' })).toHaveCount(0);
  expect(await buttons.count()).toBeGreaterThanOrEqual(2);
  await ui.screenshot(testInfo, 'outcome-unknown-one-set');

  await unknown.getByRole('button', { name: 'Revoke to be sure' }).click();
  await expect(ui.panel().getByTestId('revoke-note')).toBeVisible();
  await expect(ui.mintAction()).toHaveAccessibleName('Mint token');
});

test('16.10 amber and red countdowns carry an icon and text, in light and dark', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = new WorkersPage(consolePage);
  await ui.open();
  await ui.connectTo(deel);
  await ui.eorOnly();
  const amber = await ui.pickWorker(0);
  await ui.mintExpiringIn(deel, 40 * MINUTE);
  const red = await ui.pickWorker(1);
  await ui.mintExpiringIn(deel, 8 * MINUTE);
  const calm = await ui.pickWorker(2);
  await ui.mint();

  const stateOf = (id: string) => ui.tokenState(id);
  await expect(stateOf(amber.id).getByTestId('countdown')).toHaveAttribute('data-urgency', 'amber');
  await expect(stateOf(amber.id).getByTestId('countdown-tag')).toHaveText('< 1 h');
  await expect(stateOf(red.id).getByTestId('countdown')).toHaveAttribute('data-urgency', 'red');
  await expect(stateOf(red.id).getByTestId('countdown-tag')).toHaveText('< 10 min');
  await expect(stateOf(calm.id).getByTestId('countdown')).toHaveAttribute('data-urgency', 'ok');
  await expect(stateOf(calm.id).getByTestId('countdown-tag')).toHaveCount(0);
  await ui.screenshot(testInfo, 'countdowns-light');
  await ui.expectNoSeriousAxeViolations('urgent countdowns (light)');
  await consolePage.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot(testInfo, 'countdowns-dark');
  await ui.expectNoSeriousAxeViolations('urgent countdowns (dark)');

  // The Live tokens list shows the same countdowns, so the same words.
  await ui.go('live');
  const liveRow = (id: string) =>
    consolePage.locator(`[data-testid="live-row"][data-worker-id="${id}"]`);
  await expect(liveRow(red.id).getByTestId('countdown-tag')).toHaveText('< 10 min');
  await expect(liveRow(amber.id).getByTestId('countdown-tag')).toHaveText('< 1 h');
  await ui.screenshot(testInfo, 'countdowns-live-dark');
  await ui.expectNoSeriousAxeViolations('urgent countdowns on Live tokens (dark)');
});

test('16.11 email tooltips, the panel follows the filters, a live-token filter and sort, and the Contracts source explains what it disables', async ({
  consolePage,
}, testInfo) => {
  const ui = new WorkersPage(consolePage);
  await ui.open();
  await ui.listSettled();
  const [a, b, c] = [await ui.workerAt(0), await ui.workerAt(1), await ui.workerAt(2)];
  const ds = demo(250);
  const emailOf = (id: string) => ds.workers.find((w) => w.id === id)!.workEmail;

  // A tooltip with the whole email, however narrow the column.
  await expect(ui.rowFor(a.id).getByRole('cell').nth(1)).toHaveAttribute('title', emailOf(a.id));

  // Mint for the first and third; then the console's own filter and sort by token.
  await ui.select(c.id);
  await ui.mint();
  await ui.select(a.id);
  await ui.mint();
  await consolePage.getByTestId('filter-live-only').click();
  await expect(consolePage.getByTestId('filter-live-only')).toHaveAttribute('aria-pressed', 'true');
  await expect(ui.rows()).toHaveCount(2);
  await expect(ui.rowFor(b.id)).toHaveCount(0);
  await expect(ui.progress()).toHaveText('2 workers with a live token');
  await consolePage.getByTestId('filter-live-only').click();
  await ui.listSettled();

  await consolePage.getByTestId('sort-token').click();
  const tokenHeader = consolePage.getByRole('columnheader', { name: /Token/ });
  await expect(tokenHeader).toHaveAttribute('aria-sort', 'ascending');
  // Live first, the soonest expiry first: c was minted first.
  await expect(ui.rows().nth(0)).toHaveAttribute('data-worker-id', c.id);
  await expect(ui.rows().nth(1)).toHaveAttribute('data-worker-id', a.id);
  await consolePage.getByTestId('sort-token').click();
  await expect(tokenHeader).toHaveAttribute('aria-sort', 'descending');
  // Reversed: workers without a token first (the live ones are now at the end of the list).
  await expect(ui.rows().first()).not.toHaveAttribute('data-worker-id', c.id);
  await expect(ui.rows().first()).not.toHaveAttribute('data-worker-id', a.id);
  await expect(ui.rows().first().getByTestId('token-state')).toHaveAttribute('data-state', 'none');

  // The panel says when its worker is filtered out of the list.
  await ui.select(b.id);
  await ui.searchFor(a.name);
  await expect(ui.rowFor(b.id)).toHaveCount(0);
  const out = ui.panel().getByTestId('selected-filtered-out');
  await expect(out).toContainText(b.name);
  await expect(out).toContainText('filters hide this worker');
  await ui.searchFor('');
  await expect(out).toHaveCount(0);

  // Contracts: why the status filter and the column sorts are not there, in words.
  await ui.useSource('contracts');
  const limits = consolePage.getByTestId('contracts-limits');
  await expect(limits).toContainText('People source only');
  const status = consolePage.getByTestId('filter-status');
  await expect(status).toBeDisabled();
  await expect(status).toHaveAttribute('aria-describedby', 'contracts-limits');
  const nameHeader = consolePage.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader.getByRole('button')).toHaveCount(0);
  await expect(nameHeader).toHaveAttribute('title', /People source only/);
  await expect(consolePage.getByTestId('sort-token')).toBeVisible();
  await ui.screenshot(testInfo, 'contracts-explained');
  await ui.expectNoSeriousAxeViolations('contracts source');
});

test('16.12 an in-app banner, on by default, for a token this console minted that expires within 10 minutes', async ({
  consolePage,
  deel,
}, testInfo) => {
  test.setTimeout(90_000);
  const ui = new WorkersPage(consolePage);
  await ui.open();
  await ui.connectTo(deel);
  await ui.eorOnly();
  const banner = consolePage.getByTestId('expiry-banner');
  // A token with 40 minutes left is not in it.
  await ui.pickWorker(0);
  await ui.mintExpiringIn(deel, 40 * MINUTE);
  const soon = await ui.pickWorker(1);
  await expect(banner).toHaveCount(0);
  await ui.mintExpiringIn(deel, 8 * MINUTE);

  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`${soon.name}'s worker token expires in under 10 minutes.`);
  const items = banner.getByTestId('expiry-banner-item');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute('data-worker-id', soon.id);
  await expect(items.first().getByTestId('countdown')).toHaveText(/^00:0[78]:\d\d$/);
  await expect(items.first().getByTestId('countdown-tag')).toHaveText('< 10 min');

  // A second one: both listed, soonest first.
  const sooner = await ui.pickWorker(2);
  await ui.mintExpiringIn(deel, 5 * MINUTE);
  await expect(items).toHaveCount(2);
  await expect(banner).toContainText('2 worker tokens expire in under 10 minutes.');
  await expect(items.first()).toHaveAttribute('data-worker-id', sooner.id);
  await ui.screenshot(testInfo, 'expiry-banner');
  await ui.expectNoSeriousAxeViolations('expiry banner');

  // On every screen, until switched off in Settings (and back on).
  await ui.go('audit');
  await expect(banner).toBeVisible();
  await ui.saveSettings({ expiryBanner: false });
  await expect(banner).toHaveCount(0);
  await ui.saveSettings({ expiryBanner: true });
  await expect(banner).toBeVisible();
  await consolePage.emulateMedia({ colorScheme: 'dark' });
  await ui.expectNoSeriousAxeViolations('expiry banner (dark)');

  // Dismissed, a token leaves it; a revoked one too.
  await items.filter({ hasText: sooner.name }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute('data-worker-id', soon.id);
  await ui.go('workers');
  await ui.select(soon.id);
  await ui.revoke();
  await expect(banner).toHaveCount(0);
});
