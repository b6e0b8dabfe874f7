import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, GENESIS_HASH, type AuditInput } from '../../../src-main/audit';
import { hashEntry } from '../../../src-main/audit/entry';

// Issue 16: the worker's email on audit lines, filters by organization, environment, worker
// and time, and the export of what is shown.

let dir: string;
let clock: number;

const newLog = () => new AuditLog({ dir, now: () => new Date((clock += 60 * 60 * 1000)) });

function line(over: Partial<AuditInput>): AuditInput {
  return {
    action: 'mint',
    environment: 'demo',
    organization: 'Northwind',
    workerId: 'w-1',
    workerName: 'Priya Nair',
    outcome: 'success',
    ...over,
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-r2-'));
  clock = Date.UTC(2026, 11, 1, 0, 30);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the worker email on audit lines', () => {
  it('is stored, hashed and read back; a log written before the field existed still verifies', async () => {
    // A line as an earlier build wrote it: no workerEmail key at all.
    const unsigned = {
      action: 'mint',
      environment: 'demo',
      organization: 'Northwind',
      workerId: 'w-0',
      workerName: 'Old Line',
      outcome: 'success',
      seq: 1,
      time: '2026-11-30T10:00:00.000Z',
      prevHash: GENESIS_HASH,
    } as const;
    const old = { ...unsigned, hash: hashEntry(unsigned) };
    const log = newLog();
    await writeFile(log.path, `${JSON.stringify(old)}\n`);
    const added = await log.append(line({ workerEmail: 'priya.nair@example.com' }));
    expect(added.prevHash).toBe(old.hash);
    expect(added.workerEmail).toBe('priya.nair@example.com');
    expect(await log.verify()).toMatchObject({ ok: true, entries: 2 });
    // The stored line carries the email, so an edit of it breaks the chain.
    const text = await readFile(log.path, 'utf8');
    expect(text).toContain('"workerEmail":"priya.nair@example.com"');
    await writeFile(log.path, text.replace('priya.nair@', 'someone.else@'));
    expect(await log.verify()).toMatchObject({ ok: false, line: 2 });
  });

  it('exports the columns added later (the email, then the operator, reason and consent) last, so earlier columns keep their positions', async () => {
    const log = newLog();
    await log.append(line({ workerEmail: 'priya.nair@example.com' }));
    await log.append(line({ workerId: 'w-2', workerName: 'No Email' }));
    const target = join(dir, 'out.csv');
    expect(await log.exportCsv(target)).toBe(2);
    const rows = (await readFile(target, 'utf8')).slice(1).trim().split('\r\n');
    expect(rows[0]).toBe(
      'seq,time,action,environment,organization,workerId,workerName,outcome,requestId,detail,prevHash,hash,workerEmail,operatorAccount,operatorName,reason,consent',
    );
    expect(rows[1]).toMatch(/,priya\.nair@example\.com,,,,$/);
    expect(rows[2]).toMatch(/,[0-9a-f]{64},,,,,$/);
  });
});

describe('audit filters: organization, environment, worker text and time', () => {
  async function filled(): Promise<AuditLog> {
    const log = newLog();
    // One line an hour from 2026-12-01 01:30 UTC.
    await log.append(line({ workerEmail: 'priya.nair@example.com' })); // 1: 01:30
    await log.append(
      line({
        organization: 'Acme Live',
        environment: 'custom',
        workerId: 'x-9',
        workerName: 'Charlie Wright',
        workerEmail: 'c.wright@acme.test',
      }),
    ); // 2: 02:30
    await log.append(
      line({
        action: 'revoke',
        workerId: '2893974',
        workerName: 'Charlie Wright',
        workerEmail: 'charlie.w2@northwind.test',
      }),
    ); // 3: 03:30
    await log.append(line({ action: 'connect', workerId: undefined, workerName: undefined })); // 4: 04:30
    return log;
  }

  it('filters by organization and environment exactly', async () => {
    const log = await filled();
    expect((await log.read({ organization: 'Acme Live' })).entries.map((e) => e.seq)).toEqual([2]);
    expect((await log.read({ organization: 'Acme' })).total).toBe(0);
    expect((await log.read({ environment: 'demo' })).entries.map((e) => e.seq)).toEqual([4, 3, 1]);
  });

  it('finds a worker by part of the name, the email or the id, in any case', async () => {
    const log = await filled();
    expect((await log.read({ worker: 'charlie WRIGHT' })).entries.map((e) => e.seq)).toEqual([
      3, 2,
    ]);
    expect((await log.read({ worker: 'C.WRIGHT@acme' })).entries.map((e) => e.seq)).toEqual([2]);
    expect((await log.read({ worker: '2893974' })).entries.map((e) => e.seq)).toEqual([3]);
    expect((await log.read({ worker: '  ' })).total).toBe(4);
  });

  it('keeps lines from `from` (inclusive) to `to` (exclusive)', async () => {
    const log = await filled();
    const range = await log.read({
      from: '2026-12-01T02:30:00.000Z',
      to: '2026-12-01T04:30:00.000Z',
    });
    expect(range.entries.map((e) => e.seq)).toEqual([3, 2]);
    expect((await log.read({ from: '2026-12-02T00:00:00Z' })).total).toBe(0);
  });

  it('lists every organization the log names, whatever the filters', async () => {
    const log = await filled();
    expect((await log.read({ worker: 'nobody' })).organizations).toEqual([
      'Acme Live',
      'Northwind',
    ]);
  });

  it('exports only the lines the filters keep', async () => {
    const log = await filled();
    const target = join(dir, 'shown.csv');
    expect(await log.exportCsv(target, { worker: 'charlie', organization: 'Northwind' })).toBe(1);
    const rows = (await readFile(target, 'utf8')).slice(1).trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(',2893974,Charlie Wright,success,');
  });
});
