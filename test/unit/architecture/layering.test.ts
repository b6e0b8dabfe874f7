import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The dependency rule, as the lint run enforces it: domain modules never import ipc/ (the wire
// shape), shell/ or electron. Linting a snippet under each folder proves the rule bites.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOMAINS = ['deel', 'vault', 'sessions', 'workers', 'audit', 'errors'];
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering', () => {
  it.each(DOMAINS)('src-main/%s may not import ipc/, shell/ or electron', async (domain) => {
    const file = `src-main/${domain}/example.ts`;
    for (const code of [
      "import { toIpcError } from '../ipc/to-ipc-error';\nexport const x = toIpcError;\n",
      "import { guardQuit } from '../shell/quit-guard';\nexport const x = guardQuit;\n",
      "import { app } from 'electron';\nexport const x = app;\n",
    ]) {
      expect(await restrictedImports(file, code), code).toEqual([
        expect.stringContaining('Domain modules never import ipc/, shell/ or electron.'),
      ]);
    }
    const allowed =
      "import { ConsoleError } from '../errors/console-error';\nexport const x = ConsoleError;\n";
    expect(await restrictedImports(file, allowed)).toEqual([]);
  });

  it('keeps the vault off deel/: it seals, stores and unseals, and never talks to Deel', async () => {
    const code = "import { DeelClient } from '../deel/client';\nexport const x = DeelClient;\n";
    expect(await restrictedImports('src-main/vault/example.ts', code)).toEqual([
      expect.stringContaining('The vault never imports deel/'),
    ]);
    expect(await restrictedImports('src-main/sessions/example.ts', code)).toEqual([]);
  });

  it('lets the composition root (app/) and ipc/ use the wire shape', async () => {
    const code =
      "import { toIpcError } from '../ipc/to-ipc-error';\nexport const x = toIpcError;\n";
    expect(await restrictedImports('src-main/app/example.ts', code)).toEqual([]);
  });
});
