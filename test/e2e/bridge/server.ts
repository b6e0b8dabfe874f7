import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatch } from '../../../src-main/ipc/dispatch';

/**
 * TEST-ONLY loopback bridge. It serves the built renderer and forwards preload-API calls to the
 * real main-process dispatch, exactly what `ipcMain.handle` does in the app. It binds to
 * 127.0.0.1 on a random port and refuses any call without this run's random secret.
 * It lives in test/ and is never bundled into the app.
 */

export const INVOKE_PATH = '/__bridge/invoke';
export const EVENTS_PATH = '/__bridge/events';
export const CLIPBOARD_PATH = '/__bridge/clipboard';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BridgeServer {
  url: string;
  secret: string;
  /** Pushes one event to every connected event stream (server-sent events). */
  send(channel: string, payload: unknown): void;
  close(): Promise<void>;
}

function secretMatches(header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(request: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

export async function startBridgeServer(options: {
  dispatch: Dispatch;
  rendererDir: string;
  /** The stand-in clipboard, so specs can check what Copy put there. */
  readClipboard: () => string;
}): Promise<BridgeServer> {
  const secret = randomBytes(32).toString('hex');
  const root = resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === INVOKE_PATH) {
        if (request.method !== 'POST') return send(response, 405, 'text/plain', 'POST only');
        if (!secretMatches(request.headers.authorization, secret)) {
          return send(response, 403, 'text/plain', 'bad bridge secret');
        }
        let message: { channel?: unknown; input?: unknown };
        try {
          message = JSON.parse(await readBody(request)) as typeof message;
        } catch {
          return send(response, 400, 'text/plain', 'bad bridge message');
        }
        const result = await options.dispatch(String(message.channel), message.input);
        return send(response, 200, 'application/json', JSON.stringify(result));
      }
      if (url.pathname === CLIPBOARD_PATH) {
        if (!secretMatches(request.headers.authorization, secret)) {
          return send(response, 403, 'text/plain', 'bad bridge secret');
        }
        return send(
          response,
          200,
          'application/json',
          JSON.stringify({ text: options.readClipboard() }),
        );
      }
      if (url.pathname === EVENTS_PATH) {
        if (!secretMatches(request.headers.authorization, secret)) {
          return send(response, 403, 'text/plain', 'bad bridge secret');
        }
        response.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
        });
        response.write(': connected\n\n');
        streams.add(response);
        request.on('close', () => streams.delete(response));
        return;
      }
      if (request.method !== 'GET') return send(response, 405, 'text/plain', 'GET only');
      const relative =
        url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = normalize(join(root, relative));
      if (!file.startsWith(root + sep)) return send(response, 404, 'text/plain', 'not found');
      try {
        const body = await readFile(file);
        send(response, 200, contentTypes[extname(file)] ?? 'application/octet-stream', body);
      } catch {
        send(response, 404, 'text/plain', 'not found');
      }
    })().catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'bridge error');
    });
  });

  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    send(channel, payload) {
      const frame = `data: ${JSON.stringify({ channel, payload })}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
