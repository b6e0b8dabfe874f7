import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RunningSimulator } from '../../../src-main/simulator';

/**
 * One loopback host serving two simulated organizations, as Deel's one API host serves every
 * organization: a request bearing one of `other`'s organization tokens goes to `other`, any
 * other request (the primary's tokens, the worker tokens it minted, unknown tokens) to
 * `primary`. The simulator serves one organization per host; this is how a spec gets "a token
 * of another organization, same host". It only forwards: it keeps and logs nothing.
 */
export interface SharedHost {
  /** Base URL including /rest/v2, like the simulators'. */
  url: string;
  close(): Promise<void>;
}

export async function startSharedHost(
  primary: RunningSimulator,
  other: RunningSimulator,
): Promise<SharedHost> {
  const otherTokens = new Set(Object.values(other.tokens));
  const server: Server = createServer((req, res) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const target = new URL(token && otherTokens.has(token) ? other.origin : primary.origin);
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const basePath = new URL(primary.url).pathname;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
