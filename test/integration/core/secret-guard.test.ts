import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { invokeChannels } from '../../../src-shared/channels';
import type { IpcResult } from '../../../src-shared/errors';
import { startTestCore, type TestCore } from '../../support/test-core';

// The audit's secret guard knows every worker token the process holds, not only the org token
// (issue "Security, round two", point 8).

// Looks like nothing in particular, so only knowing the value can catch it.
const WORKER_TOKEN = 'plainlookingworkervalue';
let server: Server | undefined;
let t: TestCore | undefined;
afterEach(async () => {
  await t?.core.close();
  if (t) rmSync(t.dir, { recursive: true, force: true });
  t = undefined;
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('the audit secret guard', () => {
  it('redacts a held worker token a host echoes back (here as a request id)', async () => {
    // Before: the guard knew only the org token, so a host that echoed a worker token in its
    // x-request-id had it written to the audit log in plaintext.
    server = createServer((req, res) => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        res
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify(body));
      if (req.url?.endsWith('/organizations'))
        return json(200, { data: [{ id: 'org-x', name: 'Echo Org' }] });
      if (req.method === 'POST') {
        return json(201, {
          data: {
            token: WORKER_TOKEN,
            expires_at: new Date(Date.now() + 86_400_000).toISOString(),
          },
        });
      }
      return json(500, { errors: [{ message: 'boom' }] }, { 'x-request-id': WORKER_TOKEN });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    t = await startTestCore();
    const dispatch = createDispatch(t.core.handlers);
    const call = async (method: keyof typeof invokeChannels, input?: unknown) =>
      (await dispatch(invokeChannels[method], input)) as IpcResult<unknown>;
    expect(
      await call('connect', {
        environment: 'custom',
        customUrl: `http://127.0.0.1:${port}/rest/v2`,
        token: 'org-token-for-the-echo-host',
      }),
    ).toMatchObject({ ok: true });
    const workerId = '00000000-0000-4000-8000-000000000001';
    expect(
      await call('mintToken', { workerId, workerName: 'Echo Worker', consentConfirmed: true }),
    ).toMatchObject({ ok: true });
    // Refused with a 500 whose x-request-id is the worker token: audited as a failure.
    expect(await call('revokeToken', { workerId })).toMatchObject({ ok: false });
    const log = readFileSync(join(t.dir, 'audit-log.jsonl'), 'utf8');
    expect(log).not.toContain(WORKER_TOKEN);
    expect(log).toContain('[redacted: it looked like a token]');
  });
});
