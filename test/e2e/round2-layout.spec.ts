import { minWindowSize, stackBelowWidth } from '../../src-shared/layout';
import { expect, test } from './fixtures';
import { closedLoopbackUrl, LayoutPage } from './support/layout-page';

test.describe('16.5 every window size', () => {
  test('16.5 below the breakpoint the token panel stacks under the workers table, at it the panel sits beside', async ({
    consolePage,
  }) => {
    const ui = await LayoutPage.opened(consolePage);
    const worker = await ui.pickWorker(0);
    await ui.resize({ width: stackBelowWidth - 1, height: 800 });
    expect(await ui.panelPlacement()).toBe('below');
    // Stacked, the table keeps the full width and the panel is reached by scrolling the screen.
    const table = await consolePage.getByTestId('workers-table').boundingBox();
    const panel = await ui.panel().boundingBox();
    expect(Math.abs(table!.width - panel!.width)).toBeLessThan(1);
    await ui.panel().scrollIntoViewIfNeeded();
    await expect(ui.panel().getByRole('heading', { name: worker.name })).toBeInViewport();

    await ui.resize({ width: stackBelowWidth, height: 800 });
    expect(await ui.panelPlacement()).toBe('beside');
  });

  test('16.5 zoomed in at the minimum window size, the tables scroll sideways: Token, Status and every countdown stay whole and reachable', async ({
    consolePage,
  }) => {
    const ui = await LayoutPage.opened(consolePage);
    const [worker] = await ui.mintFor(1);
    // The 800x600 minimum window at 125% zoom (Ctrl+=) is 640x480 CSS pixels.
    await ui.resize({
      width: Math.round(minWindowSize.width / 1.25),
      height: Math.round(minWindowSize.height / 1.25),
    });
    const table = consolePage.getByTestId('workers-table');
    const sideways = await table.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(sideways, 'the workers table scrolls sideways instead of cutting columns').toBe(true);
    await ui.expectColumnReachable(table, 'Status');
    await ui.expectColumnReachable(table, 'Token');
    const countdown = ui.tokenState(worker!.id).getByTestId('countdown');
    await expect(countdown).toBeInViewport({ ratio: 1 });
    await ui.expectNoClippedCountdown(table, 'the workers table at 640x480');
    // Header and rows scroll together: the Token header stays above the token cells.
    const header = await table.getByRole('columnheader', { name: 'Token' }).boundingBox();
    const cell = await ui.tokenState(worker!.id).boundingBox();
    expect(Math.abs(header!.x + 10 - cell!.x)).toBeLessThan(2);

    await ui.go('live');
    const live = consolePage.getByTestId('live-table');
    await ui.expectColumnReachable(live, 'Time left');
    await expect(live.getByTestId('countdown')).toBeInViewport({ ratio: 1 });
    await ui.expectNoClippedCountdown(live, 'Live tokens at 640x480');
  });
});

test.describe('16.8 plain words', () => {
  test('16.8 a refused value says what to fix in the form\'s words, beside the limits: no "contract", no "failed"', async ({
    consolePage,
  }, testInfo) => {
    const ui = await LayoutPage.opened(consolePage);
    await ui.go('connect');
    await consolePage.getByTestId('connect-environment').selectOption('sandbox');
    const token = consolePage.getByTestId('connect-token');
    // The limits are beside the field, and are its accessible description.
    await expect(consolePage.getByTestId('connect-token-hint')).toHaveText(
      /8 to 4096 characters, no spaces/,
    );
    await expect(token).toHaveAccessibleDescription(/8 to 4096 characters, no spaces/);
    await token.fill('short');
    await consolePage.getByTestId('connect-submit').click();
    const note = consolePage.getByTestId('error-note');
    await expect(note).toHaveAttribute('data-kind', 'invalid-argument');
    await expect(note).toContainText(
      'Nothing was sent: the console refused a value that is missing or out of range.',
    );
    await expect(note.getByRole('listitem')).toHaveText(
      'Organization token: The token looks too short.',
    );
    await expect(note).not.toContainText(/contract|argument|failed/i);
    await ui.screenshot(testInfo, 'connect-refused-token');
    await ui.expectNoSeriousAxeViolations('Connect with a refused token');
    await expect(consolePage.getByTestId('env-badge')).toHaveText('Demo (simulated)');
  });

  test('16.8 a network failure is a sentence from its code, never the raw code (ECONNREFUSED, ENOTFOUND)', async ({
    consolePage,
  }) => {
    const ui = await LayoutPage.opened(consolePage);
    // Nothing listens on that port: the connection is refused.
    await ui.connectCustom(await closedLoopbackUrl(), 'typed-org-token-0123456789');
    const note = consolePage.getByTestId('error-note');
    await expect(note).toHaveAttribute('data-kind', 'network', { timeout: 30_000 });
    await expect(note).toContainText(
      'Connect failed: Nothing is answering at the base URL: the host refused the connection.',
    );
    await expect(note).not.toContainText(/ECONN|\bE[A-Z]{4,}\b/);

    // A host name that does not exist (.invalid never resolves).
    await consolePage.getByLabel('Base URL').fill('https://deel-console-e2e.invalid/rest/v2');
    await consolePage.getByTestId('connect-token').fill('typed-org-token-0123456789');
    await consolePage.getByTestId('connect-submit').click();
    await expect(note).toContainText('The Deel host name could not be found.', {
      timeout: 30_000,
    });
    await expect(note).not.toContainText(/ENOTFOUND|EAI_AGAIN/);
  });

  test('16.8 the consent check is an instruction, not "Mint failed:"', async ({ consolePage }) => {
    const ui = await LayoutPage.opened(consolePage);
    await ui.pickEorWorker(0);
    const dialog = await ui.openMintDialog('Mint token');
    await ui.submitMint();
    const note = dialog.getByTestId('error-note');
    await expect(note).toHaveText("Confirm that the worker's consent was obtained before minting.");
    await expect(note).not.toContainText(/failed/i);
  });

  test('16.8 Settings: what the console works with in words (not "Mode: demo"), and every limit beside its field', async ({
    consolePage,
  }, testInfo) => {
    const ui = await LayoutPage.opened(consolePage);
    await ui.resize(minWindowSize);
    await ui.go('settings');
    const facts = consolePage.getByTestId('connection-facts');
    await expect(facts).not.toContainText(/\bMode\b/);
    await expect(consolePage.getByTestId('connection-mode')).toHaveText(
      'Demo data from the built-in simulator: no real worker is touched',
    );

    const limits = {
      'setting-clipboard': 'Whole seconds, 5 to 600 (10 minutes).',
      'setting-rps': /^0\.5 to 5, in steps of 0\.5\./,
      'setting-patience': 'Whole minutes, 1 to 60.',
    };
    for (const [testId, hint] of Object.entries(limits)) {
      await expect(consolePage.getByTestId(`${testId}-hint`)).toHaveText(hint);
      await expect(consolePage.getByTestId(testId)).toHaveAccessibleDescription(hint);
    }

    // Out of range: the reason shows beside the field (no browser pop-up holds the form back).
    const clipboard = consolePage.getByTestId('setting-clipboard');
    await clipboard.fill('700');
    await consolePage.getByRole('button', { name: 'Save settings' }).click();
    await expect(consolePage.getByTestId('setting-clipboard-error')).toHaveText(
      'Whole seconds between 5 and 600.',
    );
    await expect(clipboard).toHaveAttribute('aria-invalid', 'true');
    await expect(clipboard).toHaveAccessibleDescription(
      'Whole seconds, 5 to 600 (10 minutes). Whole seconds between 5 and 600.',
    );
    await ui.screenshot(testInfo, 'settings-limits-800x600');
    await ui.expectNoSeriousAxeViolations('Settings with a refused value at 800x600');
    await clipboard.fill('45');
    await consolePage.getByRole('button', { name: 'Save settings' }).click();
    await expect(consolePage.getByText('Saved.')).toBeVisible();
    await expect(consolePage.getByTestId('setting-clipboard-error')).toHaveCount(0);
  });
});

test.describe('16.11 small things', () => {
  test('16.11 Settings offers "Connect" when there is no organization token, "Replace token" once there is one', async ({
    consolePage,
    deel,
  }) => {
    const ui = await LayoutPage.opened(consolePage);
    await ui.go('settings');
    const action = consolePage.getByTestId('settings-connect');
    await expect(action).toHaveText('Connect');
    await action.click();
    await expect(ui.nav('connect')).toHaveAttribute('aria-current', 'page');

    await ui.connectTo(deel);
    await ui.go('settings');
    await expect(action).toHaveText('Replace token');
    await expect(consolePage.getByTestId('connection-mode')).toHaveText(
      'Real workers on Deel: mints and revokes take effect at once',
    );
  });

  test("16.11 statuses are in sentence case everywhere, Deel's contract statuses included", async ({
    consolePage,
    deel,
  }) => {
    const ui = await LayoutPage.opened(consolePage);
    await ui.connectTo(deel);
    await consolePage.getByTestId('worker-source').selectOption('contracts');
    await ui.listSettled();
    const statuses = await consolePage
      .getByTestId('worker-row')
      .locator('[role="cell"]:nth-child(5)')
      .allInnerTexts();
    expect(statuses.length).toBeGreaterThan(5);
    // Deel sends e.g. `in_progress`, `waiting_for_employee_sign`: shown "In progress"...
    expect(
      statuses.some((s) => s.includes(' ')),
      'a multi-word contract status',
    ).toBe(true);
    for (const status of statuses) expect(status).toMatch(/^(—|[A-Z][a-z]*( [a-z]+)*)$/);
    const tokenStates = await consolePage
      .getByTestId('worker-row')
      .getByTestId('token-state')
      .allInnerTexts();
    for (const state of tokenStates) expect(state).toMatch(/^[A-Z]/);
  });
});
