import type { App } from 'electron';

/** How long a quit may wait for the console to write what it owes to disk. */
export const QUIT_TIMEOUT_MS = 10_000;

export interface QuitGuardOptions {
  app: Pick<App, 'on' | 'quit'>;
  /** Waits for running calls, then writes the sessions file and the audit log, clears the clipboard. */
  close: () => Promise<void>;
  timeoutMs?: number;
  /** Told when closing failed or ran out of time (nothing secret in it). */
  onProblem?: (problem: string) => void;
}

/**
 * Electron does not wait for promises at quit: work started in `will-quit` and not awaited is
 * cut off when the process exits. So the first quit is held back (`before-quit` prevented)
 * until `close()` has finished, or the time limit has passed, and then the app quits for real.
 * A second quit request while closing (the operator pressing Quit again) waits for the same
 * close instead of starting another.
 */
export function guardQuit({
  app,
  close,
  timeoutMs = QUIT_TIMEOUT_MS,
  onProblem,
}: QuitGuardOptions): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    void Promise.race([close().then(() => 'closed' as const), timeout])
      .then(
        (outcome) => {
          if (outcome === 'timeout') onProblem?.(`closing took longer than ${timeoutMs} ms`);
        },
        (error: unknown) =>
          onProblem?.(`closing failed: ${error instanceof Error ? error.name : 'error'}`),
      )
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        app.quit();
      });
  });
}
