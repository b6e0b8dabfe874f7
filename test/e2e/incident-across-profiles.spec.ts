import { expect, test } from './fixtures';
import { liveOnDeel } from './support/live-page';
import { ProfilesPage } from './support/profiles-page';

test('17.3 revoke across all profiles: typed words, one job per profile, none left in any', async ({
  consolePage,
  deel,
}, testInfo) => {
  test.setTimeout(120_000);
  const ui = await ProfilesPage.opened(consolePage);
  const demoWorker = await ui.mintFirstEor();
  await ui.connectAsProfile(deel, 'Acme live');
  const acmeWorker = await ui.mintFirstEor();
  expect((await liveOnDeel(deel.origin)).has(acmeWorker.id)).toBe(true);

  await ui.go('incident');
  const panel = consolePage.getByTestId('revoke-across');
  await expect(panel.getByTestId('revoke-across-count')).toContainText(
    '2 tokens Deel may still hold, across 2 profiles',
  );
  await expect(panel).toContainText('Acme live (in use): 1');
  await expect(panel).toContainText('Demo: 1');
  const start = panel.getByTestId('revoke-across-start');
  await expect(start).toHaveAttribute('aria-disabled', 'true');
  await panel.getByTestId('revoke-across-reason').fill('INC-9 laptop lost');
  await panel.getByTestId('revoke-across-confirmation').fill('Acme live');
  await expect(start).toHaveAttribute('aria-disabled', 'true');
  await panel.getByTestId('revoke-across-confirmation').fill('all profiles');
  await expect(start).toHaveAttribute('aria-disabled', 'false');
  await ui.screenshot(testInfo, '17.3-across-profiles-ready');
  await start.click();

  const result = panel.getByTestId('revoke-across-result');
  await expect(result).toContainText('Acme live: 1 token, revoking as one journaled job');
  await expect(result).toContainText('Demo: 1 token, revoking as one journaled job');
  await expect(panel.getByTestId('revoke-across-count')).toHaveText(
    'No profile holds a token Deel may still hold.',
  );
  await expect.poll(async () => (await liveOnDeel(deel.origin)).has(acmeWorker.id)).toBe(false);
  await ui.expectNoSeriousAxeViolations('Incident, across all profiles');

  // Each profile's token is revoked in its own organization, with the reason, by its own job.
  await ui.go('audit');
  const rows = consolePage.getByTestId('audit-row').filter({ hasText: 'INC-9 laptop lost' });
  await expect(rows.filter({ hasText: acmeWorker.name })).not.toHaveCount(0);
  await expect(rows.filter({ hasText: demoWorker.name })).not.toHaveCount(0);

  // The profile in use's view of the shared log: only its organization's lines.
  const thisProfile = consolePage.getByTestId('audit-this-profile');
  await thisProfile.click();
  await expect(thisProfile).toHaveAttribute('aria-pressed', 'true');
  await expect(rows.filter({ hasText: demoWorker.name })).toHaveCount(0);
  await expect(rows.filter({ hasText: acmeWorker.name })).not.toHaveCount(0);
  for (const cell of await consolePage.getByTestId('audit-organization').all()) {
    await expect(cell).toHaveText(deel.orgName);
  }
  await thisProfile.click();
  await expect(thisProfile).toHaveAttribute('aria-pressed', 'false');
  await expect(rows.filter({ hasText: demoWorker.name })).not.toHaveCount(0);
  await ui.expectNoTokenAnywhere();
});
