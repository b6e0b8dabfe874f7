import { createServer } from 'node:net';
import { expect, type Locator, type Page } from '@playwright/test';
import { minWindowSize } from '../../../src-shared/layout';
import { ConsolePage } from './console-page';

/** The window sizes the layout is checked at (the first is the window's minimum size). */
export const windowSizes = [
  { width: minWindowSize.width, height: minWindowSize.height },
  { width: 1024, height: 700 },
  { width: 1280, height: 820 },
  { width: 1920, height: 1080 },
] as const;

export type WindowSize = (typeof windowSizes)[number];

export const sizeName = ({ width, height }: { width: number; height: number }): string =>
  `${width}x${height}`;

/** A loopback URL nothing listens on (a port just freed): connecting to it is refused. */
export async function closedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** What the layout checks find about one element: is it cut, and where is it. */
interface ClipReport {
  text: string;
  /** The element's box reaches past the box of the cell that holds it. */
  outsideCell: boolean;
  /** The cell's content is wider than the cell (so something in it is cut off). */
  cellOverflows: boolean;
}

/** Layout checks of the console's screens, on top of the page object's flows. */
export class LayoutPage extends ConsolePage {
  static override async opened(page: Page): Promise<LayoutPage> {
    const ui = new LayoutPage(page);
    await ui.open();
    return ui;
  }

  /** Resizes the window (both launchers emulate the viewport) and lets the layout settle. */
  async resize(size: { width: number; height: number }): Promise<void> {
    await this.page.setViewportSize(size);
    await expect
      .poll(() => this.page.evaluate(() => [window.innerWidth, window.innerHeight]))
      .toEqual([size.width, size.height]);
    // Two frames: the virtualised tables measure their scroll box after a resize.
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
        ),
    );
  }

  /**
   * Mints tokens for the first `count` EOR workers through the panel, so countdowns show in
   * the Workers and Live tokens screens. Leaves the last of them selected.
   */
  async mintFor(count: number): Promise<{ id: string; name: string }[]> {
    await this.eorOnly();
    const workers: { id: string; name: string }[] = [];
    for (let index = 0; index < count; index++) {
      const worker = await this.pickWorker(index);
      await this.mint();
      workers.push(worker);
    }
    return workers;
  }

  /** Every countdown shown in `scope`, with whether it, or its cell, is cut off. */
  async countdownClips(scope: Locator): Promise<ClipReport[]> {
    return scope.getByTestId('countdown').evaluateAll((elements) =>
      elements.map((element) => {
        const cell =
          element.closest<HTMLElement>('[role="cell"], .wt-cell, dd, p, div') ??
          element.parentElement!;
        const box = element.getBoundingClientRect();
        const cellBox = cell.getBoundingClientRect();
        return {
          text: element.textContent ?? '',
          outsideCell: box.left < cellBox.left - 0.5 || box.right > cellBox.right + 0.5,
          cellOverflows: cell.scrollWidth > cell.clientWidth + 0.5,
        };
      }),
    );
  }

  /** Fails when any countdown in `scope` is cut; returns how many were checked. */
  async expectNoClippedCountdown(scope: Locator, label: string): Promise<number> {
    const reports = await this.countdownClips(scope);
    const clipped = reports.filter((r) => r.outsideCell || r.cellOverflows);
    expect(clipped, `clipped countdowns in ${label}`).toEqual([]);
    for (const r of reports) expect(r.text, `countdown text in ${label}`).toMatch(/\d\d:\d\d:\d\d/);
    return reports.length;
  }

  /**
   * The column header is on screen, or is brought there by scrolling its table sideways: then
   * it is wholly inside the table's visible width and its text is not cut.
   */
  async expectColumnReachable(table: Locator, name: string): Promise<void> {
    const header = table.getByRole('columnheader', { name, exact: false });
    await expect(header, `${name} column`).toHaveCount(1);
    await header.scrollIntoViewIfNeeded();
    await expect(header, `${name} column on screen`).toBeInViewport({ ratio: 1 });
    const fits = await header.evaluate(
      (element, tableElement) => {
        const box = element.getBoundingClientRect();
        const tableBox = (tableElement as HTMLElement).getBoundingClientRect();
        return (
          box.left >= tableBox.left - 0.5 &&
          box.right <= tableBox.right + 0.5 &&
          element.scrollWidth <= element.clientWidth + 0.5
        );
      },
      await table.elementHandle(),
    );
    expect(fits, `${name} header wholly inside the table, its text not cut`).toBe(true);
  }

  /** Where the token panel is relative to the workers table. */
  async panelPlacement(): Promise<'below' | 'beside'> {
    const table = await this.page.getByTestId('workers-table').boundingBox();
    const panel = await this.panel().boundingBox();
    if (!table || !panel) throw new Error('the workers table or the token panel is not shown');
    if (panel.y >= table.y + table.height - 0.5) return 'below';
    expect(panel.x, 'a panel not below the table is to its right').toBeGreaterThanOrEqual(
      table.x + table.width - 0.5,
    );
    return 'beside';
  }
}
