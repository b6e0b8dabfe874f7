import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { invokeChannels } from '../../../src-shared/channels';
import { consoleWindowOnly, registerIpc, type IpcSender } from '../../../src-main/shell/ipc';

type Handler = (event: IpcSender, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
  };
  return { ipcMain: ipcMain as unknown as IpcMain, handlers };
}

function frame(
  fields: { url?: string; processId?: number; frameToken?: string; parent?: object | null } = {},
): WebFrameMain {
  return {
    url: 'app://bundle/index.html',
    processId: 7,
    frameToken: 'token-main',
    parent: null,
    ...fields,
  } as unknown as WebFrameMain;
}

function contents(mainFrame = frame(), destroyed = false): WebContents {
  return { mainFrame, isDestroyed: () => destroyed } as unknown as WebContents;
}

describe('IPC registration', () => {
  it('registers exactly the contract channels, with invoke semantics', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, vi.fn(), () => true);
    expect([...handlers.keys()].sort()).toEqual(Object.values(invokeChannels).sort());
  });

  it('dispatches a call from the console window and refuses any other sender', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const window = contents();
    const dispatch = vi.fn(async () => ({ ok: true as const, data: 'fine' }));
    registerIpc(
      ipcMain,
      dispatch,
      consoleWindowOnly(() => window),
    );
    const handler = handlers.get(invokeChannels.getOverview)!;

    await expect(
      handler({ sender: window, senderFrame: window.mainFrame }, undefined),
    ).resolves.toEqual({ ok: true, data: 'fine' });
    expect(dispatch).toHaveBeenCalledTimes(1);

    const other = contents();
    for (const event of [
      { sender: other, senderFrame: other.mainFrame }, // another window (or a webview's contents)
      { sender: other, senderFrame: window.mainFrame }, // a frame of ours claimed by other contents
      { sender: window, senderFrame: frame({ parent: window.mainFrame }) }, // a sub-frame
      { sender: window, senderFrame: frame({ frameToken: 'token-other' }) }, // another document
      { sender: window, senderFrame: frame({ processId: 8 }) }, // another renderer process
      { sender: window, senderFrame: null }, // the frame is gone
    ]) {
      await expect(handler(event as IpcSender, undefined)).resolves.toMatchObject({
        ok: false,
        error: { kind: 'forbidden-sender' },
      });
    }
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('trusts identity, not the URL: a differently spelled URL of the same frame is the same sender', () => {
    // Chromium canonicalises file:// URLs (the drive letter's case on Windows) differently from
    // Node's pathToFileURL; a string comparison refused every call there.
    const main = frame({ url: 'file:///c:/Program%20Files/Console/resources/app.asar/index.html' });
    const window = contents(main);
    const check = consoleWindowOnly(() => window);
    expect(
      check({
        sender: window,
        senderFrame: frame({
          url: 'file:///C:/Program Files/Console/resources/app.asar/index.html',
        }),
      }),
    ).toBe(true);
  });

  it('refuses everything while there is no window, or once it is destroyed', () => {
    const window = contents(frame(), true);
    expect(
      consoleWindowOnly(() => undefined)({ sender: window, senderFrame: window.mainFrame }),
    ).toBe(false);
    expect(consoleWindowOnly(() => window)({ sender: window, senderFrame: window.mainFrame })).toBe(
      false,
    );
  });

  it('tells when every call it dispatched has answered', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    let answer: (value: unknown) => void = () => undefined;
    const dispatch = vi.fn(
      () =>
        new Promise<{ ok: true; data: unknown }>(
          (resolve) => (answer = (data) => resolve({ ok: true, data })),
        ),
    );
    const registration = registerIpc(ipcMain, dispatch, () => true);
    void handlers.get(invokeChannels.mintToken)!({} as IpcSender, {});
    let settled = false;
    void registration.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    answer('minted');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(true);
  });
});
