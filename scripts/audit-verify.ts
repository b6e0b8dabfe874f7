/**
 * `npm run audit:verify -- FILE [--no-anchor]`: verifies an audit log (the live
 * `audit-log.jsonl` in the console's user-data folder, or a copy of it) without the app.
 * `npm run audit:verify -- export.ndjson [--complete]`: verifies an NDJSON export (a `.ndjson`
 * file, or any file with `--export`): a subset of the log, so what could not be checked is said.
 * Exit 0: it verifies; 1: it does not (what and where is printed); 2: wrong arguments or no
 * such file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeExportReport, verifyAuditExport } from '../src-main/audit/export-verify';
import { verifyAuditFile } from '../src-main/audit/offline-verify';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'no-anchor': { type: 'boolean', default: false },
    export: { type: 'boolean', default: false },
    complete: { type: 'boolean', default: false },
  },
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  process.stderr.write(
    'usage: npm run audit:verify -- FILE [--no-anchor] | EXPORT.ndjson [--export] [--complete]\n',
  );
  process.exit(2);
}
const path = resolve(file);
const isExport = values.export || path.toLowerCase().endsWith('.ndjson');
if (!existsSync(path) && (values['no-anchor'] || isExport)) {
  process.stderr.write(`no such file: ${path}\n`);
  process.exit(2);
}
if (isExport) {
  const report = await verifyAuditExport(path, { complete: values.complete });
  process.stdout.write(`${describeExportReport(report, path).join('\n')}\n`);
  process.exit(report.ok ? 0 : 1);
}
const report = await verifyAuditFile(path, { anchor: values['no-anchor'] ? 'none' : 'expected' });
const out = [
  report.ok
    ? `OK: ${report.entries} entries verify (${path}).`
    : `TAMPERED: ${report.reason ?? 'the chain is broken'} (line ${report.line ?? '?'}; ${report.entries} entries verified before it).`,
  `Note: ${report.anchorNote}.`,
  ...report.incidents.map(
    (incident) =>
      `The log recorded, at ${incident.time}: ${incident.detail}${incident.outcome === 'failure' ? ' (entries lost)' : ''}`,
  ),
];
process.stdout.write(`${out.join('\n')}\n`);
process.exit(report.ok ? 0 : 1);
