import { startSimulator } from '../../src-main/simulator';
import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';
import { LivePage, liveOnDeel, type ListedWorker } from './support/live-page';

/** axe in light and dark (the OS setting), the page as it stands. */
async function axeBothSchemes(ui: ConsolePage, label: string): Promise<void> {
  await ui.page.emulateMedia({ colorScheme: 'light' });
  await ui.expectNoSeriousAxeViolations(`${label} (light)`);
  await ui.page.emulateMedia({ colorScheme: 'dark' });
  await ui.expectNoSeriousAxeViolations(`${label} (dark)`);
  await ui.page.emulateMedia({ colorScheme: 'light' });
}

/** The numbers of the bulk summary line, by what it counts. */
function parseSummary(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/(\d+) (revoked|no live token|failed|not sent)/g)) {
    counts[match[2]!] = Number(match[1]);
  }
  return counts;
}

test('16.1 Live tokens, the bulk confirmation and its results name every worker with email and id', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const live = new LivePage(ui);
  const minted = await live.mintForRows([0, 1]);

  await ui.go('live');
  await expect(live.rows()).toHaveCount(2);
  for (const worker of minted) {
    await live.expectNames(live.row(worker.id), worker);
    await expect(live.checkbox(worker.id)).toHaveAccessibleName(
      `Select ${worker.name} (${worker.email})`,
    );
  }
  await ui.screenshot(testInfo, '16.1-live-tokens');

  await consolePage.getByTestId('select-all').check();
  await live.revokeSelected().click();
  await expect(live.confirmItems()).toHaveCount(2);
  for (const worker of minted) {
    await live.expectNames(live.confirmation().locator(`[data-worker-id="${worker.id}"]`), worker);
  }
  await ui.screenshot(testInfo, '16.1-bulk-confirmation');
  await axeBothSchemes(ui, 'bulk confirmation');
  await live.confirm(2);

  await expect(live.summary()).toHaveText('2 revoked, 0 no live token, 0 failed, 0 not sent.');
  for (const worker of minted) {
    await live.expectNames(live.result(worker.id), worker);
    await expect(live.result(worker.id)).toContainText('Revoked');
  }
  await ui.screenshot(testInfo, '16.1-bulk-results');
  await axeBothSchemes(ui, 'bulk results');
});

test('16.1 Live tokens at 800x600 to 1920x1080, light and dark: who, state and countdown stay whole', async ({
  consolePage,
}, testInfo) => {
  test.setTimeout(120_000);
  const ui = await ConsolePage.opened(consolePage);
  const live = new LivePage(ui);
  const minted = await live.mintForRows([0, 1]);
  await ui.go('live');
  for (const [width, height] of [
    [800, 600],
    [1024, 700],
    [1280, 820],
    [1920, 1080],
  ] as const) {
    await consolePage.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await consolePage.emulateMedia({ colorScheme: scheme });
      for (const worker of minted) {
        const row = live.row(worker.id);
        await expect(row.getByTestId('worker-email')).toBeVisible();
        await expect(row.getByTestId('live-state')).toBeVisible();
        await expect(row.getByTestId('row-revoke')).toBeInViewport();
        // Neither the countdown nor the state is clipped; the actions stay inside the row.
        const clipped = await row.evaluate((el) => {
          const whole = (sel: string) => {
            const cell = el.querySelector<HTMLElement>(sel);
            return cell !== null && cell.scrollWidth <= cell.clientWidth;
          };
          const actions = el.querySelector('.lt-actions')!.getBoundingClientRect();
          return {
            countdown: whole('.lt-left'),
            state: whole('.lt-state'),
            actions: actions.right <= el.getBoundingClientRect().right + 0.5,
          };
        });
        expect(clipped, `${width}x${height} ${scheme}`).toEqual({
          countdown: true,
          state: true,
          actions: true,
        });
      }
      await ui.screenshot(testInfo, `16.1-live-${width}x${height}-${scheme}`);
      await ui.expectNoSeriousAxeViolations(`Live tokens at ${width}x${height} (${scheme})`);
    }
  }
});

test('16.3 outcome-unknown mints are listed, flagged in words, and covered by select all and bulk revoke', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const live = new LivePage(ui);
  await ui.connectTo(deel);
  await ui.eorOnly();
  const [sure] = await live.mintForRows([0]);
  const unsure = await ui.pickWorker(1);

  await ui.openMintDialog('Mint token');
  await ui.giveConsent();
  deel.setFaults({ dropRate: 1 });
  await ui.submitMint();
  await expect(ui.dialog()).toBeHidden({ timeout: 30_000 });
  await expect(ui.tokenState(unsure.id)).toHaveAttribute('data-state', 'outcome-unknown');
  deel.setFaults({ dropRate: 0 });

  await ui.go('live');
  await expect(live.rows()).toHaveCount(2);
  await expect(ui.nav('live')).toContainText('2');
  await expect(live.row(unsure.id)).toHaveAttribute('data-state', 'outcome-unknown');
  await expect(live.row(unsure.id).getByTestId('live-state')).toHaveText(/Outcome unknown/);
  await expect(live.row(sure!.id).getByTestId('live-state')).toHaveText('Live');
  await expect(consolePage.getByTestId('live-count')).toContainText('(1 outcome unknown)');
  await ui.screenshot(testInfo, '16.3-outcome-unknown-listed');
  await axeBothSchemes(ui, 'Live tokens with an outcome-unknown row');

  await consolePage.getByTestId('select-all').check();
  await expect(live.revokeSelected()).toHaveText('Revoke selected (2)');
  await live.revokeSelected().click();
  await expect(live.confirmItems()).toHaveCount(2);
  await expect(live.confirmation().locator(`[data-worker-id="${unsure.id}"]`)).toBeVisible();
  await live.confirm(2);
  await expect(live.summary()).toBeVisible();
  await expect(live.result(sure!.id)).toContainText('Revoked');
  // Deel may or may not have minted the unsure one: either answer means none is live now.
  await expect(live.result(unsure.id)).toContainText(/Revoked|No live token/);
  const truth = await liveOnDeel(deel.origin);
  expect(truth.has(sure!.id)).toBe(false);
  expect(truth.has(unsure.id)).toBe(false);
  await expect(consolePage.getByTestId('no-live-tokens')).toBeVisible();
});

test('16.3 Forget token names the worker tokens still live on Deel, offers to revoke them first, and the panel then says the true reason', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const live = new LivePage(ui);
  await ui.connectTo(deel);
  await ui.eorOnly();
  const minted = await live.mintForRows([0, 1]);

  await ui.go('settings');
  await consolePage.getByRole('button', { name: 'Forget token' }).click();
  const forget = consolePage.getByTestId('forget-dialog');
  await expect(forget.getByTestId('forget-live-warning')).toContainText(
    '2 worker tokens are still live on Deel.',
  );
  await expect(forget.getByTestId('forget-confirm')).toHaveText('Forget anyway');
  await ui.screenshot(testInfo, '16.3-forget-warns');
  await axeBothSchemes(ui, 'Forget dialog with live tokens');

  // "Revoke them first": Live tokens, both selected, the bulk confirmation open on them.
  await forget.getByTestId('forget-revoke-first').click();
  await expect(ui.nav('live')).toHaveAttribute('aria-current', 'page');
  await expect(live.confirmItems()).toHaveCount(2);
  for (const worker of minted) {
    await expect(live.confirmation().locator(`[data-worker-id="${worker.id}"]`)).toBeVisible();
    await expect(live.checkbox(worker.id)).toBeChecked();
  }
  expect(await live.confirmation().evaluate((el) => el.contains(document.activeElement))).toBe(
    true,
  );
  await consolePage.keyboard.press('Escape');
  await expect(live.confirmation()).toBeHidden();

  // Forget anyway: the tokens stay live on Deel (forgetting revokes nothing).
  await ui.go('settings');
  await consolePage.getByRole('button', { name: 'Forget token' }).click();
  await forget.getByTestId('forget-confirm').click();
  await expect(forget).toBeHidden();
  await expect(consolePage.getByTestId('header-org')).not.toHaveText(deel.orgName);
  const truth = await liveOnDeel(deel.origin);
  for (const worker of minted) expect(truth.has(worker.id)).toBe(true);

  // Back on the same organization: the panel says why the value is gone, not "restarted".
  await ui.connectTo(deel);
  await ui.find(minted[0]!.name, minted[0]!.id);
  await ui.select(minted[0]!.id);
  const note = ui.panel().getByTestId('token-unavailable');
  await expect(note).toContainText('the organization token was forgotten');
  await expect(note).not.toContainText('restarted');
  await ui.screenshot(testInfo, '16.3-true-reason');
});

test('16.4 bulk revoke: the confirmation lists and scrolls, Stop, a summary line, Retry for the failed, and results reset per organization', async ({
  consolePage,
  deel,
}, testInfo) => {
  test.setTimeout(180_000);
  const ui = await ConsolePage.opened(consolePage);
  const live = new LivePage(ui);
  await ui.connectTo(deel);
  await ui.eorOnly();
  const minted = await live.mintForRows([0, 1, 2, 3, 4, 5, 6, 7]);

  await ui.go('live');
  await expect(live.rows()).toHaveCount(8);
  await consolePage.getByTestId('select-all').check();
  await live.revokeSelected().click();
  await expect(live.confirmItems()).toHaveCount(8);
  const list = consolePage.getByTestId('bulk-confirm-list');
  // Long: the list scrolls inside the dialog, the actions stay in view.
  expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await expect(live.confirmation().getByRole('button', { name: 'Revoke 8' })).toBeInViewport();
  await ui.screenshot(testInfo, '16.4-confirmation-scrolls');

  // Stop: Deel answers slowly, so the run is still going when Stop is pressed.
  deel.setFaults({ latency: { fixedMs: 2500, jitterMs: 0 } });
  await live.confirm(8);
  const stop = consolePage.getByTestId('bulk-cancel');
  await expect(stop).toHaveText('Stop');
  await stop.click();
  await expect(live.summary()).toBeVisible({ timeout: 60_000 });
  deel.setFaults({ latency: { fixedMs: 0, jitterMs: 0 } });
  const stopped = parseSummary(await live.summary().innerText());
  expect(stopped['not sent']).toBeGreaterThan(0);
  expect((stopped['revoked'] ?? 0) + stopped['not sent']!).toBe(8);
  await ui.screenshot(testInfo, '16.4-stopped');
  const truth = await liveOnDeel(deel.origin);
  const notSent: ListedWorker[] = [];
  for (const worker of minted) {
    const text = await live.result(worker.id).innerText();
    if (/Not sent \(cancelled\)/.test(text)) {
      notSent.push(worker);
      expect(truth.has(worker.id), `${worker.name} not sent, still live`).toBe(true);
    } else {
      expect(text).toContain('Revoked');
      expect(truth.has(worker.id), `${worker.name} revoked`).toBe(false);
    }
  }
  expect(notSent.length).toBe(stopped['not sent']);

  // Failures, then Retry for the failed ones only.
  await consolePage.getByRole('button', { name: 'Clear results' }).click();
  await expect(live.rows()).toHaveCount(notSent.length);
  await consolePage.getByTestId('select-all').check();
  await live.revokeSelected().click();
  deel.setFaults({ errorRate: 1 });
  await live.confirm(notSent.length);
  await expect(live.summary()).toHaveText(
    `0 revoked, 0 no live token, ${notSent.length} failed, 0 not sent.`,
    { timeout: 90_000 },
  );
  deel.setFaults({ errorRate: 0 });
  const retry = consolePage.getByTestId('bulk-retry');
  await expect(retry).toHaveText(`Retry failed (${notSent.length})`);
  await ui.screenshot(testInfo, '16.4-failed');
  await axeBothSchemes(ui, 'bulk results with failures');
  await retry.click();
  await expect(live.summary()).toHaveText(
    `${notSent.length} revoked, 0 no live token, 0 failed, 0 not sent.`,
    { timeout: 30_000 },
  );
  await expect(retry).toHaveCount(0);
  expect((await liveOnDeel(deel.origin)).size).toBe(0);

  // Another organization: none of these results are its own.
  await ui.go('connect');
  await consolePage.getByTestId('connect-environment').selectOption('demo');
  await consolePage.getByTestId('connect-submit').click();
  await expect(consolePage.getByTestId('header-org')).not.toHaveText(deel.orgName);
  await ui.go('live');
  await expect(consolePage.getByTestId('bulk-run')).toHaveCount(0);
  await expect(live.results()).toHaveCount(0);
  await ui.screenshot(testInfo, '16.4-other-org');
});

test('16.11 Live tokens: search by name, email or worker id; shift-click selects a range; row actions revoke or open the worker', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  const live = new LivePage(ui);
  await live.mintForRows([0, 1, 2, 3]);
  await ui.go('live');
  await expect(live.rows()).toHaveCount(4);
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push((await live.rows().nth(i).getAttribute('data-worker-id'))!);
  const [a, b, c, d] = ids as [string, string, string, string];

  // Shift-click: from the row clicked last to this one.
  await live.checkbox(a).click();
  await live.checkbox(c).click({ modifiers: ['Shift'] });
  for (const id of [a, b, c]) await expect(live.checkbox(id)).toBeChecked();
  await expect(live.checkbox(d)).not.toBeChecked();
  await expect(live.revokeSelected()).toHaveText('Revoke selected (3)');
  // A shift-click on a selected row unselects the range.
  await live.checkbox(b).click({ modifiers: ['Shift'] });
  await expect(live.checkbox(a)).toBeChecked();
  for (const id of [b, c, d]) await expect(live.checkbox(id)).not.toBeChecked();
  await expect(live.revokeSelected()).toHaveText('Revoke selected (1)');

  // Search: by email, by worker id, by name; a selection the search hides is said.
  const search = consolePage.getByTestId('live-search');
  const email = (await live.row(d).getByTestId('worker-email').innerText()).trim();
  const name = (await live.row(c).locator('.lt-name').innerText()).trim();
  await search.fill(email.toUpperCase());
  await expect(live.rows()).toHaveCount(1);
  await expect(live.row(d)).toBeVisible();
  await expect(consolePage.getByTestId('hidden-selected')).toHaveText(
    '1 selected token is hidden by the search',
  );
  await search.fill(b);
  await expect(live.rows()).toHaveCount(1);
  await expect(live.row(b)).toBeVisible();
  await search.fill(name);
  await expect(live.row(c)).toBeVisible();
  await expect(live.rows().filter({ hasNotText: name })).toHaveCount(0);
  await search.fill('nobody-by-this-name');
  await expect(consolePage.getByTestId('no-live-match')).toBeVisible();
  await search.fill('');
  await expect(live.rows()).toHaveCount(4);
  await ui.screenshot(testInfo, '16.11-live-tokens');
  await axeBothSchemes(ui, 'Live tokens with search and selection');

  // Row action: revoke exactly this one, through the confirmation naming it.
  await live.row(d).getByTestId('row-revoke').click();
  await expect(live.confirmItems()).toHaveCount(1);
  await expect(live.confirmation().locator(`[data-worker-id="${d}"]`)).toContainText(email);
  await live.confirm(1);
  await expect(live.result(d)).toContainText('Revoked');
  await expect(live.row(d)).toHaveCount(0);
  await expect(live.rows()).toHaveCount(3);

  // Row action: open the worker on the Workers screen, that exact worker selected.
  const bEmail = (await live.row(b).getByTestId('worker-email').innerText()).trim();
  const bName = (await live.row(b).locator('.lt-name').innerText()).trim();
  await live.row(b).getByTestId('row-open-worker').click();
  await expect(ui.nav('workers')).toHaveAttribute('aria-current', 'page');
  await expect(ui.panel().getByRole('heading', { name: bName })).toBeVisible();
  await expect(ui.panel()).toContainText(bEmail);
  await expect(ui.rowFor(b)).toHaveAttribute('aria-current', 'true');
  await expect(ui.tokenState(b)).toHaveAttribute('data-state', 'live');
});

test('duplicate names: mints for two workers of the same name and revokes exactly the chosen one from each screen', async ({
  consolePage,
}, testInfo) => {
  test.setTimeout(180_000);
  // The demo organization at 2,000 workers: three "Charlie Wright", three "Priya Nair".
  const twins = await startSimulator({
    workers: 2000,
    seed: 1,
    orgName: 'Northwind Twins (simulated)',
  });
  try {
    const ui = await ConsolePage.opened(consolePage);
    const live = new LivePage(ui);
    await ui.connectTo(twins);
    await ui.eorOnly();

    /** The EOR workers of that name, as the Workers table lists them. */
    const namesakes = async (name: string): Promise<ListedWorker[]> => {
      await consolePage.getByTestId('worker-search').fill(name);
      await ui.searchSettled(name);
      const rows = consolePage.getByTestId('worker-row');
      const found: ListedWorker[] = [];
      for (let i = 0; i < (await rows.count()); i++) {
        found.push(await live.listed((await rows.nth(i).getAttribute('data-worker-id'))!));
      }
      return found;
    };
    const charlies = await namesakes('Charlie Wright');
    expect(charlies.length).toBeGreaterThanOrEqual(2);
    const [charlieKeep, charlieRevoke] = charlies as [ListedWorker, ListedWorker];
    for (const worker of [charlieKeep, charlieRevoke]) {
      await ui.select(worker.id);
      await ui.mint();
    }
    const priyas = await namesakes('Priya Nair');
    expect(priyas.length).toBeGreaterThanOrEqual(2);
    const [priyaRevoke, priyaKeep] = priyas as [ListedWorker, ListedWorker];
    for (const worker of [priyaRevoke, priyaKeep]) {
      await ui.select(worker.id);
      await ui.mint();
    }
    expect((await liveOnDeel(twins.origin)).size).toBe(4);

    // From the Workers screen: one Charlie, by its row (the other row has the same name).
    await namesakes('Charlie Wright');
    await ui.select(charlieRevoke.id);
    await expect(ui.panel()).toContainText(charlieRevoke.email);
    await ui.revoke();
    await expect(ui.tokenState(charlieRevoke.id)).toHaveAttribute('data-state', 'revoked');
    await expect(ui.tokenState(charlieKeep.id)).toHaveAttribute('data-state', 'live');

    // From Live tokens: one Priya, told apart by her email in the row and the confirmation.
    await ui.go('live');
    await expect(live.rows()).toHaveCount(3);
    await live.expectNames(live.row(priyaRevoke.id), priyaRevoke);
    await live.expectNames(live.row(priyaKeep.id), priyaKeep);
    await live.row(priyaRevoke.id).getByTestId('row-revoke').click();
    await expect(live.confirmItems()).toHaveCount(1);
    await live.expectNames(live.confirmItems().first(), priyaRevoke);
    await live.confirm(1);
    await expect(live.result(priyaRevoke.id)).toContainText('Revoked');
    await ui.screenshot(testInfo, 'duplicate-names-live');

    // Deel's truth: exactly the chosen two died, their namesakes live on.
    const truth = await liveOnDeel(twins.origin);
    expect([...truth].sort()).toEqual([charlieKeep.id, priyaKeep.id].sort());
    await expect(live.rows()).toHaveCount(2);
    await expect(live.row(charlieKeep.id)).toBeVisible();
    await expect(live.row(priyaKeep.id)).toBeVisible();
  } finally {
    await twins.close();
  }
});
