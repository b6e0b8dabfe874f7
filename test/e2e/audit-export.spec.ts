import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';

test('the audit log exports to CSV: every entry, oldest first, no token', async ({
  consoleApp,
  consolePage,
}) => {
  const ui = await ConsolePage.opened(consolePage);
  const worker = await ui.pickEorWorker();
  await ui.mint();
  await ui.action('Copy').click();
  // The copy is audited before the clipboard is written: wait until the panel says it is done.
  await expect(ui.panel().getByTestId('copy-note')).toContainText('Copied.');
  const token = await consoleApp.readClipboard();
  expect(token).toMatch(/^sim_wkr_/);
  await ui.revoke();

  await ui.go('audit');
  await consolePage.getByTestId('audit-export').click();
  // No filter set: what is shown is every entry, and the status says where the file went.
  await expect(consolePage.getByTestId('audit-export-status')).toHaveText(
    /^Saved 5 rows \(every entry\) to deel-console-audit-\d{4}-\d{2}-\d{2}\.csv in .+\.$/,
  );

  const [file] = readdirSync(consoleApp.exportDir);
  expect(file).toMatch(/^deel-console-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(join(consoleApp.exportDir, file!), 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  // Oldest first; each call written down (intent) before it was sent, then its outcome; the
  // copy of the token is a line of its own (reading a secret is an event).
  expect(lines).toHaveLength(6);
  expect(lines[0]).toMatch(/action/);
  expect(lines[1]).toMatch(/mint.*intent/);
  expect(lines[2]).toMatch(/mint.*success/);
  expect(lines[2]).toContain(worker.id);
  expect(lines[3]).toMatch(/,copy,.*success/);
  expect(lines[4]).toMatch(/revoke.*intent/);
  expect(lines[5]).toMatch(/revoke.*success/);
  expect(csv).not.toContain(token);
});
