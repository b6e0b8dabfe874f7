import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeelClient } from '../../../src-main/deel/client';
import { MAX_BODY_MB } from '../../../src-main/deel/http';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import { FAST_RETRY } from './harness';

// Hostile or broken hosts behind a base URL (issue "Security, round two", point 4). Each test
// describes the attack as it worked before the fix, and shows it refused now.

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function host(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: { path: string; authorization?: string }[] }> {
  const seen: { path: string; authorization?: string }[] = [];
  server = createServer((req, res) => {
    seen.push({
      path: req.url ?? '',
      ...(req.headers.authorization && { authorization: req.headers.authorization }),
    });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/rest/v2`, seen };
}

const client = (baseUrl: string, maxPages?: number) =>
  new DeelClient({
    baseUrl,
    token: 'org-token-secret-value',
    limiter: createRequestLimiter(1000),
    retry: { ...FAST_RETRY, limit: 0 },
    timeoutMs: 5_000,
    ...(maxPages && { maxPages }),
  });

const fullPage = (from: number) =>
  JSON.stringify({
    data: Array.from({ length: 100 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`,
      full_name: `Person ${from + i}`,
    })),
    page: { total_rows: null },
  });

describe('a host that is not Deel', () => {
  it('a redirect is never followed: the token stays with the host it was given to', async () => {
    // Before: a same-origin 307 to /steal was followed with Authorization attached.
    const h = await host((req, res) => {
      if (req.url?.startsWith('/steal')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
        return;
      }
      res.writeHead(307, { location: '/steal' }).end();
    });
    await expect(client(h.url).getOrganization()).rejects.toMatchObject({ kind: 'network' });
    expect(h.seen.map((s) => s.path)).toEqual(['/rest/v2/organizations']);
  });

  it('a body declared larger than the cap is refused before it is read', async () => {
    // Before: an 80 MB body was read whole (main grew by ~417 MB).
    let written = 0;
    const h = await host((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(80 * 1024 * 1024),
      });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (written < 80 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
      res.on('close', () => undefined);
    });
    await expect(client(h.url).getOrganization()).rejects.toMatchObject({
      kind: 'server',
      message: expect.stringContaining(`larger than ${MAX_BODY_MB} MB`),
    });
    expect(written).toBeLessThan(80 * 1024 * 1024);
  });

  it('a streamed body with no length stops being read at the cap', async () => {
    let written = 0;
    let closed = false;
    const h = await host((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('close', () => (closed = true));
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (!closed && written < 200 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    await expect(client(h.url).getOrganization()).rejects.toMatchObject({
      kind: 'server',
      message: expect.stringContaining(`larger than ${MAX_BODY_MB} MB`),
    });
    // It stopped near the cap, far from the 200 MB the host would have sent.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('a list that never ends (full pages forever, or a fresh cursor each time) is stopped', async () => {
    // Before: a host answering full pages forever, or a new cursor on every page, kept the
    // console paging (and spending the budget) for as long as it answered.
    let served = 0;
    const h = await host((req, res) => {
      served++;
      const body = req.url?.includes('/contracts')
        ? JSON.stringify({
            data: [{ id: `c-${served}`, title: 'x', type: 'eor', status: 'in_progress' }],
            page: { cursor: `cursor-${served}` },
          })
        : fullPage(served * 100);
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    const pages = async (stream: AsyncIterable<unknown>) => {
      let count = 0;
      const iterator = stream[Symbol.asyncIterator]();
      while (!(await iterator.next()).done) count++;
      return count;
    };
    const c = client(h.url, 25);
    await expect(pages(c.streamPeople())).rejects.toMatchObject({
      kind: 'server',
      message: expect.stringContaining('stopped after 25 pages'),
    });
    expect(served).toBe(25);
    served = 0;
    await expect(pages(c.streamContracts())).rejects.toMatchObject({
      message: expect.stringContaining('stopped after 25 pages'),
    });
    expect(served).toBe(25);
  });

  it('a body under the cap is read as before', async () => {
    const h = await host((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: [{ id: 'org-1', name: 'Small Org' }] }));
    });
    await expect(client(h.url).getOrganization()).resolves.toMatchObject({ name: 'Small Org' });
  });
});
