import { expect, type Locator, type Page } from '@playwright/test';
import type { ConsolePage } from './console-page';

/** The Audit screen and the few things around it the issue-16 specs need, in its own words. */
export class AuditPage {
  constructor(
    readonly ui: ConsolePage,
    readonly page: Page = ui.page,
  ) {}

  /** Opens the Audit screen and waits for its first row. */
  async open(): Promise<void> {
    await this.ui.go('audit');
    await expect(this.rows().first()).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('audit-row');
  }

  /** The rows about one worker, optionally of one action and outcome (data attributes). */
  rowsFor(workerId: string, where: { action?: string; outcome?: string } = {}): Locator {
    const attributes = [
      `[data-worker-id="${workerId}"]`,
      ...(where.action ? [`[data-action="${where.action}"]`] : []),
      ...(where.outcome ? [`[data-outcome="${where.outcome}"]`] : []),
    ].join('');
    return this.page.locator(`[data-testid="audit-row"]${attributes}`);
  }

  /** Waits until the table shows exactly `count` rows (the filters have been applied). */
  async expectRows(count: number): Promise<void> {
    if (count === 0) {
      await expect(this.rows()).toHaveCount(0);
      await expect(this.page.getByTestId('audit-table')).toContainText('No entries match.');
    } else {
      await expect(this.rows()).toHaveCount(count);
    }
  }

  async filterOrganization(name: string): Promise<void> {
    await this.page.getByTestId('audit-organization-filter').selectOption({ label: name });
  }

  async filterWorker(text: string): Promise<void> {
    await this.page.getByTestId('audit-worker-filter').fill(text);
  }

  async filterDays(from: string, to: string): Promise<void> {
    await this.page.getByTestId('audit-from').fill(from);
    await this.page.getByTestId('audit-to').fill(to);
  }

  async filterAction(label: string): Promise<void> {
    await this.page.getByTestId('audit-action').selectOption({ label });
  }

  async clearFilters(): Promise<void> {
    await this.page.getByTestId('audit-clear').click();
  }

  exportStatus(): Locator {
    return this.page.getByTestId('audit-export-status');
  }

  /** The page's own calendar day, shifted by `days` ("YYYY-MM-DD", the machine's zone). */
  async localDay(days = 0): Promise<string> {
    return this.page.evaluate((shift) => {
      const now = new Date();
      const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + shift);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
    }, days);
  }

  /**
   * The time zone the page runs in, as an operator's machine would be set (Chromium's own
   * emulation through CDP: the same under both launchers, which are both Chromium).
   */
  async emulateTimeZone(timezoneId: string): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId });
  }

  /** Settings → "Show times in" → local or UTC, saved. */
  async chooseTimeZone(zone: 'local' | 'utc'): Promise<void> {
    await this.ui.go('settings');
    await this.page.getByTestId(`setting-time-zone-${zone}`).check();
    await this.page.getByRole('button', { name: 'Save settings' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();
  }

  /**
   * Picks the n-th EOR worker whether or not the "EOR only" preset is still on (it may be kept
   * across a connection switch).
   */
  async pickEorWorker(index = 0): Promise<{ id: string; name: string }> {
    const preset = this.page.getByRole('button', { name: 'EOR only' });
    if ((await preset.getAttribute('aria-pressed')) === 'true') {
      await this.ui.listSettled();
      return this.ui.pickWorker(index);
    }
    return this.ui.pickEorWorker(index);
  }

  /** The email the Workers table shows for a worker (its second column). */
  async workerEmail(workerId: string): Promise<string> {
    const text = await this.ui.rowFor(workerId).getByRole('cell').nth(1).innerText();
    return text.trim();
  }
}
