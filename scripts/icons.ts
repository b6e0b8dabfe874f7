/**
 * Generates the platform icon set from the one committed source image, build/icon.svg:
 *
 * - build/icon.png          1024 px master (electron-builder's fallback for every OS)
 * - build/icon.icns         macOS (png2icons, all ICNS sizes up to 1024 px)
 * - build/icon.ico          Windows (png2icons, PNG-compressed entries up to 256 px)
 * - build/icons/NxN.png     Linux hicolor sizes (16 ... 1024), each rendered from the SVG
 *
 * Run with `npm run icons` after changing the SVG and commit the output: packaging never
 * regenerates icons, so installers build the same on every OS.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const BUILD_DIR = resolve(import.meta.dirname, '../build');
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

export function renderPng(svg: Buffer, size: number): Buffer {
  return Buffer.from(
    new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' })
      .render()
      .asPng(),
  );
}

export function generateIcons(buildDir = BUILD_DIR): string[] {
  const svg = readFileSync(join(buildDir, 'icon.svg'));
  const master = renderPng(svg, 1024);
  const written: string[] = [];
  const write = (path: string, data: Buffer) => {
    writeFileSync(path, data);
    written.push(path);
  };
  write(join(buildDir, 'icon.png'), master);

  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
  if (!icns) throw new Error('png2icons could not create the .icns');
  write(join(buildDir, 'icon.icns'), icns);
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, true, true);
  if (!ico) throw new Error('png2icons could not create the .ico');
  write(join(buildDir, 'icon.ico'), ico);

  const linuxDir = join(buildDir, 'icons');
  mkdirSync(linuxDir, { recursive: true });
  for (const size of LINUX_ICON_SIZES) {
    write(join(linuxDir, `${size}x${size}.png`), renderPng(svg, size));
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const path of generateIcons()) console.log(`wrote ${path}`);
}
