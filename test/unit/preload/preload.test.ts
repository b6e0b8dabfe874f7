import { describe, expect, it, vi } from 'vitest';
import { eventChannels, invokeChannels, PRELOAD_API_KEY } from '../../../src-shared/channels';

const electronMock = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async () => ({ ok: true, data: null })),
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn(),
    removeListener: vi.fn(),
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
    expect(Object.keys(api).sort()).toEqual([...Object.keys(invokeChannels), 'on'].sort());
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

  it('delivers events as payloads only, and unsubscribes', () => {
    const api = electronMock.exposed.get(PRELOAD_API_KEY) as {
      on(event: string, listener: (payload: unknown) => void): () => void;
    };
    const listener = vi.fn();
    const unsubscribe = api.on('sessionsChanged', listener);
    const [channel, forward] = electronMock.ipcRenderer.on.mock.calls.at(-1) as unknown as [
      string,
      (event: unknown, payload: unknown) => void,
    ];
    expect(channel).toBe(eventChannels.sessionsChanged);
    const ipcEvent = { sender: { send: vi.fn() }, ports: [] };
    forward(ipcEvent, [{ id: 's1' }]);
    expect(listener).toHaveBeenCalledWith([{ id: 's1' }]);
    expect(listener.mock.calls[0]).toHaveLength(1); // never the IpcRendererEvent
    unsubscribe();
    expect(electronMock.ipcRenderer.removeListener).toHaveBeenCalledWith(channel, forward);
  });

  it('refuses unknown events and non-function listeners', () => {
    const api = electronMock.exposed.get(PRELOAD_API_KEY) as {
      on(event: string, listener: unknown): () => void;
    };
    expect(() => api.on('ipc:anything', () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('__proto__', () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('sessionsChanged', 'not a function')).toThrow(/function/);
  });
});
