import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export type ScreenName = 'workers' | 'live' | 'audit' | 'connect' | 'settings';

/** Simulator token prefixes: a worker token, and the organization/personal tokens. */
export const WORKER_TOKEN_PATTERN = /sim_wkr_[A-Za-z0-9_-]+/;
export const ORG_TOKEN_PATTERN = /sim_(org|pat)_[A-Za-z0-9_-]+/;

/** Page object for the operator console: the flows, in the words of the screens. */
export class ConsolePage {
  constructor(readonly page: Page) {}

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

  action(name: string | RegExp): Locator {
    return this.panel().getByRole('group', { name: 'Token actions' }).getByRole('button', { name });
  }

  async select(id: string): Promise<void> {
    await this.rowFor(id).getByRole('button').click();
    await expect(this.panel()).toBeVisible();
  }

  async mint(): Promise<void> {
    await this.action(/^Mint (new )?token$/).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("The worker's consent was obtained.").check();
    await dialog.getByRole('button', { name: 'Mint token' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.panel().getByTestId('token-state').first()).toHaveAttribute(
      'data-state',
      'live',
    );
  }

  async revoke(): Promise<void> {
    await this.action('Revoke').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await expect(dialog).toBeHidden();
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

  /** Connects to an organization and waits until its workers have all loaded. */
  async connectTo(baseUrl: string, token: string, orgName: string): Promise<void> {
    await this.connectCustom(baseUrl, token);
    await expect(this.page.getByTestId('connect-ok')).toContainText(orgName);
    await expect(this.page.getByTestId('header-org')).toHaveText(orgName);
    await this.go('workers');
    await expect(this.page.getByTestId('org-name')).toHaveText(orgName);
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

  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    await this.page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  }
}
