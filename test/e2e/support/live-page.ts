import { expect, type Locator, type Page } from '@playwright/test';
import type { ConsolePage } from './console-page';

/** A worker as the Workers table lists it: what the Live tokens screens must show back. */
export interface ListedWorker {
  id: string;
  name: string;
  email: string;
}

/** What a simulator says is live on "Deel" (its loopback truth route): profile ids. */
export async function liveOnDeel(origin: string): Promise<Set<string>> {
  const response = await fetch(`${origin}/__sim/worker-sessions`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { sessions: { profileId: string }[] };
  return new Set(body.sessions.map((s) => s.profileId));
}

/** Page object for the Live tokens screen and its bulk revoke, in the words of the screen. */
export class LivePage {
  readonly page: Page;

  constructor(readonly ui: ConsolePage) {
    this.page = ui.page;
  }

  rows(): Locator {
    return this.page.getByTestId('live-row');
  }

  row(workerId: string): Locator {
    return this.page.locator(`[data-testid="live-row"][data-worker-id="${workerId}"]`);
  }

  checkbox(workerId: string): Locator {
    return this.row(workerId).getByRole('checkbox');
  }

  revokeSelected(): Locator {
    return this.page.getByTestId('bulk-revoke');
  }

  confirmation(): Locator {
    return this.page.getByTestId('bulk-dialog');
  }

  confirmItems(): Locator {
    return this.page.getByTestId('bulk-confirm-item');
  }

  results(): Locator {
    return this.page.getByTestId('bulk-result');
  }

  result(workerId: string): Locator {
    return this.page.locator(`[data-testid="bulk-result"][data-worker-id="${workerId}"]`);
  }

  summary(): Locator {
    return this.page.getByTestId('bulk-summary');
  }

  /** The worker as the Workers table row shows it (name, email, id). */
  async listed(workerId: string): Promise<ListedWorker> {
    const row = this.ui.rowFor(workerId);
    await expect(row).toBeVisible();
    const name = (await row.getByRole('button').innerText()).trim();
    const email = (await row.getByRole('cell').nth(1).innerText()).trim();
    return { id: workerId, name, email };
  }

  /** Mints, through the Workers screen, for the n-th rows shown; returns them as listed. */
  async mintForRows(indexes: number[]): Promise<ListedWorker[]> {
    const minted: ListedWorker[] = [];
    for (const index of indexes) {
      const { id } = await this.ui.workerAt(index);
      const worker = await this.listed(id);
      await this.ui.select(id);
      await this.ui.mint();
      minted.push(worker);
    }
    return minted;
  }

  /** Asserts the element names the worker the way this screen must: name, email and id. */
  async expectNames(where: Locator, worker: ListedWorker): Promise<void> {
    await expect(where).toContainText(worker.name);
    await expect(where.getByTestId('worker-email')).toHaveText(worker.email);
    await expect(where.getByTestId('worker-id')).toHaveText(worker.id);
  }

  /** Confirms the open bulk confirmation ("Revoke N"). */
  async confirm(count: number): Promise<void> {
    await this.confirmation()
      .getByRole('button', { name: `Revoke ${count}` })
      .click();
    await expect(this.confirmation()).toBeHidden();
  }
}
