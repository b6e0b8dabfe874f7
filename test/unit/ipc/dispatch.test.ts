import { describe, expect, it, vi } from 'vitest';
import { createDispatch, type Handlers } from '../../../src-main/ipc/dispatch';
import { DeelApiError } from '../../../src-main/deel/errors';
import { invokeChannels } from '../../../src-shared/channels';

const overview = {
  environment: 'demo' as const,
  organization: { id: 'org-1', name: 'Org' },
  workerCount: 3,
};

// Only getOverview is exercised; the other operations are never reached in these tests.
function handlers(getOverview: Handlers['getOverview'] = async () => overview) {
  return { getOverview: vi.fn(getOverview) } as unknown as Handlers & {
    getOverview: ReturnType<typeof vi.fn>;
  };
}

describe('dispatch', () => {
  it('parses the arguments and wraps the result', async () => {
    const dispatch = createDispatch(handlers());
    await expect(dispatch(invokeChannels.getOverview, undefined)).resolves.toEqual({
      ok: true,
      data: overview,
    });
  });

  it('rejects arguments that do not match the contract without calling the handler', async () => {
    const h = handlers();
    const dispatch = createDispatch(h);
    for (const bad of [{}, 'x', 1, null, [], { token: 'secret' }]) {
      await expect(dispatch(invokeChannels.getOverview, bad)).resolves.toMatchObject({
        ok: false,
        error: { kind: 'invalid-argument' },
      });
    }
    expect(h.getOverview).not.toHaveBeenCalled();
  });

  it('says in plain words that nothing was sent, and names each refused field by its path', async () => {
    const result = await createDispatch(handlers())(invokeChannels.connect, {
      environment: 'sandbox',
      token: 'short',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-argument',
        message: 'Nothing was sent: the console refused a value that is missing or out of range.',
        fieldErrors: [{ path: 'token', message: 'The token looks too short.' }],
      },
    });
  });

  it('answers an unknown channel with a typed error', async () => {
    await expect(createDispatch(handlers())('app:shell', undefined)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'unknown-channel' },
    });
  });

  it('keeps a Deel error typed and hides anything else', async () => {
    const deel = createDispatch(
      handlers(async () => {
        throw new DeelApiError('scope', 'missing scope admin:worker', 403, 'req-42');
      }),
    );
    await expect(deel(invokeChannels.getOverview, undefined)).resolves.toEqual({
      ok: false,
      error: {
        kind: 'scope',
        message: 'missing scope admin:worker',
        status: 403,
        requestId: 'req-42',
      },
    });

    const leaky = createDispatch(
      handlers(async () => {
        throw new Error('fetch https://user:sk_live_secret@api/ failed at stack...');
      }),
    );
    const result = await leaky(invokeChannels.getOverview, undefined);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('sk_live_secret');
  });

  it('refuses a handler result that breaks the contract', async () => {
    const dispatch = createDispatch(handlers(async () => ({ ...overview, workerCount: -1 })));
    await expect(dispatch(invokeChannels.getOverview, undefined)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'internal' },
    });
  });
});
