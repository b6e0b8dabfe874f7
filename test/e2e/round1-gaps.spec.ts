import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

// Behaviour of rounds one and two that had unit and integration tests only: the status bar's
// pacing, Verify's identity alert, and the note for a token without "sensitive data".

test('status bar: a burst of 429s slows the console and the bar says so, in words', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.listSettled();
  const rate = consolePage.getByTestId('pacing-rate');
  await expect(rate).toContainText('Deel requests:');

  deel.setFaults({ rateLimitStorm: 3 });
  await consolePage.getByRole('button', { name: /^Name/ }).click();
  await expect(consolePage.getByTestId('pacing-429s')).toContainText(
    /\d+ rate-limit answers? \(429\) in the last minute/,
    { timeout: 20_000 },
  );
  await expect(rate).toContainText('slowed');
  await ui.listSettled();
  expect(deel.getFaults().rateLimitStorm).toBe(false);
  await ui.screenshot(testInfo, 'status-bar-after-429s');
  await ui.expectNoSeriousAxeViolations('status bar after 429s');
});

test('verify: a token that authenticates someone else is an alert; a later good answer clears it', async ({
  consolePage,
  deel,
}) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.pickEorWorker();
  await ui.mint();

  deel.setFaults({ peopleMeMismatch: true });
  await ui.action('Verify').click();
  const alert = ui.panel().getByTestId('verify-mismatch');
  await expect(alert).toContainText('Identity mismatch: this token authenticates');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(ui.panel().getByTestId('verify-note')).toHaveCount(0);
  await ui.expectNoSeriousAxeViolations('verify mismatch');

  deel.setFaults({ peopleMeMismatch: false });
  await ui.action('Verify').click();
  await expect(ui.panel().getByTestId('verify-note')).toContainText('Valid: authenticates');
  await expect(alert).toHaveCount(0);
  await ui.expectNoTokenAnywhere();
});

test('sensitive data off: the list says why names are missing, and search by profile id still finds the worker', async ({
  consolePage,
  deel,
}) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.listSettled();
  const { id } = await ui.workerAt(2);
  await expect(consolePage.getByTestId('sensitive-data-hidden')).toHaveCount(0);

  deel.setFaults({ hideSensitiveData: true });
  await consolePage.getByRole('button', { name: /^Name/ }).click();
  const note = consolePage.getByTestId('sensitive-data-hidden');
  await expect(note).toContainText('“sensitive data” toggles are off');
  await expect(note).toContainText('Search by worker id or profile id still works.');

  await consolePage.getByTestId('worker-search').fill(id);
  await expect(consolePage.getByTestId('load-progress')).toHaveText('1 worker');
  await expect(ui.rowFor(id)).toBeVisible();
  await expect(consolePage.getByTestId('worker-row')).toHaveCount(1);
  await ui.expectNoSeriousAxeViolations('sensitive data hidden');
});
