import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

test('workers can come from GET /contracts (worker.id) instead of GET /people, and mint from there', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = new ConsolePage(consolePage);
  await ui.open();
  await ui.connectTo(deel.url, deel.tokens.admin, deel.orgName);
  const people = await consolePage.getByTestId('load-progress').innerText();

  await consolePage.getByTestId('worker-source').selectOption('contracts');
  await expect(consolePage.getByTestId('filter-status')).toBeDisabled();
  await ui.eorOnly();
  // One row per worker with an EOR contract; the people count is of every worker.
  const contracts = await consolePage.getByTestId('load-progress').innerText();
  expect(Number(contracts.replace(/\D/g, ''))).toBeLessThan(Number(people.replace(/\D/g, '')));

  // A contract's worker.id is the profile id tokens are minted with.
  const worker = await ui.workerAt(0);
  await ui.select(worker.id);
  await ui.mint();
  await expect(ui.rowFor(worker.id).getByTestId('token-state')).toHaveAttribute(
    'data-state',
    'live',
  );
  await ui.screenshot(testInfo, 'workers-from-contracts');
});
