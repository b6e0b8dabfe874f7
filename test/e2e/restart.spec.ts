import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';
import type { RunningSimulator } from '../../src-main/simulator';

// What the console shows after main was killed (SIGKILL, no clean-up) and started again on the
// same user data: the journaled bulk job, and what the audit log's anchor found missing.

/** Profile ids of the workers Deel holds a live token for (the simulator's truth route). */
async function liveAtDeel(deel: RunningSimulator): Promise<string[]> {
  const response = await fetch(`${deel.origin}/__sim/worker-sessions`);
  const body = (await response.json()) as { sessions: { profileId: string }[] };
  return body.sessions.map((s) => s.profileId).sort();
}

/** Whether main has written a running bulk job's journal, and how many revoke intents. */
async function writtenDown(dir: string): Promise<{ journal: boolean; intents: number }> {
  const names = await readdir(dir);
  const read = (prefix: string) =>
    Promise.all(
      names
        .filter((n) => n.startsWith(prefix) && n.endsWith('.json'))
        .map((n) => readFile(join(dir, n), 'utf8').catch(() => '')),
    );
  const journals = await read('bulk-revoke-');
  const sessions = (await read('sessions-')).join('');
  return {
    journal: journals.some((text) => text.includes('"state":"running"')),
    intents: sessions.split('"pendingCall":"revoke"').length - 1,
  };
}

test('killed during a bulk revoke: the restarted console shows the job as interrupted, and Resume finishes it', async ({
  consolePage,
  deel,
  relaunch,
  consoleRun,
}, testInfo) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.eorOnly();
  const workers = [await ui.workerAt(0), await ui.workerAt(1), await ui.workerAt(2)];
  for (const worker of workers) {
    await ui.select(worker.id);
    await ui.mint();
  }
  const minted = workers.map((w) => w.id).sort();
  expect(await liveAtDeel(deel)).toEqual(minted);

  // Every answer now takes 3 s: the job is still running when main is killed.
  deel.setFaults({ latency: { fixedMs: 3_000, jitterMs: 0 } });
  await ui.go('live');
  await consolePage.getByTestId('select-all').check();
  await consolePage.getByTestId('bulk-revoke').click();
  await consolePage.getByRole('dialog').getByRole('button', { name: 'Revoke 3' }).click();
  await expect(consolePage.getByTestId('bulk-run')).toContainText('in progress');
  // The page says "in progress" at the click: kill main once it has written the job down (the
  // journal, and each DELETE's intent), which is when a kill leaves something to resume.
  await expect
    .poll(() => writtenDown(consoleRun.userDataDir), { timeout: 10_000 })
    .toEqual({ journal: true, intents: 3 });
  const restarted = await relaunch();
  deel.setFaults({ latency: { fixedMs: 0, jitterMs: 0 } });

  const after = await ConsolePage.opened(restarted.page);
  await expect(restarted.page.getByTestId('org-name')).toHaveText(deel.orgName);
  await after.go('live');
  const panel = restarted.page.getByTestId('unfinished-job');
  await expect(panel).toHaveAttribute('data-state', 'interrupted');
  await expect(panel).toContainText('the console closed while it ran');
  await after.screenshot(testInfo, 'restart-interrupted-job');
  await after.expectNoSeriousAxeViolations('interrupted bulk job');

  await restarted.page.getByTestId('bulk-resume').click();
  await expect(restarted.page.getByTestId('bulk-run')).toContainText('finished');
  await expect(restarted.page.getByTestId('unfinished-job')).toHaveCount(0);
  expect(await liveAtDeel(deel)).toEqual([]);
  await after.expectNoTokenAnywhere();
});

test('entries cut from the audit log while the console was down: the Audit screen names the loss', async ({
  consolePage,
  deel,
  relaunch,
}) => {
  const ui = await ConsolePage.opened(consolePage);
  await ui.connectTo(deel);
  await ui.pickEorWorker();
  await ui.mint();
  await ui.revoke();

  const restarted = await relaunch(async (userDataDir) => {
    // Remove the last two entries, as someone covering their tracks would.
    const path = join(userDataDir, 'audit-log.jsonl');
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    await writeFile(path, `${lines.slice(0, -2).join('\n')}\n`);
  });

  const after = await ConsolePage.opened(restarted.page);
  await after.go('audit');
  const incidents = restarted.page.getByTestId('chain-incidents');
  await expect(incidents).toHaveAttribute('role', 'alert');
  await expect(incidents).toContainText('2 were removed from its end');
  await after.expectNoSeriousAxeViolations('audit incidents');
});
