import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PASS/FAIL against the issue's target; INFO: no target; SKIP: could not run here; ERROR: crashed. */
export const STATUSES = ['PASS', 'FAIL', 'INFO', 'SKIP', 'ERROR'] as const;
export type Status = (typeof STATUSES)[number];

export type MetricValue = number | string | boolean | null;

export interface BenchRow {
  /** Stable key, e.g. `worker-list-10000`. */
  id: string;
  /** The measurement number (1..8; 8 is issue 17's sweep). */
  section: number;
  name: string;
  /** One line for the table. */
  result: string;
  /** The issue's target in words, or `—` when it sets none. */
  target: string;
  status: Status;
  /** The raw numbers behind `result` (milliseconds, bytes, counts, ratios). */
  metrics: Record<string, MetricValue>;
  /** How it was measured, and anything a reader must know to trust the number. */
  notes: string[];
}

export interface BenchReport {
  schema: 'deel-console-bench/1';
  mode: 'full' | 'quick';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  environment: Record<string, MetricValue>;
  rows: BenchRow[];
}

export function statusOf(passed: boolean): Status {
  return passed ? 'PASS' : 'FAIL';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The Markdown table (also what `npm run bench` prints and the README shows). */
export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| #   | measurement | result | target | status |',
    '| --- | ----------- | ------ | ------ | ------ |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.section} | ${escapeCell(row.name)} | ${escapeCell(row.result)} | ${escapeCell(row.target)} | **${row.status}** |`,
    );
  }
  return lines.join('\n');
}

export function summaryLine(rows: readonly BenchRow[]): string {
  const counts = new Map<Status, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}

/** Writes `bench-<mode>-<stamp>.json`, `latest-<mode>.json` and `latest-<mode>.md`. */
export function writeReport(report: BenchReport, outDir: string): { json: string; md: string } {
  mkdirSync(outDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const json = join(outDir, `latest-${report.mode}.json`);
  writeFileSync(join(outDir, `bench-${report.mode}-${stamp}.json`), text);
  writeFileSync(json, text);
  const md = join(outDir, `latest-${report.mode}.md`);
  const notes = report.rows
    .filter((row) => row.notes.length > 0)
    .map((row) => `- **${row.name}**: ${row.notes.join(' ')}`);
  writeFileSync(
    md,
    [
      `Benchmark (${report.mode}), ${report.startedAt}, ${(report.durationMs / 1000).toFixed(0)} s`,
      '',
      markdownTable(report.rows),
      '',
      ...notes,
      '',
    ].join('\n'),
  );
  return { json, md };
}

/** What is wrong with a report's shape (empty when well-formed). Never looks at timings. */
export function reportProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) return ['the report is not an object'];
  const report = value as Partial<BenchReport>;
  if (report.schema !== 'deel-console-bench/1') problems.push('unknown schema');
  if (report.mode !== 'full' && report.mode !== 'quick') problems.push('mode is not full/quick');
  for (const key of ['startedAt', 'finishedAt'] as const) {
    if (typeof report[key] !== 'string' || Number.isNaN(Date.parse(report[key])))
      problems.push(`${key} is not a date`);
  }
  if (typeof report.durationMs !== 'number') problems.push('durationMs is not a number');
  if (typeof report.environment !== 'object' || report.environment === null)
    problems.push('environment is missing');
  if (!Array.isArray(report.rows) || report.rows.length === 0) {
    problems.push('rows are missing');
    return problems;
  }
  const ids = new Set<string>();
  report.rows.forEach((row: Partial<BenchRow>, index) => {
    const where = `rows[${index}]${typeof row.id === 'string' ? ` (${row.id})` : ''}`;
    if (typeof row.id !== 'string' || row.id === '') problems.push(`${where}: no id`);
    else if (ids.has(row.id)) problems.push(`${where}: duplicate id`);
    else ids.add(row.id);
    if (typeof row.section !== 'number' || row.section < 1 || row.section > 8)
      problems.push(`${where}: section is not 1..8`);
    for (const key of ['name', 'result', 'target'] as const) {
      if (typeof row[key] !== 'string' || row[key] === '') problems.push(`${where}: no ${key}`);
    }
    if (!STATUSES.includes(row.status as Status)) problems.push(`${where}: bad status`);
    if (typeof row.metrics !== 'object' || row.metrics === null) {
      problems.push(`${where}: no metrics`);
    } else {
      for (const [name, metric] of Object.entries(row.metrics)) {
        const ok =
          metric === null || ['number', 'string', 'boolean'].includes(typeof metric as string);
        if (!ok) problems.push(`${where}: metric ${name} is not a scalar`);
      }
    }
    if (!Array.isArray(row.notes) || row.notes.some((n) => typeof n !== 'string'))
      problems.push(`${where}: notes are not strings`);
  });
  const sections = new Set(report.rows.map((row) => row.section));
  for (let s = 1; s <= 7; s++) if (!sections.has(s)) problems.push(`no row for measurement ${s}`);
  return problems;
}
