import { describe, expect, it, vi } from 'vitest';
import { invokeChannels, PRELOAD_API_KEY } from '../../../src-shared/channels';

const electronMock = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async () => ({ ok: true, data: null })),
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn(),
  },
}));
electronMock.contextBridge.exposeInMainWorld.mockImplementation((key: string, api: unknown) => {
  electronMock.exposed.set(key, api);
});
vi.mock('electron', () => ({
  contextBridge: electronMock.contextBridge,
  ipcRenderer: electronMock.ipcRenderer,
}));

await import('../../../src-preload/index');

describe('the preload', () => {
  it('exposes one frozen object with exactly the contract methods', () => {
    expect(electronMock.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const api = electronMock.exposed.get(PRELOAD_API_KEY) as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(Object.keys(invokeChannels).sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(electronMock.ipcRenderer);
  });

  it('turns each method into one invoke on its channel, never send or sendSync', async () => {
    const api = electronMock.exposed.get(PRELOAD_API_KEY) as { getOverview(): Promise<unknown> };
    await api.getOverview();
    expect(electronMock.ipcRenderer.invoke).toHaveBeenCalledWith(
      invokeChannels.getOverview,
      undefined,
    );
    expect(electronMock.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electronMock.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });
});
