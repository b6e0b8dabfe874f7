import { expect, type Locator, type Page } from '@playwright/test';
import { ConsolePage, type DeelAccount } from './console-page';

/** Connection profiles in the words of the screens: the header switcher, Connect, All profiles. */
export class ProfilesPage extends ConsolePage {
  static override async opened(page: Page): Promise<ProfilesPage> {
    const ui = new ProfilesPage(page);
    await ui.open();
    return ui;
  }

  /** The header's switcher button (its name says the active profile). */
  switcher(): Locator {
    return this.page.getByTestId('profile-switcher');
  }

  /** The active profile's name as the header shows it. */
  headerProfile(): Locator {
    return this.page.getByTestId('header-profile');
  }

  option(profileName: string): Locator {
    return this.page.getByTestId('profile-option').filter({ hasText: profileName });
  }

  /** One step from the header: open the switcher, click the profile. No token is entered. */
  async switchTo(profileName: string): Promise<void> {
    await this.switcher().click();
    await expect(this.switcher()).toHaveAttribute('aria-expanded', 'true');
    await this.option(profileName).click();
    await expect(this.headerProfile()).toHaveText(profileName);
    await expect(this.page.getByTestId('profile-list')).toHaveCount(0);
  }

  /**
   * Connect screen, Custom URL: the token, and (when given) a profile name and where to save
   * it. Leaves the outcome on screen for the caller.
   */
  async submitConnect(
    deel: DeelAccount,
    { profileName, save }: { profileName?: string; save?: 'new' | 'replace' } = {},
  ): Promise<void> {
    await this.go('connect');
    await this.page.getByTestId('connect-environment').selectOption('custom');
    await this.page.getByLabel('Base URL').fill(deel.url);
    if (save) await this.page.getByTestId(`connect-save-${save}`).check();
    if (profileName !== undefined)
      await this.page.getByTestId('connect-profile-name').fill(profileName);
    await this.page.getByTestId('connect-token').fill(deel.tokens.admin);
    await this.page.getByTestId('connect-submit').click();
  }

  /** Connects to the account as a new profile and waits until its workers have loaded. */
  async connectAsProfile(deel: DeelAccount, profileName: string): Promise<void> {
    await this.submitConnect(deel, { profileName });
    await expect(this.page.getByTestId('connect-ok')).toContainText(deel.orgName);
    await expect(this.page.getByTestId('header-org')).toHaveText(deel.orgName);
    await expect(this.headerProfile()).toHaveText(profileName);
    await this.go('workers');
    await expect(this.page.getByTestId('org-name')).toHaveText(deel.orgName);
    await this.listSettled();
  }

  /** "EOR only" on, whether or not it already was (the filter outlives a profile switch). */
  async ensureEorOnly(): Promise<void> {
    const preset = this.page.getByRole('button', { name: 'EOR only' });
    if ((await preset.getAttribute('aria-pressed')) !== 'true') await this.eorOnly();
    else await this.listSettled();
  }

  /** Mints for the first EOR worker listed; returns it. */
  async mintFirstEor(): Promise<{ id: string; name: string }> {
    await this.ensureEorOnly();
    const worker = await this.pickWorker(0);
    await this.mint();
    return worker;
  }

  /** Live tokens → All profiles. */
  async openAllProfiles(): Promise<void> {
    await this.go('live');
    const all = this.page.getByTestId('live-scope-all');
    await all.click();
    await expect(all).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.getByTestId('all-tokens-count')).toContainText('Deel may hold');
  }

  /** The "All profiles" row of a worker's token. */
  allRow(workerId: string): Locator {
    return this.page.locator(`[data-testid="all-tokens-row"][data-worker-id="${workerId}"]`);
  }
}
