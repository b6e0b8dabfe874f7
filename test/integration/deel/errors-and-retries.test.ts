import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeelApiError } from '../../../src-main/deel/errors';
import { caught, FAST_RETRY, startHarness, type Harness } from './harness';

let h: Harness;
let eorId: string;
const errors: unknown[] = [];

beforeAll(async () => {
  h = await startHarness();
  eorId = (await h.client().listPeople({ hiringTypes: ['eor'], limit: 1 })).people[0]!.id;
});
afterEach(() => {
  h.sim.setFaults({ errorRate: 0, dropRate: 0, rateLimitStorm: false });
  h.onAnswer = () => undefined;
  h.log.length = 0;
});
afterAll(async () => {
  await h.sim.close();
  // Whatever failed in this file, no error carried a token in any form.
  const tokens = [h.sim.tokens.admin, h.sim.tokens.readOnly, h.sim.tokens.personal];
  for (const error of errors) {
    const rendered = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
    for (const token of tokens) expect(rendered).not.toContain(token);
    expect((error as { cause?: unknown }).cause).toBeUndefined();
  }
  expect(errors.length).toBeGreaterThan(10);
});

async function failure(promise: Promise<unknown>): Promise<DeelApiError> {
  const error = await caught(promise);
  errors.push(error);
  expect(error).toBeInstanceOf(DeelApiError);
  return error as DeelApiError;
}

/** A loopback URL where nothing listens (a port just released). */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/rest/v2`;
}

/** Counts the fetches the client makes: attempts as the client sees them. */
function countingFetch(): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls++;
      return fetch(input, init);
    },
    calls: () => calls,
  };
}

/** Lifts a fault after its first effect, so a retry meets a healthy server. */
function liftAfterFirst(method: string, status: number | 'dropped', lift: () => void): void {
  let done = false;
  h.onAnswer = (entry) => {
    if (!done && entry.method === method && entry.status === status) {
      done = true;
      lift();
    }
  };
}

describe('every Deel error becomes one typed error', () => {
  it('401 → auth, with the request id', async () => {
    const error = await failure(h.client({ token: 'not-a-real-token-123' }).getOrganization());
    expect(error).toMatchObject({ kind: 'auth', status: 401, requestId: expect.any(String) });
    expect(error.message).toContain('401');
  });

  it('403 missing scope → scope (read-only token cannot mint)', async () => {
    const error = await failure(
      h.client({ token: h.sim.tokens.readOnly }).createWorkerSession(eorId),
    );
    expect(error).toMatchObject({ kind: 'scope', status: 403 });
    expect(error.details).toMatchObject({
      missingScope: 'admin:worker',
      deelMessage: expect.stringContaining('admin:worker'),
    });
  });

  it('403 wrong token type → scope (personal token cannot mint)', async () => {
    const error = await failure(
      h.client({ token: h.sim.tokens.personal }).createWorkerSession(eorId),
    );
    expect(error).toMatchObject({ kind: 'scope' });
    expect(error.details.deelMessage).toContain('TOKEN_TYPE_NOT_ALLOWED');
    expect(error.details.missingScope).toBeUndefined();
  });

  it('404 → not-found', async () => {
    const error = await failure(
      h.client().createWorkerSession('00000000-0000-4000-8000-000000000000'),
    );
    expect(error).toMatchObject({ kind: 'not-found', status: 404, requestId: expect.any(String) });
  });

  it('400 → validation, with the field path', async () => {
    const mint = await failure(h.client().createWorkerSession('not-a-uuid'));
    expect(mint).toMatchObject({ kind: 'validation', status: 400 });
    expect(mint.fieldErrors).toEqual([{ path: 'data.profile_id', message: expect.any(String) }]);
    const list = await failure(h.client().listPeople({ hiringTypes: ['bogus'] }));
    expect(list.fieldErrors[0]?.path).toMatch(/^hiring_types/);
  });

  it('429 → rate-limit once the patience for rate limiting is spent', async () => {
    h.sim.setFaults({ rateLimitStorm: true });
    const started = Date.now();
    const error = await failure(
      h.client({ retry: { ...FAST_RETRY, limit: 1, rateLimitPatienceMs: 150 } }).getOrganization(),
    );
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429 });
    expect(error.details.deelMessage).toContain('Too many requests');
    // Retried past the error limit (1) while the patience lasted, then given up.
    expect(h.count('GET', '/organizations', 429)).toBeGreaterThan(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('a storm of 429s longer than the error limit is waited out, not failed', async () => {
    h.sim.setFaults({ rateLimitStorm: 8 });
    const organization = await h.client({ retry: { ...FAST_RETRY, limit: 1 } }).getOrganization();
    expect(organization.name).toBeTruthy();
    expect(h.count('GET', '/organizations', 429)).toBe(8);
    expect(h.count('GET', '/organizations', 200)).toBe(1);
  });

  it('the error limit still bounds 5xx retries, however patient it is with 429s', async () => {
    h.sim.setFaults({ errorRate: 1 });
    await failure(
      h
        .client({ retry: { ...FAST_RETRY, limit: 2, rateLimitPatienceMs: 60_000 } })
        .getOrganization(),
    );
    expect(h.count('GET', '/organizations', 500)).toBe(3);
  });

  it('5xx → server, with the request id', async () => {
    h.sim.setFaults({ errorRate: 1 });
    const error = await failure(h.client({ retry: { limit: 0 } }).listPeople());
    expect(error).toMatchObject({ kind: 'server', status: 500, requestId: expect.any(String) });
  });

  it('dropped connection → network', async () => {
    h.sim.setFaults({ dropRate: 1 });
    const error = await failure(h.client({ retry: { limit: 1 } }).getOrganization());
    expect(error.kind).toBe('network');
    expect(h.count('GET', '/organizations', 'dropped')).toBe(2);
  });

  it('nothing listening → network', async () => {
    const error = await failure(
      h.client({ baseUrl: await closedPortUrl(), retry: { limit: 0 } }).getOrganization(),
    );
    // The system code travels as a field for the page to word, never inside the sentence.
    expect(error).toMatchObject({
      kind: 'network',
      message: 'Deel could not be reached. Check the network connection and the base URL.',
      details: { networkCode: 'ECONNREFUSED' },
    });
  });
});

describe('retry rules', () => {
  it('GET is retried on 5xx and succeeds', async () => {
    h.sim.setFaults({ errorRate: 1 });
    liftAfterFirst('GET', 500, () => h.sim.setFaults({ errorRate: 0 }));
    expect((await h.client().getOrganization()).name).toBe(h.sim.orgName);
    expect(h.count('GET', '/organizations')).toBe(2);
  });

  it('GET is retried on 429 and succeeds', async () => {
    h.sim.setFaults({ rateLimitStorm: 2 });
    expect(await h.client().countPeople()).toBe(250);
    expect(h.count('GET', '/people', 429)).toBe(2);
    expect(h.count('GET', '/people', 200)).toBe(1);
  });

  it('GET is retried after a dropped connection', async () => {
    h.sim.setFaults({ dropRate: 1 });
    liftAfterFirst('GET', 'dropped', () => h.sim.setFaults({ dropRate: 0 }));
    expect((await h.client().getOrganization()).name).toBe(h.sim.orgName);
    expect(h.count('GET', '/organizations')).toBe(2);
  });

  it('DELETE is retried on 5xx and on a dropped connection', async () => {
    const client = h.client();
    await client.createWorkerSession(eorId);
    h.sim.setFaults({ errorRate: 1 });
    liftAfterFirst('DELETE', 500, () => h.sim.setFaults({ errorRate: 0 }));
    await client.deleteWorkerSession(eorId);
    expect(h.count('DELETE', '/session')).toBe(2);

    await client.createWorkerSession(eorId);
    h.log.length = 0;
    h.sim.setFaults({ dropRate: 1 });
    liftAfterFirst('DELETE', 'dropped', () => h.sim.setFaults({ dropRate: 0 }));
    await client.deleteWorkerSession(eorId);
    expect(h.log.filter((e) => e.method === 'DELETE').map((e) => e.status)).toEqual([
      'dropped',
      204,
    ]);
  });

  it('POST is never retried: a 5xx is "outcome unknown"', async () => {
    h.sim.setFaults({ errorRate: 1 });
    const error = await failure(h.client().createWorkerSession(eorId));
    expect(error).toMatchObject({
      kind: 'outcome-unknown',
      status: 500,
      requestId: expect.any(String),
    });
    expect(error.message).toMatch(/may or may not/);
    expect(h.count('POST', '/workers/session')).toBe(1);
  });

  it('POST is never retried: a dropped connection is "outcome unknown"', async () => {
    h.sim.setFaults({ dropRate: 1 });
    const error = await failure(h.client().createWorkerSession(eorId));
    expect(error.kind).toBe('outcome-unknown');
    expect(h.count('POST', '/workers/session')).toBe(1);
  });

  it('POST refused with 429 (Deel did not act) is retried; given up on, a plain rate-limit error', async () => {
    h.sim.setFaults({ rateLimitStorm: 1 });
    await expect(h.client().createWorkerSession(eorId)).resolves.toMatchObject({
      token: expect.any(String),
    });
    expect(h.count('POST', '/workers/session', 429)).toBe(1);
    expect(h.count('POST', '/workers/session')).toBe(2);
    h.log.length = 0;
    h.sim.setFaults({ rateLimitStorm: true });
    const error = await failure(h.client({ retry: { limit: 1 } }).createWorkerSession(eorId));
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429 });
    expect(h.count('POST', '/workers/session')).toBe(2);
  });

  it('POST to a port with nothing listening is a plain network error (nothing was sent), retried as such', async () => {
    const counter = countingFetch();
    const error = await failure(
      h.client({ baseUrl: await closedPortUrl(), fetch: counter.fetch }).createWorkerSession(eorId),
    );
    expect(error.kind).toBe('network');
    // Nothing was sent, so nothing was minted: the retries (FAST_RETRY.limit) are safe.
    expect(counter.calls()).toBe(4);
  });
});

// Timed-out requests are still answered by the simulator later; a simulator of their own keeps
// those late answers out of the other tests' logs and fault switches.
describe('timeouts', () => {
  let slow: Harness;
  beforeAll(async () => {
    slow = await startHarness();
  });
  afterEach(() => {
    slow.sim.setFaults({ latency: { fixedMs: 0 } });
  });
  afterAll(async () => {
    await slow.sim.close();
  });

  it('timeout → network, saying it timed out', async () => {
    slow.sim.setFaults({ latency: { fixedMs: 400 } });
    const error = await failure(
      slow.client({ timeoutMs: 50, retry: { limit: 1 } }).getOrganization(),
    );
    expect(error).toMatchObject({ kind: 'network', message: expect.stringContaining('timeout') });
  });
  it('GET is retried after a timeout', async () => {
    slow.sim.setFaults({ latency: { fixedMs: 300 } });
    let attempts = 0;
    const client = slow.client({
      timeoutMs: 100,
      // The first attempt's abort lifts the latency, so the retry meets a fast server.
      fetch: async (input, init) => {
        attempts++;
        try {
          return await fetch(input, init);
        } catch (error) {
          slow.sim.setFaults({ latency: { fixedMs: 0 } });
          throw error;
        }
      },
    });
    expect((await client.getOrganization()).name).toBe(slow.sim.orgName);
    expect(attempts).toBe(2);
  });

  it('POST is never retried: a timeout is "outcome unknown"', async () => {
    slow.sim.setFaults({ latency: { fixedMs: 300 } });
    const counter = countingFetch();
    const error = await failure(
      slow.client({ timeoutMs: 50, fetch: counter.fetch }).createWorkerSession(eorId),
    );
    expect(error.kind).toBe('outcome-unknown');
    expect(counter.calls()).toBe(1);
  });
});

describe('Retry-After', () => {
  let withHeader: Harness;
  beforeAll(async () => {
    withHeader = await startHarness({ rateLimit: { perSecond: 100, retryAfter: true } });
  });
  afterAll(async () => {
    await withHeader.sim.close();
  });

  it('waits as long as Retry-After says before retrying', async () => {
    withHeader.sim.setFaults({ rateLimitStorm: 1 });
    const started = performance.now();
    expect((await withHeader.client().getOrganization()).name).toBe(withHeader.sim.orgName);
    // Retry-After: 1 (second) against a 5 ms backoff: the header won.
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(withHeader.count('GET', '/organizations', 429)).toBe(1);
  });

  it('a 429 that is given up on carries Retry-After as a field', async () => {
    withHeader.sim.setFaults({ rateLimitStorm: true });
    try {
      const error = await failure(
        withHeader.client({ retry: { limit: 0 } }).createWorkerSession(eorId),
      );
      expect(error).toMatchObject({ kind: 'rate-limit', status: 429 });
      expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      withHeader.sim.setFaults({ rateLimitStorm: false });
    }
  });
});

describe('unusual answers (a stand-in server)', () => {
  let server: Server;
  let base: string;
  let reply: { status: number; body: string; type?: string } = { status: 200, body: '' };
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' });
      res.end(reply.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/v2`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const client = () => h.client({ baseUrl: base, retry: { limit: 0 } });

  it.each([
    [
      'ApiErrorContainer',
      403,
      JSON.stringify({
        request: { method: 'GET', url: '/x', status: 403, api_req_id: 'req-1', code: 403 },
        errors: [{ message: 'Missing scope people:read', path: 'scope' }],
      }),
      {
        kind: 'scope',
        requestId: 'req-1',
        fieldErrors: [{ path: 'scope', message: 'Missing scope people:read' }],
        details: { deelMessage: 'Missing scope people:read', missingScope: 'people:read' },
      },
    ],
    [
      '{error:{code,message}}',
      500,
      '{"error":{"code":"E1","message":"Boom"}}',
      { kind: 'server', details: { deelMessage: 'Boom' } },
    ],
    [
      '{error:"text"}',
      401,
      '{"error":"Token expired"}',
      { kind: 'auth', details: { deelMessage: 'Token expired' } },
    ],
    [
      '{errors:[{message}]}',
      400,
      '{"errors":[{"message":"limit too big"}]}',
      {
        kind: 'validation',
        fieldErrors: [{ path: '', message: 'limit too big' }],
        details: { deelMessage: 'limit too big' },
      },
    ],
    ['empty body', 404, '', { kind: 'not-found', fieldErrors: [], details: {} }],
    [
      'HTML from a proxy',
      502,
      '<html><body>Bad gateway</body></html>',
      { kind: 'server', status: 502 },
    ],
  ])('%s', async (_name, status, body, expected) => {
    reply = { status, body };
    const error = await failure(client().getOrganization());
    expect(error).toMatchObject({ status, ...expected });
    expect(error.message).not.toContain('<html>');
  });

  it("counts a revoke's 404 as 'no live token' only when Deel's own error body says it", async () => {
    const container = JSON.stringify({
      request: { method: 'DELETE', url: '/x', status: 404, api_req_id: 'req-404', code: 404 },
      errors: [{ message: 'No active session' }],
    });
    reply = { status: 404, body: container };
    expect(await failure(client().deleteWorkerSession('w1'))).toMatchObject({
      kind: 'not-found',
      requestId: 'req-404',
    });
    for (const [body, type] of [
      ['<html><body>404 Not Found</body></html>', 'text/html'],
      ['{"error":"Not found"}', 'application/json'],
      ['', 'application/json'],
    ] as const) {
      reply = { status: 404, body, type };
      const error = await failure(client().deleteWorkerSession('w1'));
      expect(error, body).toMatchObject({ kind: 'server', status: 404 });
      expect(error.message).toContain('may still be live');
    }
  });

  it('a 200 that is not JSON, or not the documented shape, is a typed server error', async () => {
    reply = { status: 200, body: '<html>login</html>', type: 'text/html' };
    expect(await failure(client().getOrganization())).toMatchObject({ kind: 'server' });
    reply = { status: 200, body: '{"unexpected":true}' };
    expect(await failure(client().getOrganization())).toMatchObject({ kind: 'server' });
  });

  it('tolerates null fields and skips unreadable rows', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({
        data: [
          {
            id: 'p1',
            full_name: null,
            first_name: 'Ada',
            last_name: null,
            emails: null,
            country: null,
          },
          { id: null },
          {
            id: 'p2',
            full_name: 'Bo',
            emails: [{ type: 'personal', value: 'bo@x' }],
            department: null,
          },
        ],
        page: { offset: 0, total_rows: null },
      }),
    };
    const page = await client().listPeople();
    expect(page.skipped).toBe(1);
    expect(page.total).toBeNull();
    expect(page.people.map((p) => [p.id, p.name, p.email])).toEqual([
      ['p1', 'Ada', null],
      ['p2', 'Bo', 'bo@x'],
    ]);
  });

  it('a mint answer without a readable token is "outcome unknown"; a missing expiry is assumed', async () => {
    reply = { status: 201, body: '{"data":{}}' };
    expect(await failure(client().createWorkerSession('x'))).toMatchObject({
      kind: 'outcome-unknown',
    });
    reply = { status: 201, body: '{"data":{"token":"abc","expires_at":null}}' };
    const session = await client().createWorkerSession('x');
    expect(session).toMatchObject({ token: 'abc', expiryAssumed: true });
    reply = { status: 201, body: '{"token":"flat","expires_at":"2030-01-01T00:00:00Z"}' };
    expect(await client().createWorkerSession('x')).toEqual({
      token: 'flat',
      expiresAt: '2030-01-01T00:00:00.000Z',
      expiryAssumed: false,
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      profileIdField: 'profile_id',
    });
  });
});
