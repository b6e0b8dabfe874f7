import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_TOKEN_PATTERN } from './support/console-page';

/** Binary artefacts: screenshots are masked where a token shows (see ConsolePage.screenshot). */
const BINARY = /\.(png|jpe?g|webm|zip)$/i;

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * After every e2e run: no text the run left behind (logs, error contexts, attachments) may
 * hold a minted worker token. A run that leaks one fails here, whatever its specs said.
 */
export default function globalTeardown(): void {
  const leaks = filesUnder('test-results/e2e')
    .filter((path) => !BINARY.test(path))
    .filter((path) => WORKER_TOKEN_PATTERN.test(readFileSync(path, 'latin1')));
  if (leaks.length > 0) {
    throw new Error(`A minted worker token was written to: ${leaks.join(', ')}`);
  }
}
