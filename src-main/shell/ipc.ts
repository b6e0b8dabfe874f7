import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import type { Dispatch } from '../ipc/dispatch';
import { channelsOf } from '../ipc/dispatch';

export type SenderCheck = (frame: WebFrameMain | null) => boolean;

/**
 * Accepts only the app's own top-level frame, loaded from the app's own renderer URL.
 * `rendererUrl` is the file:// URL of the packaged index.html, or the dev server's origin.
 */
export function appFrameOnly(rendererUrl: string): SenderCheck {
  const expected = new URL(rendererUrl);
  return (frame) => {
    if (!frame || frame.parent !== null) return false;
    let url: URL;
    try {
      url = new URL(frame.url);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:')
      return url.protocol === 'file:' && url.pathname === expected.pathname;
    return url.origin === expected.origin;
  };
}

/** Registers every contract channel with `invoke` semantics; nothing is reachable by `send`/`sendSync`. */
export function registerIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck,
): void {
  for (const channel of channelsOf()) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return {
          ok: false,
          error: {
            kind: 'forbidden-sender',
            message: 'Request refused: it did not come from the console window.',
          },
        };
      }
      return dispatch(channel, input);
    });
  }
}
