import { promises as fs } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';

/**
 * The renderer's own origin, `app://bundle`, served from the built `out/renderer` directory by
 * a `protocol.handle` handler instead of `file://`. CSP `'self'` then means exactly this bundle
 * rather than "any local file", and the GrantFileProtocolExtraPrivileges fuse can stay off.
 *
 * Only types come from `electron`, so this module loads in plain Node (the unit tests).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const rendererEntryUrl = `${APP_ORIGIN}/index.html`;

/**
 * For `protocol.registerSchemesAsPrivileged` (before `app` is ready).
 * - `standard`: a real origin (`app://bundle`) so relative URLs resolve and CSP `'self'` matches it.
 * - `secure`: a secure context, like https, so the page is not treated as mixed/insecure content.
 * - `supportFetchAPI`: lets Fetch-spec (CORS-mode) requests use the scheme; Vite's bundle loads as
 *   `<script type="module" crossorigin>`, a same-origin CORS-mode request. The page's own
 *   `fetch()` stays blocked by CSP `connect-src 'none'`.
 * Not granted: `bypassCSP` (the CSP must apply), `corsEnabled` (it would let other origins read
 * the bundle), `stream` (small files, sent whole), service workers, code cache, extensions.
 */
export const privilegedAppScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Errors that mean "no such file here"; anything else is a 500 (never with the error text). */
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG']);

export interface BundleHandlerOptions {
  /** Absolute path of the built renderer (`out/renderer`, inside app.asar when packaged). */
  root: string;
  /** Content-Security-Policy sent with every HTML response. */
  csp: string;
}

export type BundleHandler = (request: Request) => Promise<Response>;

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}
const notFound = () => plain(404, 'Not Found');

/** True when `child` is `parent` or below it (`path.relative` neither absolute nor climbing). */
function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

/**
 * The path under `root` a decoded URL pathname names, or null when it must not be served.
 * Backslashes (a separator on Windows), NUL bytes and `..` segments are refused outright;
 * whatever still resolves outside `root` (an absolute path after decoding, such as
 * `//etc/passwd` or `/C:/...`) fails the containment check.
 */
function pathUnder(root: string, decoded: string): string | null {
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').includes('..')) return null;
  const candidate = resolve(root, decoded.slice(1));
  return isInside(root, candidate) ? candidate : null;
}

/**
 * A `protocol.handle` handler serving the regular files under `root` at `app://bundle/...`:
 * GET and HEAD only, no directory listings, nothing outside `root` (symlinks included), and no
 * file system paths in any response.
 */
export function createBundleHandler({ root, csp }: BundleHandlerOptions): BundleHandler {
  const absoluteRoot = resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return notFound();

    let decoded: string;
    try {
      // Once only: `%252e` is the literal name `%2e`, never `.`.
      decoded = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return plain(400, 'Bad Request');
    }
    const candidate = pathUnder(absoluteRoot, decoded);
    if (candidate === null) return notFound();

    try {
      // `fs` is looked up at call time so Electron's asar-aware fs patches apply.
      const [realRoot, realFile] = await Promise.all([
        fs.realpath(absoluteRoot),
        fs.realpath(candidate),
      ]);
      // A symlink under root must not lead out of it.
      if (!isInside(realRoot, realFile)) return notFound();
      // Regular files only: a directory has no body, and a FIFO or device would hang readFile.
      if (!(await fs.stat(realFile)).isFile()) return notFound();
      const body = await fs.readFile(realFile);

      const contentType = CONTENT_TYPES[extname(realFile).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
      const headers: Record<string, string> = {
        'Content-Type': contentType,
        'X-Content-Type-Options': 'nosniff',
      };
      if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = csp;
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      return code && NOT_FOUND_CODES.has(code) ? notFound() : plain(500, 'Internal Server Error');
    }
  };
}

/** Serves `root` at `app://bundle`; call once the app is ready (after registering the scheme). */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  root: string,
  csp: string,
): void {
  protocol.handle(APP_SCHEME, createBundleHandler({ root, csp }));
}
