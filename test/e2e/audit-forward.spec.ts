import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditExport } from '../../src-main/audit/export-verify';
import { expect, test } from './fixtures';
import { ConsolePage } from './support/console-page';
import { ForwardingSettings, LocalCollector } from './support/forwarding-page';

// Issue 17.7 end to end: forwarding is off until Settings names a collector; then every audit
// line reaches a local collector, never a token; and an NDJSON export verifies offline.

test('audit lines are forwarded to a local collector once configured, and the NDJSON export verifies', async ({
  consoleApp,
  consolePage,
}) => {
  const collector = await LocalCollector.start();
  try {
    const ui = await ConsolePage.opened(consolePage);
    await ui.go('settings');
    const forwarding = new ForwardingSettings(consolePage);
    await expect(forwarding.status()).toHaveText('Forwarding is off.');
    await forwarding.url().fill('ftp://siem.example.com/x');
    await consolePage.getByRole('button', { name: 'Save settings' }).click();
    await expect(consolePage.getByTestId('setting-audit-forward-url-error')).toContainText(
      'must be https',
    );
    // The collector's header value is write-only: kept by main, shown by its hint.
    const header = 'Splunk e2e-hec-token-77aa';
    await consolePage.getByTestId('setting-collector-authorization').fill(header);
    await consolePage.getByTestId('collector-authorization-save').click();
    await expect(consolePage.getByTestId('collector-authorization-status')).toHaveText(
      'Sent as the Authorization header: …77aa (sealed by the system keyring).',
    );
    await expect(consolePage.getByTestId('setting-collector-authorization')).toHaveValue('');
    await forwarding.forwardTo(collector.url);

    await ui.go('workers');
    await ui.pickEorWorker();
    await ui.mint();
    await ui.action('Copy').click();
    await expect(ui.panel().getByTestId('copy-note')).toContainText('Copied.');
    const token = await consoleApp.readClipboard();
    expect(token).toMatch(/^sim_wkr_/);
    await ui.revoke();

    // mint intent + success, copy, revoke intent + success.
    await expect.poll(() => collector.lines().length).toBeGreaterThanOrEqual(5);
    await ui.go('settings');
    await expect(forwarding.status()).toHaveText(
      'Forwarding on: every entry has been acknowledged by the collector.',
    );
    const received = collector.lines();
    expect(received.map((line) => JSON.parse(line).seq)).toEqual(
      received.map((_, index) => index + 1),
    );
    expect(collector.bodies.join('')).not.toContain(token);
    expect(collector.authorizations.every((value) => value === header)).toBe(true);
    expect(collector.bodies.join('')).not.toContain('e2e-hec-token');
    await ui.expectNoTokenAnywhere('e2e-hec-token-77aa');

    await ui.go('audit');
    await consolePage.getByTestId('audit-export-format').selectOption('ndjson');
    await expect(consolePage.getByTestId('audit-export')).toHaveText('Export NDJSON');
    await consolePage.getByTestId('audit-export').click();
    await expect(consolePage.getByTestId('audit-export-status')).toHaveText(
      /^Saved \d+ rows \(every entry\) to deel-console-audit-\d{4}-\d{2}-\d{2}\.ndjson in .+\.$/,
    );
    const [file] = readdirSync(consoleApp.exportDir).filter((name) => name.endsWith('.ndjson'));
    const path = join(consoleApp.exportDir, file!);
    const exported = readFileSync(path, 'utf8');
    expect(exported).not.toContain(token);
    // The export and the collector hold the same stored lines (the export may be newer).
    expect(exported.split('\n').filter(Boolean).slice(0, received.length)).toEqual(received);
    expect(await verifyAuditExport(path)).toMatchObject({ ok: true, complete: true });
  } finally {
    await collector.close();
  }
});
