import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, csvCell } from '../../../src-main/audit';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded ', '" padded "'],
    ['=1+2', "'=1+2"],
    ['+33 1 23', "'+33 1 23"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    [undefined, ''],
    [7, '7'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('AuditLog exportCsv', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-csv-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a header and one escaped row per matching entry, oldest first', async () => {
    const log = new AuditLog({ dir });
    await log.append({
      action: 'mint',
      environment: 'production',
      organization: 'Acme, Inc.',
      workerId: 'w1',
      workerName: '=cmd|"/c calc"!A1',
      outcome: 'success',
    });
    await log.append({
      action: 'revoke',
      environment: 'production',
      organization: 'Acme, Inc.',
      workerId: 'w1',
      outcome: 'failure',
      detail: 'line one\nline two',
    });
    await log.append({
      action: 'connect',
      environment: 'production',
      organization: 'Acme, Inc.',
      outcome: 'success',
    });
    const target = join(dir, 'export.csv');
    expect(await log.exportCsv(target, { workerId: 'w1' })).toBe(2);
    const text = await readFile(target, 'utf8');
    expect(text.startsWith('\uFEFFseq,time,action,')).toBe(true);
    const rows = text.slice(1).split('\r\n');
    expect(rows).toHaveLength(4); // header, 2 rows, trailing empty
    expect(rows[1]).toContain(',"Acme, Inc.",w1,"\'=cmd|""/c calc""!A1",success,');
    expect(rows[2]).toContain(',failure,,"line one\nline two",');
    expect(rows[3]).toBe('');
  });
});
