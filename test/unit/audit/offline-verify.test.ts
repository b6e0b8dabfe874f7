import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyringAnchorKey } from '../../../src-main/app/audit-anchor-key';
import { anchorPathOf, AuditLog } from '../../../src-main/audit/audit-log';
import type { AuditInput } from '../../../src-main/audit/entry';
import { HeadAnchor } from '../../../src-main/audit/head-anchor';
import { verifyAuditFile } from '../../../src-main/audit/offline-verify';
import type { KeyValueStore } from '../../../src-main/vault/store';
import { FakeCipher } from '../../support/fakes';

// `npm run audit:verify` (issue 17.7) against the app's own verify, case by case: each way of
// tampering with the log that the app reports, the offline verifier reports too.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
let store: KeyValueStore;
const cipher = new FakeCipher();

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get(key: string) {
    return this.values.get(key);
  }
  set(key: string, value: unknown) {
    this.values.set(key, structuredClone(value));
  }
  delete(key: string) {
    this.values.delete(key);
  }
}

const mint = (workerId: string): AuditInput => ({
  action: 'mint',
  environment: 'sandbox',
  organization: 'Northwind',
  workerId,
  outcome: 'success',
});

const appLog = () =>
  AuditLog.open({
    dir,
    anchorKeys: keyringAnchorKey(store, cipher),
    context: () => ({ environment: 'sandbox' as const, organization: 'Northwind' }),
  });

async function logWith(count: number): Promise<{ path: string; lines: string[] }> {
  const log = await appLog();
  for (let i = 1; i <= count; i++) await log.append(mint(`w${i}`));
  await log.close();
  return { path: log.path, lines: (await readFile(log.path, 'utf8')).split('\n').filter(Boolean) };
}

const writeLines = (path: string, lines: string[]) =>
  writeFile(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/** What the app says of the log as it is now (its verify, before a start repairs anything). */
async function appSays(): Promise<boolean> {
  const log = new AuditLog({
    dir,
    anchor: await HeadAnchor.open(
      anchorPathOf(join(dir, 'audit-log.jsonl')),
      keyringAnchorKey(store, cipher),
    ),
  });
  return (await log.verify()).ok;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offline-verify-'));
  store = new MemoryStore();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cases: { name: string; tamper: (log: { path: string; lines: string[] }) => Promise<void> }[] =
  [
    {
      name: 'an edited line',
      tamper: ({ path, lines }) =>
        writeLines(path, [lines[0]!, lines[1]!.replace('"w2"', '"w9"'), ...lines.slice(2)]),
    },
    {
      name: 'a line removed from the middle',
      tamper: ({ path, lines }) => writeLines(path, [lines[0]!, ...lines.slice(2)]),
    },
    {
      name: 'two lines swapped',
      tamper: ({ path, lines }) =>
        writeLines(path, [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]),
    },
    { name: 'a tail cut short', tamper: ({ path, lines }) => writeLines(path, lines.slice(0, 3)) },
    { name: 'an emptied log', tamper: ({ path }) => writeFile(path, '') },
    { name: 'a deleted log', tamper: ({ path }) => unlink(path) },
    {
      name: 'a chain rewritten from its first line',
      tamper: async ({ path }) => {
        const forger = new AuditLog({ dir, fileName: 'forged.jsonl' });
        for (const worker of ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'])
          await forger.append(mint(worker));
        await writeFile(path, await readFile(forger.path));
      },
    },
    { name: 'a deleted anchor file', tamper: ({ path }) => unlink(anchorPathOf(path)) },
  ];

describe('the offline verifier', () => {
  it('passes an intact log, as the app does', async () => {
    const { path } = await logWith(5);
    expect(await appSays()).toBe(true);
    expect(await verifyAuditFile(path)).toMatchObject({ ok: true, entries: 5 });
  });

  it.each(cases)('reports $name, as the app does', async ({ tamper }) => {
    const log = await logWith(5);
    await tamper(log);
    expect(await appSays()).toBe(false);
    const report = await verifyAuditFile(log.path);
    expect(report.ok).toBe(false);
    expect(report.reason).toBeTruthy();
  });

  it('an anchor file forged to match a cut log: the app sees it, the offline verifier cannot (no keyring)', async () => {
    const log = await logWith(3);
    const anchorPath = anchorPathOf(log.path);
    const anchor = JSON.parse(await readFile(anchorPath, 'utf8'));
    await writeLines(log.path, log.lines.slice(0, 2));
    const second = JSON.parse(log.lines[1]!);
    await writeFile(anchorPath, JSON.stringify({ ...anchor, seq: 2, hash: second.hash }));
    expect(await appSays()).toBe(false);
    const report = await verifyAuditFile(log.path);
    expect(report.ok).toBe(true);
    expect(report.anchorNote).toContain('its seal was not');
  });

  it('as a command: exit 0 when it verifies, 1 with what and where when it does not, 2 on bad arguments', async () => {
    const log = await logWith(4);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const good = run(log.path);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('OK: 4 entries verify');
    await writeLines(log.path, log.lines.slice(0, 2));
    const bad = run(log.path);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('TAMPERED: the log ends at entry 2, but 4 entries were written');
    expect(run().status).toBe(2);
  });
});
