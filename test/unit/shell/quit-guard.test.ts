import { describe, expect, it, vi } from 'vitest';
import { guardQuit } from '../../../src-main/shell/quit-guard';

type QuitEvent = { preventDefault: () => void };

function fakeApp() {
  const listeners = new Map<string, (event: QuitEvent) => void>();
  const app = {
    on: vi.fn((name: string, listener: (event: QuitEvent) => void) =>
      listeners.set(name, listener),
    ),
    quit: vi.fn(),
  };
  /** What Electron does on app.quit(): before-quit, and the quit goes on unless prevented. */
  const requestQuit = () => {
    let prevented = false;
    listeners.get('before-quit')!({ preventDefault: () => (prevented = true) });
    return !prevented;
  };
  return { app, requestQuit };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the quit guard', () => {
  it('holds the first quit until close() has finished, then quits for real', async () => {
    const { app, requestQuit } = fakeApp();
    let finish: () => void = () => undefined;
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    guardQuit({ app: app as never, close });
    expect(requestQuit()).toBe(false);
    expect(requestQuit()).toBe(false); // a second Quit while closing waits for the same close
    expect(close).toHaveBeenCalledTimes(1);
    await tick();
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await tick();
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(requestQuit()).toBe(true);
  });

  it('quits anyway when close() takes longer than the time limit, and says so', async () => {
    const { app, requestQuit } = fakeApp();
    const onProblem = vi.fn();
    guardQuit({
      app: app as never,
      close: () => new Promise(() => undefined),
      timeoutMs: 20,
      onProblem,
    });
    requestQuit();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(onProblem).toHaveBeenCalledWith('closing took longer than 20 ms');
  });

  it('quits when close() fails, naming no detail of the error', async () => {
    const { app, requestQuit } = fakeApp();
    const onProblem = vi.fn();
    guardQuit({
      app: app as never,
      close: async () => {
        throw new TypeError('token sk_live_123 in a message');
      },
      onProblem,
    });
    requestQuit();
    await tick();
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(onProblem).toHaveBeenCalledWith('closing failed: TypeError');
  });
});
