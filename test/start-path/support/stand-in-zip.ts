import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZipFile } from 'yazl';

const STAND_IN_DIR = join(import.meta.dirname, '..', 'stand-in');

export interface StandInZip {
  /** What @electron/get asks the mirror for, e.g. electron-v45.5.0-linux-x64.zip. */
  fileName: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * Builds the stand-in "Electron release" zip the loopback mirror serves: laid out like the real
 * one for this platform as far as electron's install.js looks (the executable named in
 * path.txt at the root, and a `version` file), with the executable being a shell script that
 * runs the bundled stand-in (boot.ts and the stub `electron` module) under Node.
 */
export async function buildStandInZip(version: string): Promise<StandInZip> {
  if (process.platform === 'win32' || process.platform === 'darwin') {
    throw new Error('the stand-in Electron zip is laid out for Linux only');
  }
  const bundle = await build({
    entryPoints: [join(STAND_IN_DIR, 'boot.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    write: false,
    logLevel: 'silent',
  });
  const boot = bundle.outputFiles[0]!.contents;
  const zip = new ZipFile();
  const mtime = new Date('2026-01-01T00:00:00Z');
  zip.addBuffer(readFileSync(join(STAND_IN_DIR, 'electron.sh')), 'electron', {
    mode: 0o100755,
    mtime,
  });
  zip.addBuffer(Buffer.from(version), 'version', { mtime });
  zip.addBuffer(Buffer.from(boot), 'stand-in/boot.mjs', { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return {
    fileName: `electron-v${version}-${process.platform}-${process.arch}.zip`,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
