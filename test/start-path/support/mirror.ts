import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StandInZip } from './stand-in-zip';

export interface ElectronMirror {
  /** For ELECTRON_MIRROR: `http://127.0.0.1:<port>/`. */
  url: string;
  /** Every request, as `METHOD /path`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback Electron release mirror, as @electron/get expects one: `<mirror><version dir>/<file>`
 * for the zip and for SHASUMS256.txt (asked for when `electron_use_remote_checksums` is set).
 * Anything else is a 404.
 */
export async function startElectronMirror(zip: StandInZip): Promise<ElectronMirror> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://mirror').pathname;
    requests.push(`${request.method} ${path}`);
    if (path.endsWith(`/${zip.fileName}`)) {
      response.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': zip.bytes.length,
      });
      response.end(request.method === 'HEAD' ? undefined : zip.bytes);
    } else if (path.endsWith('/SHASUMS256.txt')) {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`${zip.sha256} *${zip.fileName}\n`);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
