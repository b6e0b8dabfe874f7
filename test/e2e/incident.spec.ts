import type { RunningSimulator } from '../../src-main/simulator';
import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

// The incident switch (issue 17.3): revoke every token this console minted, and sweep the
// organization (a DELETE for every EOR worker), both behind the organization's name typed.

async function liveAtDeel(deel: RunningSimulator): Promise<string[]> {
  const response = await fetch(`${deel.origin}/__sim/worker-sessions`);
  const body = (await response.json()) as { sessions: { profileId: string }[] };
  return body.sessions.map((s) => s.profileId).sort();
}

/**
 * A token minted straight at Deel (the company's White Label backend, say). It shares the
 * organization's rate budget with the console, so a 429 is waited out as Retry-After says.
 */
async function mintOutside(deel: RunningSimulator, profileId: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(`${deel.url}/workers/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deel.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { profile_id: profileId } }),
    });
    if (response.status !== 429) {
      expect([200, 201]).toContain(response.status);
      return;
    }
    const wait = Number(response.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
  }
  throw new Error('the outside mint was rate limited 20 times in a row');
}

test('17.3 revoke every token this console minted: typed confirmation, one bulk job, none left at Deel', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.eorOnly();
  const workers = [await ui.workerAt(0), await ui.workerAt(1)];
  for (const worker of workers) {
    await ui.select(worker.id);
    await ui.mint();
  }
  expect(await liveAtDeel(deel)).toEqual(workers.map((w) => w.id).sort());

  await ui.go('incident');
  const panel = consolePage.getByTestId('revoke-everything');
  await expect(panel.getByTestId('revoke-everything-count')).toContainText('2 tokens');
  const start = panel.getByTestId('revoke-everything-start');
  await expect(start).toHaveAttribute('aria-disabled', 'true');
  const typed = panel.getByTestId('revoke-everything-confirmation');
  await typed.fill('Some other organization');
  await expect(start).toHaveAttribute('aria-disabled', 'true');
  // Enter submits the form: a wrong name still sends nothing.
  await typed.press('Enter');
  await expect(ui.nav('incident')).toHaveAttribute('aria-current', 'page');
  expect(await liveAtDeel(deel)).toHaveLength(2);
  await ui.screenshot(testInfo, 'incident-revoke-everything');
  await ui.expectNoSeriousAxeViolations('incident switch');

  await typed.fill(deel.orgName);
  await expect(start).toHaveAttribute('aria-disabled', 'false');
  await start.click();
  await expect(ui.nav('live')).toHaveAttribute('aria-current', 'page');
  await expect(consolePage.getByTestId('bulk-count')).toHaveText('2 of 2 done');
  expect(await liveAtDeel(deel)).toEqual([]);
  await ui.expectNoTokenAnywhere();
});

test('17.3 sweep the organization: tokens minted elsewhere die too, with counts at the end', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.eorOnly();
  const mine = await ui.workerAt(0);
  const elsewhere = [await ui.workerAt(1), await ui.workerAt(2)];
  await ui.select(mine.id);
  await ui.mint();
  for (const worker of elsewhere) await mintOutside(deel, worker.id);
  expect(await liveAtDeel(deel)).toHaveLength(3);

  await ui.go('incident');
  const sweep = consolePage.getByTestId('sweep-panel');
  const start = sweep.getByTestId('sweep-start');
  await expect(start).toHaveAttribute('aria-disabled', 'true');
  await sweep.getByTestId('sweep-confirmation').fill(deel.orgName);
  await start.click();
  const status = sweep.getByTestId('sweep-status');
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect(sweep.getByTestId('sweep-eta')).toContainText('Time left at the current pace');
  await ui.screenshot(testInfo, 'incident-sweep-running');
  await ui.expectNoSeriousAxeViolations('sweep running');

  await expect(status).toHaveAttribute('data-state', 'finished', { timeout: 60_000 });
  await expect(status).toContainText('every EOR worker was answered');
  await expect(sweep.getByTestId('sweep-counts')).toContainText('3 revoked');
  await expect(sweep.getByTestId('sweep-counts')).toContainText('0 failed · 0 to send');
  expect(await liveAtDeel(deel)).toEqual([]);
  await ui.screenshot(testInfo, 'incident-sweep-finished');

  // The console's own token shows revoked; the audit log names the sweep.
  await ui.go('workers');
  await ui.select(mine.id);
  await expect(ui.tokenState(mine.id)).toHaveAttribute('data-state', 'revoked');
  await ui.go('audit');
  await expect(
    consolePage.locator('[data-testid="audit-row"][data-action="organization-sweep"]').first(),
  ).toBeVisible();
  await ui.expectNoTokenAnywhere();
});
