import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Dispatch } from '../ipc/dispatch';
import { channelsOf } from '../ipc/dispatch';

/** What the sender check sees of an `invoke`: who sent it, from which frame. */
export type IpcSender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
export type SenderCheck = (event: IpcSender) => boolean;

/**
 * Accepts only the console window's own top-level frame, by identity: the event must come from
 * that window's `webContents` and from its main frame (same renderer process, same frame
 * token). No URL string is compared: a file:// or app:// URL can be spelled several ways (the
 * drive letter's case on Windows), and identity is what matters. `windowContents` answers the
 * console window's contents, or undefined while it has none.
 */
export function consoleWindowOnly(windowContents: () => WebContents | undefined): SenderCheck {
  return ({ sender, senderFrame }) => {
    const contents = windowContents();
    if (!contents || sender !== contents || contents.isDestroyed()) return false;
    const main = contents.mainFrame;
    if (!senderFrame || senderFrame.parent !== null) return false;
    return (
      senderFrame === main ||
      (senderFrame.processId === main.processId && senderFrame.frameToken === main.frameToken)
    );
  };
}

/** Keeps count of the calls still running, so that a quit can wait for them. */
export interface IpcRegistration {
  /** Resolves once every call dispatched so far has answered. */
  settled(): Promise<void>;
}

/** Registers every contract channel with `invoke` semantics; nothing is reachable by `send`/`sendSync`. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck,
): IpcRegistration {
  const running = new Set<Promise<unknown>>();
  for (const channel of channelsOf()) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event)) {
        return Promise.resolve({
          ok: false,
          error: {
            kind: 'forbidden-sender',
            message: 'Request refused: it did not come from the console window.',
          },
        });
      }
      const call = dispatch(channel, input);
      running.add(call);
      const done = () => void running.delete(call);
      call.then(done, done);
      return call;
    });
  }
  return {
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
