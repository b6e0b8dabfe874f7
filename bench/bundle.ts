import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './report';
import { kilobytes } from './support/stats';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function sizes(files: readonly string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(file);
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Newest modification time of any file under `dir` (ms), 0 if none. */
function newest(dir: string): number {
  return Math.max(0, ...filesUnder(dir).map((f) => statSync(f).mtimeMs));
}

/**
 * 6. Bundle: the renderer's initial JS and CSS (what out/renderer/index.html loads: its module
 * script, modulepreloads and stylesheets), raw and gzip (zlib level 9), plus out/main and
 * out/preload. Measures out/ as it is: `npm run build` first (or `npm run bench -- --build`).
 */
export function measureBundle(): BenchRow {
  const base = {
    id: 'bundle',
    section: 6,
    name: 'Bundle sizes (out/)',
    target: '— (none in the issue)',
  };
  const rendererDir = join(ROOT, 'out/renderer');
  const html = join(rendererDir, 'index.html');
  if (!existsSync(html)) {
    return {
      ...base,
      result: 'out/renderer is missing: run `npm run build` first',
      status: 'SKIP',
      metrics: {},
      notes: [],
    };
  }
  const page = readFileSync(html, 'utf8');
  const refs = (pattern: RegExp) =>
    [...page.matchAll(pattern)].map((m) => resolve(rendererDir, (m[1] ?? '').replace(/^\//, './')));
  const js = [
    ...refs(/<script[^>]*\ssrc="([^"]+)"/g),
    ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const css = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const initial = new Set([...js, ...css, html]);
  const lazy = filesUnder(rendererDir).filter((f) => !initial.has(f) && /\.(m?js|css)$/.test(f));
  const jsSize = sizes(js);
  const cssSize = sizes(css);
  const lazySize = sizes(lazy);
  const main = sizes(filesUnder(join(ROOT, 'out/main')));
  const preload = sizes(filesUnder(join(ROOT, 'out/preload')));
  const builtAt = statSync(html).mtimeMs;
  const sourceAt = newest(join(ROOT, 'src-renderer'));
  const stale = sourceAt > builtAt;
  return {
    ...base,
    result:
      `renderer JS ${kilobytes(jsSize.raw)} (${kilobytes(jsSize.gzip)} gzip), CSS ${kilobytes(cssSize.raw)} (${kilobytes(cssSize.gzip)} gzip)` +
      (lazy.length ? `, lazy ${kilobytes(lazySize.raw)}` : '') +
      `; main ${kilobytes(main.raw)}; preload ${kilobytes(preload.raw)}` +
      (stale ? ' (out/ is OLDER than src-renderer: rebuild)' : ''),
    status: 'INFO',
    metrics: {
      rendererInitialJsBytes: jsSize.raw,
      rendererInitialJsGzipBytes: jsSize.gzip,
      rendererInitialJsFiles: js.map((f) => relative(ROOT, f)).join(' '),
      rendererCssBytes: cssSize.raw,
      rendererCssGzipBytes: cssSize.gzip,
      rendererLazyBytes: lazySize.raw,
      rendererLazyFiles: lazy.length,
      mainBytes: main.raw,
      mainGzipBytes: main.gzip,
      preloadBytes: preload.raw,
      preloadGzipBytes: preload.gzip,
      builtAt: new Date(builtAt).toISOString(),
      staleAgainstSources: stale,
    },
    notes: [
      'Initial = the module script, modulepreloads and stylesheets out/renderer/index.html loads; gzip = zlib level 9; kB = 1,024 bytes. Sizes of out/ as built (`npm run build`).',
    ],
  };
}
