import type { Page } from 'playwright-core';
import type { LauncherName } from './detect';

export interface LaunchedConsole {
  launcher: LauncherName;
  /** The console's window. */
  page: Page;
  /** The demo simulator behind the console, where the launcher can tell. */
  simulatorUrl: string | null;
  close(): Promise<void>;
}
