import { expect, type Locator } from '@playwright/test';
import type { RunningSimulator } from '../../../src-main/simulator';
import { ConsolePage } from './console-page';

const HOUR = 3600_000;
/** A worker token's life at Deel (the simulator's too). */
export const TOKEN_LIFE_MS = 24 * HOUR;

/** The Workers screen and token panel of issue 16, in the words of the screen. */
export class WorkersPage extends ConsolePage {
  search(): Locator {
    return this.page.getByTestId('worker-search');
  }

  rows(): Locator {
    return this.page.getByTestId('worker-row');
  }

  progress(): Locator {
    return this.page.getByTestId('load-progress');
  }

  mintAction(): Locator {
    return this.panel().getByTestId('mint-action');
  }

  copyAction(): Locator {
    return this.panel().getByTestId('copy-action');
  }

  /** Types a search and waits until its answer is complete (any number of rows, even none). */
  async searchFor(text: string): Promise<void> {
    await this.search().fill(text);
    // The progress line names the search its rows answer (the search is debounced).
    await expect(this.progress()).toHaveAttribute('data-search', text.trim(), { timeout: 30_000 });
    await expect(this.progress()).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  }

  async useSource(source: 'people' | 'contracts'): Promise<void> {
    await this.page.getByTestId('worker-source').selectOption(source);
    await expect(this.progress()).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  }

  /**
   * Mints for the selected worker while the Deel simulator's clock runs `leftMs` short of a
   * full token life behind this machine's: Deel's `expires_at` then lies `leftMs` from now.
   * The console's skew estimate is the median of recent answers, so this one mint's answer does
   * not correct it away: the token really does expire that soon, as far as the console knows.
   */
  async mintExpiringIn(deel: RunningSimulator, leftMs: number): Promise<void> {
    const before = deel.clock.now() - Date.now();
    deel.clock.advance(-(TOKEN_LIFE_MS - leftMs) - before);
    try {
      await this.mint();
    } finally {
      deel.clock.advance(TOKEN_LIFE_MS - leftMs + before);
    }
  }

  /** Settings: sets the clipboard clear delay and the expiry banner, and saves. */
  async saveSettings(change: { clipboardSeconds?: number; expiryBanner?: boolean }): Promise<void> {
    await this.go('settings');
    if (change.clipboardSeconds !== undefined) {
      await this.page.getByTestId('setting-clipboard').fill(String(change.clipboardSeconds));
    }
    if (change.expiryBanner !== undefined) {
      await this.page.getByTestId('setting-expiry-banner').setChecked(change.expiryBanner);
    }
    await this.page.getByRole('button', { name: 'Save settings' }).click();
    await expect(this.page.getByText('Saved.')).toBeVisible();
  }

  /** The pixel box of an element, to check that it did not move. */
  async box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await locator.boundingBox();
    expect(box).not.toBeNull();
    return box!;
  }
}
