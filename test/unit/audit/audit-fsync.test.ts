import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type * as FsPromises from 'node:fs/promises';

// Records the order of file operations, to prove the append promise resolves only after fsync.
const events: string[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const target = String(args[0]);
      if (!target.endsWith('.jsonl')) return handle;
      return new Proxy(handle, {
        get(object, property, receiver) {
          const value: unknown = Reflect.get(object, property, receiver);
          if (typeof value !== 'function') return value;
          return async (...callArgs: unknown[]) => {
            const result: unknown = await (value as (...a: unknown[]) => unknown).apply(
              object,
              callArgs,
            );
            if (property === 'appendFile' || property === 'sync' || property === 'close') {
              events.push(String(property));
            }
            return result;
          };
        },
      });
    },
  };
});

const { AuditLog } = await import('../../../src-main/audit');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-fsync-'));
  events.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('fsyncs each entry before the append resolves', async () => {
  const log = new AuditLog({ dir });
  const base = {
    action: 'verify',
    environment: 'demo',
    organization: 'Org',
    outcome: 'success',
  } as const;
  await Promise.all([
    log.append(base).then(() => events.push('resolved')),
    log.append(base).then(() => events.push('resolved')),
  ]);
  expect(events).toEqual([
    'appendFile',
    'sync',
    'close',
    'resolved',
    'appendFile',
    'sync',
    'close',
    'resolved',
  ]);
});
