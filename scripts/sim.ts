/**
 * Deel API simulator CLI: `npm run sim -- --workers 10000 --port 4010 [--json] [--seed N]`.
 * See src-main/simulator/cli.ts for all options. This is NOT Deel: fake data on 127.0.0.1.
 */
import { runCli } from '../src-main/simulator/cli.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('[deel-simulator] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
