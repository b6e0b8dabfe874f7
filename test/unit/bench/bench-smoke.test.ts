import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { reportProblems, type BenchReport } from '../../../bench/report';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * `npm run bench -- --quick` runs end to end and emits well-formed results. It asserts the
 * shape of what the bench writes, never a timing: timings belong to `npm run bench`.
 */
describe('bench --quick', () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs every measurement and writes a well-formed report', async () => {
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out],
        { cwd: ROOT, timeout: 150_000, maxBuffer: 10 * 1024 * 1024 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (child.exitCode ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('| #   | measurement | result | target | status |');

    const report = JSON.parse(readFileSync(join(out, 'latest-quick.json'), 'utf8')) as BenchReport;
    expect(reportProblems(report)).toEqual([]);
    expect(report.mode).toBe('quick');
    expect(report.rows.filter((row) => row.status === 'ERROR')).toEqual([]);
    expect(readFileSync(join(out, 'latest-quick.md'), 'utf8')).toContain('| **');
  }, 180_000);

  it('reports malformed results as such', () => {
    expect(reportProblems(null)).not.toEqual([]);
    expect(reportProblems({ schema: 'deel-console-bench/1', mode: 'quick', rows: [] })).toContain(
      'rows are missing',
    );
    const row = {
      id: 'x',
      section: 9,
      name: 'n',
      result: 'r',
      target: 't',
      status: 'MAYBE',
      metrics: { a: [1] },
      notes: [],
    };
    const problems = reportProblems({
      schema: 'deel-console-bench/1',
      mode: 'full',
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: 1,
      environment: {},
      rows: [row],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'rows[0] (x): section is not 1..8',
        'rows[0] (x): bad status',
        'rows[0] (x): metric a is not a scalar',
      ]),
    );
  });
});
