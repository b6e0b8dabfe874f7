import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditLog,
  REDACTED,
  GENESIS_HASH,
  type AuditEntry,
  type AuditInput,
} from '../../../src-main/audit';

let dir: string;
let clock: number;

function newLog(extra: Partial<ConstructorParameters<typeof AuditLog>[0]> = {}): AuditLog {
  return new AuditLog({ dir, now: () => new Date((clock += 1000)), ...extra });
}

function mint(workerId: string, outcome: AuditInput['outcome'] = 'success'): AuditInput {
  return {
    action: 'mint',
    environment: 'demo',
    organization: 'Northwind',
    workerId,
    workerName: `Worker ${workerId}`,
    outcome,
    requestId: `req-${workerId}`,
  };
}

async function lines(log: AuditLog): Promise<string[]> {
  return (await readFile(log.path, 'utf8')).split('\n').filter((line) => line !== '');
}

async function rewrite(log: AuditLog, next: string[]): Promise<void> {
  await writeFile(log.path, `${next.join('\n')}\n`);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-'));
  clock = Date.UTC(2026, 0, 1);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AuditLog append', () => {
  it('chains entries by hash and numbers them', async () => {
    const log = newLog();
    const first = await log.append(mint('w1'));
    const second = await log.append({ ...mint('w2'), action: 'revoke' });
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(await lines(log)).toHaveLength(2);
    expect(await log.verify()).toMatchObject({
      ok: true,
      entries: 2,
      head: { seq: 2, hash: second.hash },
    });
  });

  it('serializes concurrent appends into one unbroken chain', async () => {
    const log = newLog();
    await Promise.all(Array.from({ length: 25 }, (_, i) => log.append(mint(`w${i}`))));
    const result = await log.verify();
    expect(result).toMatchObject({ ok: true, entries: 25 });
  });

  it('continues the chain across instances (restart)', async () => {
    await newLog().append(mint('w1'));
    const again = newLog();
    const entry = await again.append(mint('w2'));
    expect(entry.seq).toBe(2);
    expect(await again.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('refuses an unknown field or outcome outright (a caller bug), writing nothing', async () => {
    const log = newLog();
    await expect(
      log.append({ ...mint('w1'), token: 'abc' } as unknown as AuditInput),
    ).rejects.toThrow();
    await expect(log.append({ ...mint('w1'), outcome: 'minted' as 'success' })).rejects.toThrow();
    expect(await log.verify()).toMatchObject({ entries: 0 });
  });

  it('writes a token-looking value redacted: the line is kept, the value never reaches the disk', async () => {
    const log = newLog({ knownSecrets: () => ['org-secret-value-1234'] });
    const cases: [keyof AuditInput, string][] = [
      ['detail', 'used org-secret-value-1234 here'],
      ['detail', 'Authorization: Bearer abc.def'],
      ['detail', `minted ${'a1B2c3D4e5'.repeat(5)}`],
      ['workerName', 'sim_worker_0123456789abcdef'],
      ['workerName', 'Bearer x'],
    ];
    for (const [field, value] of cases) {
      const entry = await log.append({ ...mint('w1'), [field]: value });
      expect(entry[field], value).toBe(REDACTED);
    }
    const text = (await lines(log)).join('\n');
    expect(await lines(log)).toHaveLength(cases.length);
    for (const [, value] of cases) expect(text).not.toContain(value);
    expect(await log.verify()).toMatchObject({ ok: true, entries: cases.length });
    // Ids and uuids are not tokens.
    const entry = await log.append({
      ...mint('3f2504e0-4f89-11d3-9a0c-0305e82c3301'),
      requestId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    });
    expect(entry).toMatchObject({ requestId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });
  });

  it('clips over-long server text to the limits instead of dropping the line', async () => {
    const log = newLog();
    const entry = await log.append({
      ...mint('w1'),
      requestId: 'r'.repeat(100_000),
      detail: 'd '.repeat(5_000),
    });
    expect(entry.requestId).toHaveLength(200);
    expect(entry.requestId!.endsWith('…')).toBe(true);
    expect(entry.detail).toHaveLength(2000);
  });

  it('sets a torn last line aside before appending (never glues onto it), and says so', async () => {
    const log = newLog();
    await log.append(mint('w1'));
    await writeFile(log.path, `${await readFile(log.path, 'utf8')}{"seq":2,"tor`);
    const next = newLog();
    const entry = await next.append(mint('w2'));
    expect(entry.seq).toBe(3);
    const all = (await lines(next)).map((line) => JSON.parse(line));
    expect(all).toHaveLength(3);
    expect(all[1]).toMatchObject({
      seq: 2,
      action: 'audit-recovered',
      outcome: 'success',
      environment: 'demo',
      detail: expect.stringContaining('(13 bytes, never a complete entry)'),
    });
    expect(all[2]).toMatchObject({ seq: 3, workerId: 'w2' });
    expect(await next.verify()).toMatchObject({ ok: true, entries: 3 });
  });
});

describe('AuditLog verify', () => {
  async function fiveEntries(): Promise<{ log: AuditLog; original: string[] }> {
    const log = newLog();
    for (let i = 1; i <= 5; i++) await log.append(mint(`w${i}`));
    return { log, original: await lines(log) };
  }

  it('detects an edited line', async () => {
    const { log, original } = await fiveEntries();
    const edited = [...original];
    edited[2] = edited[2]!.replace('"outcome":"success"', '"outcome":"failure"');
    await rewrite(log, edited);
    expect(await log.verify()).toMatchObject({
      ok: false,
      entries: 2,
      line: 3,
      reason: expect.stringContaining('edited'),
    });
  });

  it('detects an edited line whose hash was recomputed (breaks the next link)', async () => {
    const { log, original } = await fiveEntries();
    const { hashEntry } = await import('../../../src-main/audit/entry');
    const entry = JSON.parse(original[1]!) as AuditEntry;
    const forged = { ...entry, workerName: 'Someone else' };
    const edited = [...original];
    edited[1] = JSON.stringify({ ...forged, hash: hashEntry(forged) });
    await rewrite(log, edited);
    expect(await log.verify()).toMatchObject({
      ok: false,
      line: 3,
      reason: expect.stringContaining('deleted, inserted or reordered'),
    });
  });

  it('detects a deleted line', async () => {
    const { log, original } = await fiveEntries();
    await rewrite(
      log,
      original.filter((_, i) => i !== 1),
    );
    expect(await log.verify()).toMatchObject({
      ok: false,
      entries: 1,
      line: 2,
      reason: expect.stringContaining('deleted'),
    });
  });

  it('detects reordered lines', async () => {
    const { log, original } = await fiveEntries();
    const swapped = [...original];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    await rewrite(log, swapped);
    expect(await log.verify()).toMatchObject({ ok: false, line: 3 });
  });

  it('detects garbage and schema violations with the line number', async () => {
    const { log, original } = await fiveEntries();
    await rewrite(log, [...original.slice(0, 4), '{"seq":5,"action":"mint"}']);
    expect(await log.verify()).toMatchObject({
      ok: false,
      line: 5,
      reason: expect.stringContaining('not a valid audit entry'),
    });
  });

  it('a log opened without an anchor says so: a cut tail is a valid chain it cannot see', async () => {
    const { log, original } = await fiveEntries();
    await rewrite(log, original.slice(0, 3));
    expect(await log.verify()).toMatchObject({
      ok: true,
      entries: 3,
      anchor: { anchored: false, note: expect.stringContaining('no keyring-sealed key') },
    });
  });

  it('an absent log verifies as empty', async () => {
    expect(await newLog().verify()).toMatchObject({
      ok: true,
      entries: 0,
      head: null,
      incidents: [],
    });
  });
});

describe('AuditLog read', () => {
  it('pages newest first with filters', async () => {
    const log = newLog();
    for (let i = 1; i <= 12; i++) {
      await log.append({
        ...mint(`w${i % 3}`, i % 4 === 0 ? 'failure' : 'success'),
        action: i % 2 === 0 ? 'revoke' : 'mint',
      });
    }
    const page = await log.read({ limit: 5 });
    expect(page.total).toBe(12);
    expect(page.entries.map((e) => e.seq)).toEqual([12, 11, 10, 9, 8]);
    const next = await log.read({ offset: 10, limit: 5 });
    expect(next.entries.map((e) => e.seq)).toEqual([2, 1]);

    const revokes = await log.read({ action: 'revoke' });
    expect(revokes.entries.every((e) => e.action === 'revoke')).toBe(true);
    expect(revokes.total).toBe(6);
    const worker = await log.read({ workerId: 'w1', outcome: 'success' });
    expect(worker.entries.map((e) => e.seq)).toEqual([10, 7, 1]);
    const several = await log.read({ action: ['mint', 'revoke'], outcome: 'failure' });
    expect(several.entries.map((e) => e.seq)).toEqual([12, 8, 4]);
  });

  it('skips unreadable lines and counts them', async () => {
    const log = newLog();
    await log.append(mint('w1'));
    await writeFile(log.path, `${await readFile(log.path, 'utf8')}not json\n`);
    const page = await log.read();
    expect(page.entries).toHaveLength(1);
    expect(page.unreadableLines).toBe(1);
  });
});
