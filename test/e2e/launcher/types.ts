import type { Page } from 'playwright-core';
import type { LauncherName } from './detect';

export interface LaunchedConsole {
  launcher: LauncherName;
  /** The console's window. */
  page: Page;
  /** The demo simulator behind the console, where the launcher can tell. */
  simulatorUrl: string | null;
  /** Where "Export CSV" saves, with the save dialog answered (a folder this run owns). */
  exportDir: string;
  /** What the console's Copy put on the (system or stand-in) clipboard. */
  readClipboard(): Promise<string>;
  close(): Promise<void>;
  /** Ends main abruptly (SIGKILL), as a crash or a power cut would: nothing gets to clean up. */
  crash(): Promise<void>;
}
