import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import { restrictToOwnerSync } from '../files/durable-write';

export type StoreRecovery =
  | { recovered: false }
  | {
      recovered: true;
      reason: 'invalid-json' | 'schema-mismatch';
      /** Where the damaged file now is. */
      movedTo: string;
      /** What was wrong, by field path only: a hand-edited file may hold secrets. */
      detail: string;
    };

/**
 * Runs before the store is opened: `conf` throws on a damaged file, which would stop the app.
 * A file that is not JSON, or does not match the schema, is renamed to
 * `<file>.corrupt-<timestamp>` (kept for the operator, never deleted) so the store starts empty.
 */
export function recoverCorruptStore(
  filePath: string,
  schema: z.ZodType,
  now: Date = new Date(),
): StoreRecovery {
  if (!existsSync(filePath)) return { recovered: false };
  // It holds the sealed org token: owner-only, even when an earlier build left it 0644.
  try {
    restrictToOwnerSync(filePath);
  } catch {
    // Not ours to change (another owner): reading it still works, and is all that is needed.
  }
  const text = readFileSync(filePath, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return moveAside(filePath, now, 'invalid-json', 'the file is not valid JSON');
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { recovered: false };
  const paths = parsed.error.issues
    .slice(0, 5)
    .map((issue) => issue.path.map(String).join('.') || '(root)');
  return moveAside(filePath, now, 'schema-mismatch', `unexpected content at ${paths.join(', ')}`);
}

function moveAside(
  filePath: string,
  now: Date,
  reason: 'invalid-json' | 'schema-mismatch',
  detail: string,
): StoreRecovery {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let movedTo = `${filePath}.corrupt-${stamp}`;
  for (let n = 2; existsSync(movedTo); n++) movedTo = `${filePath}.corrupt-${stamp}-${n}`;
  renameSync(filePath, movedTo);
  return { recovered: true, reason, movedTo, detail };
}

export function recoveryMessage(recovery: Extract<StoreRecovery, { recovered: true }>): string {
  const why = recovery.reason === 'invalid-json' ? 'was not readable' : 'had unexpected content';
  return `The settings file ${why} (${recovery.detail}). It was moved aside to ${basename(recovery.movedTo)} and the console started with empty settings: enter the organization token again.`;
}
