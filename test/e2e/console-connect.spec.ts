import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

const TYPED = 'typed-org-token-0123456789';

test('connect: masked token field that never reaches the DOM markup; a network failure says so', async ({
  consolePage,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.go('connect');
  await consolePage.getByTestId('connect-environment').selectOption('custom');
  await consolePage.getByLabel('Base URL').fill('http://127.0.0.1:9');
  const field = consolePage.getByTestId('connect-token');
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toHaveAttribute('autocomplete', 'off');
  await expect(field).toHaveAttribute('spellcheck', 'false');
  await field.fill(TYPED);
  expect((await ui.storageSnapshot()).html).not.toContain(TYPED);

  await consolePage.getByTestId('connect-submit').click();
  const error = consolePage.getByTestId('error-note');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toHaveAttribute('data-kind', 'network');
  await ui.screenshot(testInfo, 'connect-error');
  await ui.expectNoSeriousAxeViolations('connect with an error');

  // Leaving the screen drops the typed token; the demo connection is untouched.
  await ui.go('workers');
  await ui.go('connect');
  await consolePage.getByTestId('connect-environment').selectOption('sandbox');
  await expect(consolePage.getByTestId('connect-token')).toHaveValue('');
  await expect(consolePage.getByTestId('env-badge')).toHaveText('Demo (simulated)');
  const snapshot = await ui.storageSnapshot();
  for (const text of Object.values(snapshot)) expect(text).not.toContain(TYPED);
});
