import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

test('workers can come from GET /contracts (worker.id) instead of GET /people, and mint from there', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  const people = await consolePage.getByTestId('load-progress').innerText();

  await consolePage.getByTestId('worker-source').selectOption('contracts');
  await expect(consolePage.getByTestId('filter-status')).toBeDisabled();
  await ui.eorOnly();
  // One row per worker with an EOR contract; the people count is of every worker.
  const contracts = await consolePage.getByTestId('load-progress').innerText();
  expect(Number(contracts.replace(/\D/g, ''))).toBeLessThan(Number(people.replace(/\D/g, '')));

  // A contract's worker.id is the profile id tokens are minted with.
  const worker = await ui.pickWorker(0);
  await ui.mint();
  await expect(ui.tokenState(worker.id)).toHaveAttribute('data-state', 'live');
  await ui.screenshot(testInfo, 'workers-from-contracts');
});
