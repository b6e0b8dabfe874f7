import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { RunningSimulator } from '../../../src-main/simulator';

export type ScreenName = 'workers' | 'live' | 'audit' | 'incident' | 'connect' | 'settings';

/** Simulator token prefixes: a worker token, and the organization/personal tokens. */
export const WORKER_TOKEN_PATTERN = /sim_wkr_[A-Za-z0-9_-]+/;
export const ORG_TOKEN_PATTERN = /sim_(org|pat)_[A-Za-z0-9_-]+/;

/** A simulator standing in for a Deel account: where it is, its organization, its tokens. */
export type DeelAccount = Pick<RunningSimulator, 'url' | 'orgName' | 'tokens'>;

/** The mint action: "Mint token", or "Replace token" while the worker has a live one. */
const MINT_ACTION = /^(Mint|Replace) token$/;

/** Page object for the operator console: the flows, in the words of the screens. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  /** The console on `page`, once it shows its organization and first rows. */
  static async opened(page: Page): Promise<ConsolePage> {
    const ui = new ConsolePage(page);
    await ui.open();
    return ui;
  }

  async open(): Promise<void> {
    await expect(this.page.getByTestId('org-name')).toBeVisible();
    await expect(this.firstRow()).toBeVisible();
  }

  nav(screen: ScreenName): Locator {
    return this.page.getByTestId(`nav-${screen}`);
  }

  async go(screen: ScreenName): Promise<void> {
    await this.nav(screen).click();
    await expect(this.nav(screen)).toHaveAttribute('aria-current', 'page');
  }

  firstRow(): Locator {
    return this.page.getByTestId('worker-row').first();
  }

  rowFor(workerId: string): Locator {
    return this.page.locator(`[data-testid="worker-row"][data-worker-id="${workerId}"]`);
  }

  /** The name and id of the n-th row currently in the table. */
  async workerAt(index: number): Promise<{ id: string; name: string }> {
    const row = this.page.getByTestId('worker-row').nth(index);
    await expect(row).toBeVisible();
    const id = (await row.getAttribute('data-worker-id'))!;
    const name = (await row.getByRole('button').innerText()).trim();
    return { id, name };
  }

  /** Searches (server side, debounced) and waits until the worker's row is shown. */
  async find(name: string, id: string): Promise<Locator> {
    await this.page.getByTestId('worker-search').fill(name);
    await this.searchSettled(name);
    const row = this.rowFor(id);
    await expect(row).toBeVisible();
    return row;
  }

  /** Waits until the debounced search has run: every row shown matches the text. */
  async searchSettled(text: string): Promise<void> {
    const rows = this.page.getByTestId('worker-row');
    await expect(rows.filter({ hasNotText: text })).toHaveCount(0);
    await expect(rows.first()).toBeVisible();
    const progress = this.page.getByTestId('load-progress');
    await expect(progress).toHaveAttribute('data-state', 'done');
    await expect(progress).toHaveText(/^[\d,]+ workers?$/);
  }

  panel(): Locator {
    return this.page.getByTestId('token-panel');
  }

  /** A token action by its name: a string is the whole name ("Copy" is not "Copy as curl"). */
  action(name: string | RegExp): Locator {
    return this.panel()
      .getByRole('group', { name: 'Token actions' })
      .getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** The token state shown in the worker's row. */
  tokenState(workerId: string): Locator {
    return this.rowFor(workerId).getByTestId('token-state');
  }

  async select(id: string): Promise<void> {
    await this.rowFor(id).getByRole('button').click();
    await expect(this.panel()).toBeVisible();
  }

  /** Selects the n-th row currently in the table (its token panel opens); returns the worker. */
  async pickWorker(index: number): Promise<{ id: string; name: string }> {
    const worker = await this.workerAt(index);
    await this.select(worker.id);
    return worker;
  }

  /** Turns on "EOR only" (worker tokens are for EOR workers), then picks the n-th row. */
  async pickEorWorker(index = 0): Promise<{ id: string; name: string }> {
    await this.eorOnly();
    return this.pickWorker(index);
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Clicks the selected worker's mint action and waits for the mint dialog. */
  async openMintDialog(action: string | RegExp = MINT_ACTION): Promise<Locator> {
    await this.action(action).click();
    const dialog = this.dialog();
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** In the mint dialog: ticks "The worker's consent was obtained." */
  async giveConsent(): Promise<void> {
    await this.dialog().getByLabel("The worker's consent was obtained.").check();
  }

  /** In the mint dialog: clicks "Mint token" (or "Replace token"), leaving the outcome to the caller. */
  async submitMint(): Promise<void> {
    await this.dialog().getByRole('button', { name: MINT_ACTION }).click();
  }

  /** Mints for the selected worker, with consent, and waits until its token is live. */
  async mint(): Promise<void> {
    const dialog = await this.openMintDialog();
    await this.giveConsent();
    await this.submitMint();
    await expect(dialog).toBeHidden();
    await expect(this.panel().getByTestId('token-state').first()).toHaveAttribute(
      'data-state',
      'live',
    );
  }

  /** Clicks Revoke and confirms, leaving the outcome for the caller to assert. */
  async submitRevoke(): Promise<void> {
    await this.action('Revoke').click();
    await this.dialog().getByRole('button', { name: 'Revoke token' }).click();
  }

  async revoke(): Promise<void> {
    await this.submitRevoke();
    await expect(this.dialog()).toBeHidden();
    await expect(this.panel().getByTestId('revoke-note')).toBeVisible();
  }

  /** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
  async tabTo(target: Locator, { max = 80, back = false } = {}): Promise<void> {
    for (let i = 0; i < max; i++) {
      const focused = await target
        .evaluate((el) => el === document.activeElement, undefined, { timeout: 1000 })
        .catch(() => false);
      if (focused) return;
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`could not reach ${target} with the keyboard in ${max} presses`);
  }

  /**
   * Keyboard only: Tab into the table (one Tab stop, roving tabindex), then arrow down to the
   * worker's row.
   */
  async focusRowByKeyboard(workerId: string, { max = 60 } = {}): Promise<void> {
    await this.tabTo(this.page.locator('[data-testid="worker-row"] button[tabindex="0"]'));
    const target = this.rowFor(workerId).getByRole('button');
    for (let i = 0; i < max; i++) {
      const focused = await target
        .evaluate((el) => el === document.activeElement, undefined, { timeout: 1000 })
        .catch(() => false);
      if (focused) return;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not reach worker ${workerId} with the arrow keys`);
  }

  /**
   * Connect screen: Custom URL + pasted token, then "Check and connect". Leaves the result (the
   * organization, or the error) on screen for the caller to assert.
   */
  async connectCustom(baseUrl: string, token: string): Promise<void> {
    await this.go('connect');
    await this.page.getByTestId('connect-environment').selectOption('custom');
    await this.page.getByLabel('Base URL').fill(baseUrl);
    await this.page.getByTestId('connect-token').fill(token);
    await this.page.getByTestId('connect-submit').click();
  }

  /**
   * Connects to a simulated Deel account through the Connect screen (with its admin token unless
   * told otherwise) and waits until its workers have all loaded.
   */
  async connectTo(deel: DeelAccount, token = deel.tokens.admin): Promise<void> {
    await this.connectCustom(deel.url, token);
    await expect(this.page.getByTestId('connect-ok')).toContainText(deel.orgName);
    await expect(this.page.getByTestId('header-org')).toHaveText(deel.orgName);
    await this.go('workers');
    await expect(this.page.getByTestId('org-name')).toHaveText(deel.orgName);
    await this.listSettled();
  }

  /** Waits until the workers list has finished streaming and shows rows. */
  async listSettled(): Promise<void> {
    const progress = this.page.getByTestId('load-progress');
    await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(progress).toHaveText(/^[\d,]+ workers?$/);
    await expect(this.firstRow()).toBeVisible();
  }

  /** Turns on the "EOR only" preset (worker tokens are for EOR workers) and waits for it. */
  async eorOnly(): Promise<void> {
    const preset = this.page.getByRole('button', { name: 'EOR only' });
    await preset.click();
    await expect(preset).toHaveAttribute('aria-pressed', 'true');
    await this.listSettled();
    await expect(
      this.page
        .getByTestId('worker-row')
        .filter({ hasNot: this.page.getByRole('cell', { name: 'EOR', exact: true }) }),
    ).toHaveCount(0);
  }

  /** Everything the page could leak a token through: DOM, web storage, IndexedDB. */
  async storageSnapshot(): Promise<{
    html: string;
    local: string;
    session: string;
    indexedDb: string;
  }> {
    return this.page.evaluate(async () => {
      const dump = (storage: Storage) =>
        JSON.stringify(Object.fromEntries(Object.entries({ ...storage })));
      const dbs = (await indexedDB.databases?.()) ?? [];
      const dumps: string[] = [];
      for (const info of dbs) {
        if (!info.name) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(info.name!);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of db.objectStoreNames) {
          const all = await new Promise<unknown[]>((resolve) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => resolve([]);
          });
          dumps.push(JSON.stringify(all));
        }
        db.close();
      }
      return {
        html: document.documentElement.outerHTML,
        local: dump(localStorage),
        session: dump(sessionStorage),
        indexedDb: dumps.join('\n'),
      };
    });
  }

  async expectNoTokenAnywhere(token?: string): Promise<void> {
    const snapshot = await this.storageSnapshot();
    for (const [where, text] of Object.entries(snapshot)) {
      expect(text, `a worker token in ${where}`).not.toMatch(WORKER_TOKEN_PATTERN);
      expect(text, `an org token in ${where}`).not.toMatch(ORG_TOKEN_PATTERN);
      if (token) expect(text, `the revealed token in ${where}`).not.toContain(token);
    }
  }

  async expectNoSeriousAxeViolations(label: string): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    const serious = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(
      serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target).join(', ')}`),
      `axe on ${label}`,
    ).toEqual([]);
  }

  /** A full-page screenshot; `mask` covers elements that must not be in it (a revealed token). */
  async screenshot(
    testInfo: TestInfo,
    name: string,
    options: { mask?: Locator[] } = {},
  ): Promise<void> {
    await this.page.screenshot({
      path: testInfo.outputPath(`${name}.png`),
      fullPage: true,
      ...(options.mask && { mask: options.mask }),
    });
  }
}
