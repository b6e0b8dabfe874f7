import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Packages copied rather than linked: `electron`, so that its binary is missing as after a fresh
 * `npm install` and install-electron writes into the copy; `electron-vite`, because it finds
 * the electron package from its own (real) location.
 */
const COPIED = new Set(['electron', 'electron-vite']);

/**
 * A clean copy of the project as a new user has it after `git clone && npm install`: the files
 * git tracks (plus new, not ignored ones: a working tree under test), no `out/`, and a
 * node_modules whose `electron` package has no binary. The other packages are symlinked to
 * this checkout's node_modules instead of being installed again: the same versions, in a
 * second instead of a minute.
 */
export function makeCleanCopy(root: string, dest: string): void {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root },
  )
    .toString('utf8')
    .split('\0')
    // A symlinked node_modules (a git worktree) is not matched by the `node_modules/` ignore.
    .filter((file) => file !== '' && file !== 'node_modules');
  for (const file of files) {
    const from = join(root, file);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    cpSync(from, join(dest, file));
  }

  const modules = join(root, 'node_modules');
  const destModules = join(dest, 'node_modules');
  mkdirSync(join(destModules, '.bin'), { recursive: true });
  for (const name of readdirSync(modules)) {
    if (name === '.bin' || name.startsWith('.')) continue;
    if (COPIED.has(name)) {
      cpSync(join(modules, name), join(destModules, name), {
        recursive: true,
        // No binary: electron's dist/ and path.txt are what install-electron writes.
        filter: (source) =>
          name !== 'electron' ||
          ![join(modules, name, 'dist'), join(modules, name, 'path.txt')].includes(source),
      });
    } else {
      symlinkSync(join(modules, name), join(destModules, name), 'junction');
    }
  }
  // Same relative targets, so `.bin/install-electron` runs the copied electron's install.js.
  for (const name of readdirSync(join(modules, '.bin'))) {
    const link = join(modules, '.bin', name);
    if (lstatSync(link).isSymbolicLink()) {
      symlinkSync(readlinkSync(link), join(destModules, '.bin', name));
    }
  }
}
