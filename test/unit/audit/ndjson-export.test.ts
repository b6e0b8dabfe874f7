import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/audit/audit-log';
import type { AuditInput } from '../../../src-main/audit/entry';
import { hashEntry } from '../../../src-main/audit/entry';
import { verifyAuditExport } from '../../../src-main/audit/export-verify';

// Issue 17.7: an NDJSON export keeps every stored field, hash chain included, so it verifies
// offline; a filtered export is a subset, and the verifier says what it could not check.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ndjson-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (workerId: string, outcome: AuditInput['outcome'] = 'success'): AuditInput => ({
  action: 'mint',
  environment: 'sandbox',
  organization: 'Northwind',
  workerId,
  workerName: `Worker ${workerId}`,
  outcome,
});

async function logWith(inputs: AuditInput[]): Promise<AuditLog> {
  const log = new AuditLog({ dir });
  for (const input of inputs) await log.append(input);
  return log;
}

const readLines = async (path: string) =>
  (await readFile(path, 'utf8')).split('\n').filter(Boolean);
const writeLines = (path: string, lines: string[]) => writeFile(path, `${lines.join('\n')}\n`);

describe('AuditLog exportNdjson', () => {
  it('writes each entry exactly as stored, oldest first, and the export verifies as complete', async () => {
    const log = await logWith([entry('w1'), entry('w2', 'failure'), entry('w3')]);
    const target = join(dir, 'export.ndjson');
    expect(await log.exportNdjson(target)).toBe(3);
    expect(await readLines(target)).toEqual(await readLines(log.path));
    const first = JSON.parse((await readLines(target))[0]!);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['seq', 'time', 'prevHash', 'hash']));
    const report = await verifyAuditExport(target);
    expect(report).toMatchObject({
      ok: true,
      entries: 3,
      linksChecked: 3,
      gaps: [],
      complete: true,
    });
  });

  it('a filtered export is a subset: own hashes verify, links across gaps are not checked and the gaps are named', async () => {
    const log = await logWith([
      entry('w1'),
      entry('w2', 'failure'),
      entry('w3'),
      entry('w4', 'failure'),
      entry('w5', 'failure'),
    ]);
    const target = join(dir, 'failures.ndjson');
    expect(await log.exportNdjson(target, { outcome: 'failure' })).toBe(3);
    const report = await verifyAuditExport(target);
    expect(report).toMatchObject({
      ok: true,
      entries: 3,
      // seq 5 follows seq 4 in the file: that one link is checkable.
      linksChecked: 1,
      gaps: [
        { from: 1, to: 1 },
        { from: 3, to: 3 },
      ],
      complete: false,
    });
    // Told it was an export of every entry, the same file is refused.
    expect(await verifyAuditExport(target, { complete: true })).toMatchObject({
      ok: false,
      line: 1,
    });
  });

  it('detects a field edited in the middle of an unfiltered export', async () => {
    const log = await logWith([entry('w1'), entry('w2'), entry('w3'), entry('w4')]);
    const target = join(dir, 'export.ndjson');
    await log.exportNdjson(target);
    const lines = await readLines(target);
    const edited = JSON.parse(lines[1]!);
    edited.outcome = 'failure';
    lines[1] = JSON.stringify(edited);
    await writeLines(target, lines);
    expect(await verifyAuditExport(target)).toMatchObject({
      ok: false,
      line: 2,
      reason: 'content does not match its hash: the line was edited',
    });
  });

  it('detects an edited line whose hash was recomputed, by its broken link to the next', async () => {
    const log = await logWith([entry('w1'), entry('w2'), entry('w3')]);
    const target = join(dir, 'export.ndjson');
    await log.exportNdjson(target);
    const lines = await readLines(target);
    const edited = JSON.parse(lines[1]!);
    edited.workerName = 'Someone else';
    edited.hash = hashEntry(edited);
    lines[1] = JSON.stringify(edited);
    await writeLines(target, lines);
    expect(await verifyAuditExport(target)).toMatchObject({ ok: false, line: 3 });
  });

  it('a line deleted from the middle of an unfiltered export shows as a gap, and is refused with complete', async () => {
    const log = await logWith([entry('w1'), entry('w2'), entry('w3'), entry('w4')]);
    const target = join(dir, 'export.ndjson');
    await log.exportNdjson(target);
    const lines = await readLines(target);
    await writeLines(target, [lines[0]!, lines[1]!, lines[3]!]);
    expect(await verifyAuditExport(target)).toMatchObject({
      ok: true,
      complete: false,
      gaps: [{ from: 3, to: 3 }],
    });
    expect(await verifyAuditExport(target, { complete: true })).toMatchObject({
      ok: false,
      line: 3,
      reason: 'seq 3 is missing from an export of every entry: a line was deleted',
    });
  });

  it('detects lines swapped (reordered) and a line repeated', async () => {
    const log = await logWith([entry('w1'), entry('w2'), entry('w3')]);
    const target = join(dir, 'export.ndjson');
    await log.exportNdjson(target);
    const lines = await readLines(target);
    await writeLines(target, [lines[0]!, lines[2]!, lines[1]!]);
    expect(await verifyAuditExport(target)).toMatchObject({ ok: false, line: 3 });
    await writeLines(target, [lines[0]!, lines[1]!, lines[1]!, lines[2]!]);
    expect(await verifyAuditExport(target)).toMatchObject({ ok: false, line: 3 });
  });

  it('as a command: npm run audit:verify -- FILE.ndjson says what was and was not checked', async () => {
    const log = await logWith([entry('w1'), entry('w2', 'failure'), entry('w3')]);
    const all = join(dir, 'all.ndjson');
    const shown = join(dir, 'shown.ndjson');
    await log.exportNdjson(all);
    await log.exportNdjson(shown, { outcome: 'success' });
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const good = run(all);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('OK: 3 entries verify');
    expect(good.stdout).toContain('a complete export, seq 1 to 3');
    const subset = run(shown);
    expect(subset.status).toBe(0);
    expect(subset.stdout).toContain("every entry's own hash matches; 1 of their links");
    expect(subset.stdout).toContain('Not checked: the file has no entry at seq 2,');
    expect(run(shown, '--complete').status).toBe(1);
    const lines = await readLines(all);
    await writeLines(all, [lines[0]!, lines[2]!]);
    const cut = run(all, '--complete');
    expect(cut.status).toBe(1);
    expect(cut.stdout).toContain('TAMPERED: seq 2 is missing');
  });
});
