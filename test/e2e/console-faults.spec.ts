import { startSimulator, type RunningSimulator } from '../../src-main/simulator';
import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

/**
 * Faults from a "live" Deel account: the `deel` simulator, connected through the Connect screen
 * (Custom URL; loopback http is allowed), with its fault switches driven from the spec. Every
 * error state gets a screenshot and an axe pass.
 */

test('401: a token Deel does not know shows the exact problem on Connect, and nothing changes', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectCustom(deel.url, 'sim_org_this-token-was-never-issued');

  const error = consolePage.getByTestId('error-note');
  await expect(error).toHaveAttribute('data-kind', 'auth');
  await expect(error).toContainText('Deel rejected the organization token (401)');
  await expect(error).toContainText('wrong, expired or revoked');
  await expect(error).toContainText('Deel said: Unauthorized');
  await expect(error.getByTestId('request-id')).not.toBeEmpty();
  await expect(consolePage.getByTestId('connect-ok')).toHaveCount(0);
  // Still on demo data: a refused token changes nothing.
  await expect(consolePage.getByTestId('env-badge')).toHaveText('Demo (simulated)');
  await expect(ui.nav('connect')).toHaveAttribute('aria-current', 'page');
  await ui.screenshot(testInfo, 'fault-401-connect');
  await ui.expectNoSeriousAxeViolations('connect with a 401');
  await ui.expectNoTokenAnywhere();
});

test('401 during use: when Deel stops accepting the org token, the console goes back to Connect', async ({
  consoleApp,
  consolePage,
}, testInfo) => {
  // An org token cannot be revoked in the simulator, so the "account" is one the spec owns: it
  // is restarted on the same address with freshly issued tokens, which makes the token the
  // console holds unknown to Deel from then on, as a revoked token would be.
  let account: RunningSimulator | undefined = await startSimulator({
    workers: 40,
    seed: 11,
    orgName: 'Revoked Token Co. (simulated)',
  });
  let replacement: RunningSimulator | undefined;
  try {
    const ui = await ConsolePage.opened(consolePage);
    await ui.connectTo(account);

    const port = Number(new URL(account.origin).port);
    await account.close();
    account = undefined;
    replacement = await startSimulator({ port, workers: 40, seed: 11, orgName: 'Replaced' });

    // Any call to Deel now answers 401: here, sorting the table re-runs the workers query.
    await consolePage.getByRole('button', { name: /^Name/ }).click();
    await expect(ui.nav('connect')).toHaveAttribute('aria-current', 'page');
    const redirect = consolePage.getByTestId('auth-redirect');
    await expect(redirect).toContainText('Deel stopped accepting the organization token');
    await expect(redirect).toContainText('(401)');
    const requestId = (await redirect.getByTestId('request-id').innerText()).trim();
    expect(requestId).not.toBe('');
    await redirect.getByRole('button', { name: 'Copy request id' }).click();
    await expect(redirect.getByTestId('request-id-copied')).toHaveText('Copied');
    expect(await consoleApp.readClipboard()).toBe(requestId);
    // The earlier "Connected to …" is stale now, so it is gone.
    await expect(consolePage.getByTestId('connect-ok')).toHaveCount(0);
    await ui.screenshot(testInfo, 'fault-401-during-use');
    await ui.expectNoSeriousAxeViolations('connect after a 401 during use');

    // Connecting again with a working token clears the notice and brings the workers back.
    await ui.connectTo(replacement);
    await ui.go('connect');
    await expect(consolePage.getByTestId('auth-redirect')).toHaveCount(0);
    await ui.expectNoTokenAnywhere();
  } finally {
    await account?.close();
    await replacement?.close();
  }
});

test('403: an org token without admin:worker connects, and minting names the missing scope', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel, deel.tokens.readOnly);
  const worker = await ui.pickEorWorker();

  const dialog = await ui.openMintDialog('Mint token');
  await ui.giveConsent();
  await ui.submitMint();
  const error = dialog.getByTestId('error-note');
  await expect(error).toHaveAttribute('data-kind', 'scope');
  await expect(error).toContainText('(403)');
  await expect(error).toContainText('missing the admin:worker scope');
  await expect(error.getByTestId('request-id')).not.toBeEmpty();
  // Nothing was minted, and the operator stays where the error happened.
  await expect(dialog).toBeVisible();
  await ui.screenshot(testInfo, 'fault-403-mint');
  await ui.expectNoSeriousAxeViolations('mint dialog with a 403');
  await consolePage.keyboard.press('Escape');
  await expect(ui.tokenState(worker.id)).toHaveAttribute('data-state', 'none');
});

test('429 storm while the workers list streams: "rate limited, retrying", then the list completes', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  const count = `${deel.workerCount} workers`;
  await expect(consolePage.getByTestId('load-progress')).toHaveText(count);

  // More 429s in a row than main retries by itself, so the page has to keep retrying too.
  deel.setFaults({ rateLimitStorm: 6 });
  await consolePage.getByRole('button', { name: /^Name/ }).click();
  const retrying = consolePage.getByTestId('workers-retrying');
  await expect(retrying).toHaveText('Rate limited, retrying…');
  await expect(consolePage.getByTestId('load-progress')).toHaveAttribute('data-state', 'loading');
  await expect(consolePage.getByTestId('error-note')).toHaveCount(0);
  await ui.screenshot(testInfo, 'fault-429-retrying');
  await ui.expectNoSeriousAxeViolations('workers while rate limited');

  await expect(consolePage.getByTestId('load-progress')).toHaveText(count, { timeout: 30_000 });
  await expect(consolePage.getByTestId('load-progress')).toHaveAttribute('data-state', 'done');
  await expect(retrying).toHaveCount(0);
  await expect(consolePage.getByTestId('error-note')).toHaveCount(0);
  await expect(consolePage.getByTestId('workers-table')).toHaveAttribute(
    'aria-rowcount',
    String(deel.workerCount + 1),
  );
  expect(deel.getFaults().rateLimitStorm).toBe(false);
});

test('5xx burst: errors next to their cause with a copyable request id; retries succeed once it clears', async ({
  consoleApp,
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.pickEorWorker();
  await ui.mint();

  deel.setFaults({ errorRate: 1 });

  // The workers list: the error sits above the table, with a Try again.
  await consolePage.getByRole('button', { name: /^Name/ }).click();
  const listError = consolePage.getByTestId('workers-error');
  await expect(listError).toHaveAttribute('data-kind', 'server', { timeout: 20_000 });
  await expect(listError).toContainText('Loading workers failed');
  await expect(listError).toContainText('Deel had a server error (500). Deel said:');
  await expect(consolePage.getByTestId('workers-empty')).toHaveText(
    'The workers could not be loaded.',
  );
  await expect(consolePage.getByTestId('load-progress')).toHaveAttribute('data-state', 'error');
  const listRequestId = (await listError.getByTestId('request-id').innerText()).trim();
  expect(listRequestId).not.toBe('');
  await listError.getByRole('button', { name: 'Copy request id' }).click();
  await expect(listError.getByTestId('request-id-copied')).toHaveText('Copied');
  expect(await consoleApp.readClipboard()).toBe(listRequestId);
  await ui.screenshot(testInfo, 'fault-5xx-workers');
  await ui.expectNoSeriousAxeViolations('workers list with a 500');

  // The token panel: a revoke that Deel failed shows in the panel, next to the buttons.
  await ui.submitRevoke();
  const panelError = ui.panel().getByTestId('error-note');
  await expect(panelError).toContainText('Revoke failed', { timeout: 20_000 });
  await expect(panelError).toContainText('(500)');
  const revokeRequestId = (await panelError.getByTestId('request-id').innerText()).trim();
  expect(revokeRequestId).not.toBe(listRequestId);
  await panelError.getByRole('button', { name: 'Copy request id' }).click();
  await expect(panelError.getByTestId('request-id-copied')).toHaveText('Copied');
  expect(await consoleApp.readClipboard()).toBe(revokeRequestId);
  await expect(ui.panel().getByTestId('token-state').first()).toHaveAttribute('data-state', 'live');
  await ui.screenshot(testInfo, 'fault-5xx-revoke');
  await ui.expectNoSeriousAxeViolations('token panel with a 500');
  await consolePage.emulateMedia({ colorScheme: 'dark' });
  await ui.screenshot(testInfo, 'fault-5xx-revoke-dark');
  await ui.expectNoSeriousAxeViolations('errors with a 500 (dark)');
  await consolePage.emulateMedia({ colorScheme: 'light' });

  // The burst ends: both retries succeed.
  deel.setFaults({ errorRate: 0 });
  await listError.getByRole('button', { name: 'Try again' }).click();
  await ui.listSettled();
  await expect(listError).toHaveCount(0);
  await ui.revoke();
  await expect(ui.panel().getByTestId('revoke-note')).toHaveText(/Revoked on Deel/);
  await expect(ui.panel().getByTestId('error-note')).toHaveCount(0);
  await ui.expectNoTokenAnywhere();
});

test('outcome unknown: a mint whose answer never came offers Re-mint and Revoke to be sure', async ({
  consolePage,
  deel,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  const worker = await ui.pickEorWorker(1);

  const dialog = await ui.openMintDialog('Mint token');
  await ui.giveConsent();
  deel.setFaults({ dropRate: 1 });
  await ui.submitMint();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  const unknown = ui.panel().getByTestId('outcome-unknown');
  await expect(unknown).toContainText(
    `Outcome unknown: Deel may have minted a token for ${worker.name}`,
  );
  await expect(unknown.getByRole('button', { name: 'Re-mint' })).toBeVisible();
  await expect(unknown.getByRole('button', { name: 'Revoke to be sure' })).toBeVisible();
  await expect(ui.tokenState(worker.id)).toHaveAttribute('data-state', 'outcome-unknown');
  await ui.screenshot(testInfo, 'fault-outcome-unknown');
  await ui.expectNoSeriousAxeViolations('token panel after an outcome-unknown mint');

  deel.setFaults({ dropRate: 0 });
  await unknown.getByRole('button', { name: 'Re-mint' }).click();
  await expect(dialog).toBeVisible();
  await ui.giveConsent();
  await ui.submitMint();
  await expect(dialog).toBeHidden();
  await expect(ui.tokenState(worker.id)).toHaveAttribute('data-state', 'live');
  await expect(unknown).toHaveCount(0);
  await ui.action('Verify').click();
  await expect(ui.panel().getByTestId('verify-note')).toContainText(worker.name.split(' ')[0]!);
  await ui.expectNoTokenAnywhere();
});
