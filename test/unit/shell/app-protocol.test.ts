import { mkdirSync, mkdtempSync, promises, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  createBundleHandler,
  privilegedAppScheme,
  registerAppProtocol,
  rendererEntryUrl,
  type BundleHandler,
} from '../../../src-main/shell/app-protocol';

const CSP = "default-src 'none'; script-src 'self'";
const SECRET = 'TOP SECRET, outside the bundle';
const POSIX = process.platform !== 'win32';

/*
 * <tmp>/
 *   outside/secret.txt              not part of the bundle
 *   bundle/                         the root (out/renderer)
 *     index.html, assets/x.js, one file per content type
 *     %2e%2e/decoy.txt              a directory literally named `%2e%2e`
 *     ..notes.txt                   a name starting with two dots, no traversal
 *     assets\..\index.html          (POSIX) a file literally named with backslashes
 *     escape -> ../outside          symlink (junction on Windows) leading out of the root
 *     escape.txt -> ../outside/secret.txt   (POSIX) file symlink leading out
 *     assets-link -> assets         symlink staying inside the root
 *   bundle-link -> bundle           the root itself reached through a symlink
 */
let tmp: string;
let root: string;
let secretPath: string;
let handle: BundleHandler;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  root = join(tmp, 'bundle');
  mkdirSync(join(tmp, 'outside'));
  secretPath = join(tmp, 'outside', 'secret.txt');
  writeFileSync(secretPath, SECRET);
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(root, 'assets', 'x.js'), 'export const x = 1;');
  for (const name of ['s.css', 'i.svg', 'p.png', 'f.woff2', 'd.json', 'favicon.ico', 'x.js.map']) {
    writeFileSync(join(root, 'assets', name), name);
  }
  writeFileSync(join(root, 'assets', 'blob.bin'), 'bin');
  writeFileSync(join(root, '..notes.txt'), 'two dots, no traversal');
  mkdirSync(join(root, '%2e%2e'));
  writeFileSync(join(root, '%2e%2e', 'decoy.txt'), 'decoy');
  if (POSIX) {
    writeFileSync(join(root, 'assets\\..\\index.html'), 'backslash file');
    symlinkSync(secretPath, join(root, 'escape.txt'));
  }
  // Junctions need no privilege on Windows; elsewhere the type is ignored.
  symlinkSync(join(tmp, 'outside'), join(root, 'escape'), 'junction');
  symlinkSync(join(root, 'assets'), join(root, 'assets-link'), 'junction');
  symlinkSync(root, join(tmp, 'bundle-link'), 'junction');
  handle = createBundleHandler({ root, csp: CSP });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => handle(new Request(url, init));

/** Every refusal: the status, and a body that names no file system path. */
async function expectRefused(url: string, status = 404, init?: RequestInit) {
  const response = await get(url, init);
  const body = await response.text();
  expect(response.status, url).toBe(status);
  expect(body, url).not.toContain(SECRET);
  expect(body, url).not.toContain(tmp);
}

describe('app:// constants', () => {
  it('name one origin, whose index.html is the renderer entry', () => {
    expect([APP_SCHEME, APP_HOST, APP_ORIGIN]).toEqual(['app', 'bundle', 'app://bundle']);
    expect(rendererEntryUrl).toBe(`${APP_ORIGIN}/index.html`);
  });

  it('register the scheme as standard, secure and fetchable, and nothing more', () => {
    expect(privilegedAppScheme).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('the app://bundle handler serves the bundle', () => {
  it('serves index.html as HTML with the CSP and nosniff', async () => {
    const response = await get(rendererEntryUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><title>console</title>');
  });

  it('maps / to index.html', async () => {
    const response = await get('app://bundle/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
  });

  it('serves scripts as JavaScript, without the HTML-only CSP header', async () => {
    const response = await get('app://bundle/assets/x.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(await response.text()).toBe('export const x = 1;');
  });

  it('sends the content type of each bundle file type, octet-stream otherwise', async () => {
    const expected: Record<string, string> = {
      's.css': 'text/css; charset=utf-8',
      'i.svg': 'image/svg+xml',
      'p.png': 'image/png',
      'f.woff2': 'font/woff2',
      'd.json': 'application/json',
      'favicon.ico': 'image/x-icon',
      'x.js.map': 'application/json',
      'blob.bin': 'application/octet-stream',
    };
    for (const [name, type] of Object.entries(expected)) {
      const response = await get(`app://bundle/assets/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toBe(type);
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get(rendererEntryUrl, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(await response.text()).toBe('');
  });

  it('decodes the path once: %252e%252e is the literal name %2e%2e, never ..', async () => {
    const response = await get('app://bundle/%252e%252e/decoy.txt');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('decoy');
    await expectRefused('app://bundle/%252e%252e/outside/secret.txt');
    await expectRefused('app://bundle/%252e%252e/index.html');
  });

  it('serves a name that merely starts with two dots', async () => {
    const response = await get('app://bundle/..notes.txt');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('two dots, no traversal');
  });

  it('follows a symlink that stays inside the bundle', async () => {
    const response = await get('app://bundle/assets-link/x.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('export const x = 1;');
  });

  it('serves a root that is itself reached through a symlink', async () => {
    const linked = createBundleHandler({ root: join(tmp, 'bundle-link'), csp: CSP });
    const response = await linked(new Request(rendererEntryUrl));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
  });
});

describe('the app://bundle handler refuses', () => {
  it('methods other than GET and HEAD, with 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      await expectRefused(rendererEntryUrl, 405, { method });
    }
    const response = await get(rendererEntryUrl, { method: 'POST' });
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('any host but bundle', async () => {
    await expectRefused('app://evil/index.html');
    await expectRefused('app://bundle:8080/index.html');
  });

  it('a malformed percent-encoding, with 400', async () => {
    await expectRefused('app://bundle/%E0%A4%A', 400);
    await expectRefused('app://bundle/index.html%', 400);
  });

  it('literal and %2e dot segments, which the URL parser resolves inside the bundle', async () => {
    // WHATWG URL parsing removes these before the handler sees them: they cannot climb out.
    expect(new Request('app://bundle/../../etc/passwd').url).toBe('app://bundle/etc/passwd');
    expect(new Request('app://bundle/%2e%2e/%2e%2e/outside/secret.txt').url).toBe(
      'app://bundle/outside/secret.txt',
    );
    await expectRefused('app://bundle/../../etc/passwd');
    await expectRefused('app://bundle/%2e%2e/outside/secret.txt');
    await expectRefused('app://bundle/.%2e/%2e./outside/secret.txt');
  });

  it('a .. segment that only appears after decoding', async () => {
    for (const path of [
      '..%2foutside%2fsecret.txt',
      '%2e%2e%2foutside%2fsecret.txt',
      'assets/..%2f..%2foutside/secret.txt',
      // Would stay inside the bundle, and is still refused.
      'assets/..%2findex.html',
      'assets/%2e%2e%2findex.html',
    ]) {
      await expectRefused(`app://bundle/${path}`);
    }
  });

  it('backslashes, a path separator on Windows and a name character elsewhere', async () => {
    // POSIX: a file of that exact name exists in the root. Windows: the path leads to index.html.
    await expectRefused('app://bundle/assets%5c..%5cindex.html');
    await expectRefused('app://bundle/%5c..%5coutside%5csecret.txt');
  });

  it('NUL bytes', async () => {
    await expectRefused('app://bundle/index.html%00');
    await expectRefused('app://bundle/index.html%00.png');
  });

  it('a decoded path that resolves outside the root, without touching the file system there', async () => {
    const realpath = vi.spyOn(promises, 'realpath');
    try {
      // Absolute once decoded: POSIX app://bundle//tmp/..., Windows app://bundle/C:/...
      const viaLink = join(tmp, 'bundle-link', 'index.html').split(sep).join('/');
      const secret = secretPath.split(sep).join('/');
      await expectRefused(`app://bundle/${viaLink}`);
      await expectRefused(`app://bundle/${secret}`);
      await expectRefused(`app://bundle/${encodeURIComponent(secret)}`);
      const outside = realpath.mock.calls
        .map(([path]) => String(path))
        .filter((path) => path !== root && !path.startsWith(root + sep));
      expect(outside).toEqual([]);
    } finally {
      realpath.mockRestore();
    }
  });

  it('a symlink inside the root that leads out of it', async () => {
    await expectRefused('app://bundle/escape/secret.txt');
    if (POSIX) await expectRefused('app://bundle/escape.txt');
  });

  it('directories and missing files', async () => {
    await expectRefused('app://bundle/assets');
    await expectRefused('app://bundle/assets/');
    await expectRefused('app://bundle/%252e%252e');
    await expectRefused('app://bundle/missing.js');
    await expectRefused('app://bundle/index.html/x');
  });
});

describe('the app://bundle handler on an unexpected file system error', () => {
  it('answers 500 without the error text or any path', async () => {
    const denied = Object.assign(
      new Error(`EACCES: permission denied, open '${join(root, 'index.html')}'`),
      { code: 'EACCES' },
    );
    const readFile = vi.spyOn(promises, 'readFile').mockRejectedValueOnce(denied);
    try {
      await expectRefused(rendererEntryUrl, 500);
    } finally {
      readFile.mockRestore();
    }
  });
});

describe('registerAppProtocol', () => {
  it('hands protocol.handle a bundle handler for the app scheme', async () => {
    const protocol = { handle: vi.fn() };
    registerAppProtocol(protocol, root, CSP);
    expect(protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = protocol.handle.mock.calls[0] as [string, BundleHandler];
    expect(scheme).toBe(APP_SCHEME);
    const response = await handler(new Request(rendererEntryUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  });
});
