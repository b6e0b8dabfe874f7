import { readFile } from 'node:fs/promises';
import { GENESIS_HASH, hashEntry, storedAuditEntrySchema } from './entry';

/** A run of sequence numbers absent from an export: `from` to `to`, both included. */
export interface SeqGap {
  from: number;
  to: number;
}

/** What `npm run audit:verify -- export.ndjson` found in an NDJSON export. */
export interface ExportVerifyReport {
  ok: boolean;
  /** Entries whose own hash matched (before the first problem, when there is one). */
  entries: number;
  /** Links checked: an entry whose predecessor (seq - 1, or the start of the log) is present. */
  linksChecked: number;
  /** Sequence numbers not in the file: left out by a filter, or deleted; the file cannot tell. */
  gaps: SeqGap[];
  /** Every entry from seq 1 to the last, none missing: the whole log up to its last line. */
  complete: boolean;
  firstSeq?: number;
  lastSeq?: number;
  /** 1-based line of the first problem, and what it is. */
  line?: number;
  reason?: string;
}

/**
 * Verifies an NDJSON export offline. An export may be filtered, so it is a subset of the log:
 * every entry's own hash is checked (an edited field shows), and every link whose both ends are
 * present (consecutive seqs, or seq 1 to the start of the log). Links across a gap cannot be
 * checked, and entries cut from the end of an export cannot be seen at all (an export has no
 * anchor). With `complete` (the export was of every entry), a gap is a deleted line: refused.
 */
export async function verifyAuditExport(
  path: string,
  options: { complete?: boolean } = {},
): Promise<ExportVerifyReport> {
  return verifyExportText(await readFile(path, 'utf8'), options);
}

export function verifyExportText(
  text: string,
  options: { complete?: boolean } = {},
): ExportVerifyReport {
  const lines = text === '' ? [] : text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const gaps: SeqGap[] = [];
  let entries = 0;
  let linksChecked = 0;
  let prev: { seq: number; hash: string } | undefined;
  let firstSeq: number | undefined;
  const summary = () => ({
    entries,
    linksChecked,
    gaps,
    complete: firstSeq === 1 && gaps.length === 0 && entries > 0,
    ...(firstSeq !== undefined && { firstSeq }),
    ...(prev && { lastSeq: prev.seq }),
  });
  const broken = (index: number, reason: string): ExportVerifyReport => ({
    ok: false,
    ...summary(),
    complete: false,
    line: index + 1,
    reason,
  });
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    if (raw.trim() === '') return broken(index, 'empty line');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return broken(index, 'not valid JSON');
    }
    const parsed = storedAuditEntrySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.map(String).join('.') || 'entry';
      return broken(index, `not a valid audit entry (${where}: ${issue?.message ?? 'invalid'})`);
    }
    const entry = parsed.data;
    if (hashEntry(entry) !== entry.hash) {
      return broken(index, 'content does not match its hash: the line was edited');
    }
    const expected = (prev?.seq ?? 0) + 1;
    if (entry.seq < expected) {
      return broken(
        index,
        `seq ${entry.seq} comes after seq ${prev?.seq ?? 0}: a line was inserted, repeated or reordered`,
      );
    }
    if (entry.seq > expected) {
      const gap = { from: expected, to: entry.seq - 1 };
      if (options.complete) {
        entries++;
        return broken(
          index,
          `${gapText(gap)} missing from an export of every entry: a line was deleted`,
        );
      }
      gaps.push(gap);
    } else {
      // Both ends of this link are in the file (the first entry links to the log's start).
      const expectedPrev = prev?.hash ?? GENESIS_HASH;
      if (entry.prevHash !== expectedPrev) {
        return broken(
          index,
          'prevHash does not match the previous line: a line was deleted, inserted or reordered',
        );
      }
      linksChecked++;
    }
    firstSeq ??= entry.seq;
    prev = { seq: entry.seq, hash: entry.hash };
    entries++;
  }
  return { ok: true, ...summary() };
}

export function gapText(gap: SeqGap): string {
  return gap.from === gap.to ? `seq ${gap.from} is` : `seq ${gap.from}-${gap.to} are`;
}

/** The report as the CLI prints it: what verified, and what could not be checked. */
export function describeExportReport(report: ExportVerifyReport, path: string): string[] {
  const head = report.ok
    ? report.complete
      ? `OK: ${report.entries} entries verify (${path}): a complete export, seq 1 to ${report.lastSeq ?? 0}, every hash and every link checked.`
      : `OK: ${report.entries} entries verify (${path}): every entry's own hash matches; ${report.linksChecked} of their links to the entry before were checkable and verify.`
    : `TAMPERED: ${report.reason ?? 'the export does not verify'} (line ${report.line ?? '?'}; ${report.entries} entries verified before it).`;
  const out = [head];
  if (report.gaps.length > 0) {
    const shown = report.gaps
      .slice(0, 10)
      .map((gap) => (gap.from === gap.to ? `${gap.from}` : `${gap.from}-${gap.to}`));
    const more = report.gaps.length > 10 ? ` and ${report.gaps.length - 10} more` : '';
    out.push(
      `Not checked: the file has no entry at seq ${shown.join(', ')}${more}, so the links across these gaps were not checked. A filtered export leaves entries out; in an export of every entry a gap is a deleted line (run with --complete to refuse gaps).`,
    );
  }
  out.push(
    'Note: an export has no anchor: entries cut from its end do not show. Verify the live log (audit-log.jsonl) for that.',
  );
  return out;
}
