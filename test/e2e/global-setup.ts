import { existsSync } from 'node:fs';
import { chooseLauncher } from './launcher/detect';

/** Says which launcher this run uses, once, before any spec; and refuses to run on a stale tree. */
export default function globalSetup(): void {
  for (const entry of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(entry))
      throw new Error(`${entry} is missing: run \`npm run build\` before the e2e tests.`);
  }
  const choice = chooseLauncher();
  console.log(
    `\n[e2e] launcher: ${choice.name} — ${choice.reason}\n[e2e] executable: ${choice.executablePath}\n`,
  );
}
