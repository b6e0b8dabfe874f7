import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ANCHOR_KEY, keyringAnchorKey } from '../../../src-main/app/audit-anchor-key';
import { anchorPathOf, AuditLog, lockPathOf } from '../../../src-main/audit/audit-log';
import type { AuditInput } from '../../../src-main/audit/entry';
import type { KeyValueStore } from '../../../src-main/vault/store';
import { FakeCipher } from '../../support/fakes';

// The log's head is anchored outside it under a keyring-sealed HMAC key, so a log cut short,
// deleted or rewritten from its first line is reported, not only an edited line; a torn last
// line is set aside at start; and only one process writes the log.

let dir: string;
let store: MemoryStore;
let cipher: FakeCipher;
const children: ChildProcess[] = [];

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

const context = () => ({ environment: 'sandbox' as const, organization: 'Northwind' });

const open = (over: { cipher?: FakeCipher } = {}) =>
  AuditLog.open({
    dir,
    anchorKeys: keyringAnchorKey(store, over.cipher ?? cipher),
    context,
  });

const mint = (workerId: string): AuditInput => ({
  action: 'mint',
  environment: 'sandbox',
  organization: 'Northwind',
  workerId,
  outcome: 'success',
});

async function logWith(count: number): Promise<{ log: AuditLog; lines: string[] }> {
  const log = await open();
  for (let i = 1; i <= count; i++) await log.append(mint(`w${i}`));
  await log.close();
  const lines = (await readFile(log.path, 'utf8')).split('\n').filter(Boolean);
  return { log, lines };
}

const writeLines = (path: string, lines: string[]) =>
  writeFile(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-anchor-'));
  store = new MemoryStore();
  cipher = new FakeCipher();
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('the anchored head', () => {
  it('is sealed with a keyring key stored apart from the log, and follows every append', async () => {
    const { log } = await logWith(3);
    expect(store.get(AUDIT_ANCHOR_KEY)).toMatchObject({ version: 1, backend: 'gnome_libsecret' });
    const anchor = JSON.parse(await readFile(anchorPathOf(log.path), 'utf8'));
    expect(anchor).toMatchObject({ version: 1, seq: 3, hash: (await log.head())?.hash });
    const reopened = await open();
    expect(await reopened.verify()).toMatchObject({
      ok: true,
      entries: 3,
      anchor: { anchored: true },
      incidents: [],
    });
    expect(reopened.startup()).toEqual({ recovered: [] });
    await reopened.close();
  });

  it('reports a tail cut short, and the next start writes it down so the chain goes on', async () => {
    const { log, lines } = await logWith(5);
    await writeLines(log.path, lines.slice(0, 3));
    expect(await log.verify()).toMatchObject({
      ok: false,
      reason: 'the log ends at entry 3, but 5 entries were written: 2 were removed from its end',
    });

    const reopened = await open();
    expect(reopened.startup().recovered).toEqual([
      expect.stringContaining('2 were removed from its end'),
    ]);
    const after = await reopened.verify();
    expect(after).toMatchObject({ ok: true, entries: 4, anchor: { anchored: true } });
    expect(after.incidents).toEqual([
      expect.objectContaining({
        seq: 4,
        outcome: 'failure',
        detail: expect.stringContaining('removed from its end'),
      }),
    ]);
    // The recovery entry is itself anchored: cutting it off again is seen again.
    const now = (await readFile(log.path, 'utf8')).split('\n').filter(Boolean);
    await writeLines(log.path, now.slice(0, 3));
    expect(await (await open()).verify()).toMatchObject({
      ok: true,
      incidents: [expect.anything()],
    });
    await reopened.close();
  });

  it('reports a deleted log and an emptied one', async () => {
    const { log } = await logWith(4);
    await unlink(log.path);
    expect(await (await open()).verify()).toMatchObject({ ok: true, entries: 1 });
    const reopenedLines = (await readFile(log.path, 'utf8')).split('\n').filter(Boolean);
    expect(JSON.parse(reopenedLines[0]!)).toMatchObject({
      action: 'audit-recovered',
      outcome: 'failure',
      detail: expect.stringContaining('the audit log is missing, but it held 4 entries'),
    });

    const second = await logWith(2);
    await writeFile(second.log.path, '');
    const verify = await second.log.verify();
    expect(verify).toMatchObject({
      ok: false,
      reason: expect.stringContaining('is empty, but it held 3 entries'),
    });
  });

  it('reports a chain rewritten from its first line: valid links, but not the entries written', async () => {
    const { log } = await logWith(3);
    // Someone without the keyring builds a fresh, valid chain of their own.
    const forger = new AuditLog({ dir, fileName: 'forged.jsonl' });
    for (const worker of ['x1', 'x2', 'x3', 'x4']) await forger.append(mint(worker));
    await writeFile(log.path, await readFile(forger.path));
    expect(await log.verify()).toMatchObject({
      ok: false,
      reason: 'entry 3 is not the one that was written: the log was rewritten',
    });
  });

  it('reports an anchor file that was edited or deleted (the key says one was written)', async () => {
    const { log, lines } = await logWith(3);
    const anchorPath = anchorPathOf(log.path);
    const anchor = JSON.parse(await readFile(anchorPath, 'utf8'));
    // Cut the log and move the anchor back to match, without the key to seal it.
    await writeLines(log.path, lines.slice(0, 2));
    const second = JSON.parse(lines[1]!);
    await writeFile(anchorPath, JSON.stringify({ ...anchor, seq: 2, hash: second.hash }));
    const edited = await open();
    expect(edited.startup().recovered).toEqual([
      expect.stringContaining('its seal does not match'),
    ]);
    await edited.close();

    await unlink(anchorPath);
    const deleted = await open();
    expect(deleted.startup().recovered).toEqual([
      expect.stringContaining("the record of the log's end"),
    ]);
    expect(deleted.startup().recovered[0]).toContain('is missing');
    await deleted.close();
  });

  it('says when a new key replaces one the keyring can no longer open', async () => {
    await logWith(2);
    cipher.failDecrypt = true;
    const reopened = await open();
    expect(reopened.startup().recovered).toEqual([expect.stringContaining('could not be opened')]);
    cipher.failDecrypt = false;
    expect(await reopened.verify()).toMatchObject({
      ok: true,
      entries: 3,
      anchor: { anchored: true },
    });
    await reopened.close();
  });

  it('without a keyring the log is unanchored, and verify says what that cannot see', async () => {
    const log = await open({ cipher: new FakeCipher(undefined, 'basic_text') });
    await log.append(mint('w1'));
    expect(store.get(AUDIT_ANCHOR_KEY)).toBeUndefined();
    await expect(stat(anchorPathOf(log.path))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await log.verify()).toMatchObject({
      ok: true,
      anchor: { anchored: false, note: 'there is no system keyring to seal its anchor with' },
    });
    await log.close();
  });

  it('a log ahead of its anchor (a crash between the two writes) verifies', async () => {
    const { log } = await logWith(2);
    const older = await readFile(anchorPathOf(log.path));
    const again = await open();
    await again.append(mint('w3'));
    await again.close();
    await writeFile(anchorPathOf(log.path), older);
    const reopened = await open();
    expect(reopened.startup().recovered).toEqual([]);
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 3 });
    await reopened.close();
  });
});

describe('a torn last line', () => {
  it('is moved to a side file at start, with a recovered entry that chains on', async () => {
    const { log, lines } = await logWith(2);
    const torn = lines[1]!.slice(0, 40);
    await writeFile(log.path, `${lines[0]}\n${torn}`);
    expect(await log.verify()).toMatchObject({ ok: false, line: 2, reason: 'not valid JSON' });

    const reopened = await open();
    const [note] = reopened.startup().recovered;
    expect(note).toMatch(
      /cut short by an interrupted write \(40 bytes.*moved to audit-log\.jsonl\.torn-/,
    );
    const aside = (await readdir(dir)).find((name) => name.startsWith('audit-log.jsonl.torn-'));
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(torn);
    // The second line was complete in the anchor's eyes: its loss is reported too.
    expect(reopened.startup().recovered).toHaveLength(2);
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 3 });
    await reopened.close();
  });

  it('a torn line the anchor never saw is only set aside (nothing complete was lost)', async () => {
    const { log } = await logWith(2);
    await writeFile(log.path, '{"seq":3,"act', { flag: 'a' });
    const reopened = await open();
    expect(reopened.startup().recovered).toEqual([expect.stringContaining('13 bytes')]);
    const verify = await reopened.verify();
    expect(verify).toMatchObject({ ok: true, entries: 3 });
    expect(verify.incidents).toEqual([expect.objectContaining({ outcome: 'success' })]);
    await reopened.close();
  });

  it('a complete last entry that only lacks its newline is kept as it is', async () => {
    const { log } = await logWith(2);
    const content = await readFile(log.path, 'utf8');
    await writeFile(log.path, content.slice(0, -1));
    const reopened = await open();
    expect(reopened.startup().recovered).toEqual([]);
    await reopened.append(mint('w3'));
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 3, incidents: [] });
    await reopened.close();
  });
});

describe('one writer', () => {
  const sleeper = () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    children.push(child);
    return child.pid!;
  };

  it('refuses a second process: appends fail with ELOCKED, reading still works', async () => {
    const { log } = await logWith(1);
    const pid = sleeper();
    await writeFile(lockPathOf(log.path), JSON.stringify({ pid, host: hostname() }));
    const second = await open();
    expect(second.startup().locked).toEqual({ pid, lockPath: lockPathOf(log.path) });
    await expect(second.append(mint('w2'))).rejects.toMatchObject({
      code: 'ELOCKED',
      holderPid: pid,
      message: expect.stringContaining(`pid ${pid}`),
    });
    expect(await second.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('takes over a lock whose process is gone (a crash) at once, and releases its own on close', async () => {
    const { log } = await logWith(1);
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    await writeFile(lockPathOf(log.path), JSON.stringify({ pid, host: hostname() }));
    const next = await open();
    expect(next.startup().locked).toBeUndefined();
    await next.append(mint('w2'));
    expect(JSON.parse(await readFile(lockPathOf(log.path), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await next.close();
    await expect(stat(lockPathOf(log.path))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a lock file torn by a crash is stale too', async () => {
    const { log } = await logWith(1);
    await writeFile(lockPathOf(log.path), '{"pid":');
    const next = await open();
    expect(next.startup().locked).toBeUndefined();
    await next.close();
  });
});
