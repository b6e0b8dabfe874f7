import { basename, dirname } from 'node:path';
import { anchorPathOf, AuditLog, type AuditIncident } from './audit-log';
import { HeadAnchor } from './head-anchor';

/** What `npm run audit:verify` found in a log file, without the app and without its keyring. */
export interface OfflineVerifyReport {
  ok: boolean;
  /** Entries whose links verified (before the break, when there is one). */
  entries: number;
  /** 1-based line of the first problem, and what it is. */
  line?: number;
  reason?: string;
  /** What the check of the log's end could and could not see. */
  anchorNote: string;
  /** What the log recorded about itself (torn lines set aside, entries found missing). */
  incidents: AuditIncident[];
}

/**
 * Verifies an audit log file as the console does: every line's hash and its link to the one
 * before, then the log's end against `<file>.head.json` (unless `anchor` is 'none', for a copy
 * made without it). The anchor's seal is not checked: its key is sealed by the console's OS
 * keyring. So this finds an edited, inserted, reordered or removed line, a cut end, an emptied
 * or deleted log and a chain rewritten from its first line, but not an anchor file forged to
 * match a cut log (the app finds that too).
 */
export async function verifyAuditFile(
  path: string,
  options: { anchor: 'expected' | 'none' } = { anchor: 'expected' },
): Promise<OfflineVerifyReport> {
  const anchor =
    options.anchor === 'expected'
      ? await HeadAnchor.readUnsealed(anchorPathOf(path))
      : HeadAnchor.none('no anchor file was given');
  const log = new AuditLog({ dir: dirname(path), fileName: basename(path), anchor });
  const result = await log.verify();
  const anchorNote =
    options.anchor === 'expected'
      ? `the log's end was checked against ${basename(anchorPathOf(path))}; its seal was not (its key is in the console's keyring)`
      : "the log's end was not checked (no anchor file): entries removed from the end would not show";
  return result.ok
    ? { ok: true, entries: result.entries, anchorNote, incidents: result.incidents }
    : {
        ok: false,
        entries: result.entries,
        line: result.line,
        reason: result.reason,
        anchorNote,
        incidents: result.incidents,
      };
}
