import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebFrameMain } from 'electron';
import { invokeChannels } from '../../../src-shared/channels';
import { appFrameOnly, registerIpc } from '../../../src-main/shell/ipc';

type Handler = (event: { senderFrame: WebFrameMain | null }, input: unknown) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
  };
  return { ipcMain: ipcMain as unknown as IpcMain, handlers };
}

function frame(url: string, parent: object | null = null): WebFrameMain {
  return { url, parent } as unknown as WebFrameMain;
}

const APP_URL = 'file:///opt/console/resources/app.asar/out/renderer/index.html';

describe('IPC registration', () => {
  it('registers exactly the contract channels, with invoke semantics', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, vi.fn(), () => true);
    expect([...handlers.keys()].sort()).toEqual(Object.values(invokeChannels).sort());
  });

  it('dispatches a call from the app frame and refuses any other sender', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispatch = vi.fn(async () => ({ ok: true as const, data: 'fine' }));
    registerIpc(ipcMain, dispatch, appFrameOnly(APP_URL));
    const handler = handlers.get(invokeChannels.getOverview)!;

    await expect(handler({ senderFrame: frame(APP_URL) }, undefined)).resolves.toEqual({
      ok: true,
      data: 'fine',
    });
    expect(dispatch).toHaveBeenCalledTimes(1);

    for (const sender of [
      frame('https://evil.example/'),
      frame('file:///tmp/other.html'),
      frame(APP_URL, frame(APP_URL)), // a sub-frame, even of the app's own page
      null,
    ]) {
      await expect(handler({ senderFrame: sender }, undefined)).resolves.toMatchObject({
        ok: false,
        error: { kind: 'forbidden-sender' },
      });
    }
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('trusts the dev server by origin only', () => {
    const check = appFrameOnly('http://localhost:5173/');
    expect(check(frame('http://localhost:5173/index.html'))).toBe(true);
    expect(check(frame('http://localhost:5174/'))).toBe(false);
    expect(check(frame('not a url'))).toBe(false);
  });
});
