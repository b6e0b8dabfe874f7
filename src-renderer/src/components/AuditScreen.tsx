import { useEffect } from 'react';
import { formatDateTime } from '../lib/date-time';
import { anyOption } from '../lib/labels';
import {
  AUDIT_PAGE_SIZE,
  auditActionChoices,
  auditOutcomeChoices,
  useAuditStore,
  type AuditOutcome,
} from '../stores/audit-store';
import { ErrorNote } from './ErrorNote';
import { FilterSelect } from './FilterSelect';

const outcomeLabels: Record<AuditOutcome, string> = {
  intent: 'Intent (sent next)',
  success: 'Success',
  failure: 'Failure',
  unknown: 'Unknown',
};

/** The filter bar's selects: their labels and choices (the screen binds them to the store). */
const actionSelect = {
  label: 'Action',
  testId: 'audit-action',
  options: [anyOption, ...auditActionChoices.map((action) => ({ value: action, label: action }))],
};
const outcomeSelect = {
  label: 'Outcome',
  testId: 'audit-outcome',
  options: [
    anyOption,
    ...auditOutcomeChoices.map((outcome) => ({ value: outcome, label: outcomeLabels[outcome] })),
  ],
};

function ChainStatus() {
  const chain = useAuditStore((s) => s.chain);
  if (!chain) return null;
  return (
    <>
      {chain.ok ? (
        <p className="chain chain-ok" data-testid="chain-status">
          {chain.anchored
            ? '✓ Hash chain verified: no entry was changed or removed.'
            : '✓ Hash chain verified: no entry was changed.'}
          {!chain.anchored &&
            ` Its end is not anchored (${chain.anchorNote ?? 'no keyring'}), so entries removed from the end would not show.`}
          {chain.anchored && chain.anchorNote && ` Note: ${chain.anchorNote}.`}
        </p>
      ) : (
        <p className="chain chain-broken" role="alert" data-testid="chain-status">
          ✗ Hash chain broken
          {chain.brokenAtLine !== undefined && ` at line ${chain.brokenAtLine}`}
          {chain.reason && `: ${chain.reason}`}
        </p>
      )}
      {chain.incidents.length > 0 && (
        <div
          className="chain chain-incidents"
          data-testid="chain-incidents"
          role={chain.incidents.some((incident) => incident.lost) ? 'alert' : undefined}
        >
          <p>
            The log recorded {chain.incidents.length} incident
            {chain.incidents.length === 1 ? '' : 's'} about itself:
          </p>
          <ul>
            {chain.incidents.map((incident) => (
              <li key={incident.time + incident.detail} data-lost={incident.lost}>
                {formatDateTime(incident.time)}: {incident.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

export function AuditScreen() {
  const s = useAuditStore();
  const { load } = s;

  useEffect(() => {
    void load();
  }, [load]);

  const from = s.total === 0 ? 0 : s.offset + 1;
  const to = Math.min(s.offset + AUDIT_PAGE_SIZE, s.total);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Audit log
        </h2>
        <ChainStatus />
      </div>
      <div className="toolbar" role="search" aria-label="Filter the audit log">
        <FilterSelect {...actionSelect} value={s.action} onChange={s.setAction} />
        <FilterSelect {...outcomeSelect} value={s.outcome} onChange={s.setOutcome} />
        <button type="button" onClick={() => void s.load()}>
          Refresh
        </button>
        <button
          type="button"
          onClick={() => void s.exportCsv()}
          aria-disabled={s.exporting}
          data-testid="audit-export"
        >
          {s.exporting ? 'Exporting…' : 'Export CSV'}
        </button>
        <span role="status" className="muted">
          {s.retrying
            ? 'Rate limited, retrying…'
            : s.exported
              ? s.exported.saved
                ? `Saved ${s.exported.rows} rows.`
                : 'Export cancelled.'
              : ''}
        </span>
      </div>
      {s.exportError && <ErrorNote error={s.exportError} context="Export" />}
      {s.error && <ErrorNote error={s.error} context="Loading the audit log" />}
      <table className="plain audit-table" data-testid="audit-table" aria-busy={s.loading}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Worker</th>
            <th scope="col">Outcome</th>
            <th scope="col">Detail</th>
            <th scope="col">Request id</th>
          </tr>
        </thead>
        <tbody>
          {s.entries.map((entry) => (
            <tr key={entry.seq} data-testid="audit-row" data-action={entry.action}>
              <td>{entry.seq}</td>
              <td className="nowrap">{formatDateTime(entry.time)}</td>
              <td>{entry.action}</td>
              <td>{entry.workerName ?? entry.workerId ?? '—'}</td>
              <td>
                <span
                  className={`outcome outcome-${entry.outcome}`}
                  title={
                    entry.outcome === 'unknown' ? 'Outcome unknown: Deel may have acted' : undefined
                  }
                >
                  {entry.outcome}
                </span>
              </td>
              <td className="detail">{entry.detail ?? ''}</td>
              <td>{entry.requestId ? <code>{entry.requestId}</code> : ''}</td>
            </tr>
          ))}
          {s.entries.length === 0 && !s.loading && (
            <tr>
              <td colSpan={7} className="empty">
                No entries match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" onClick={() => s.page(-1)} aria-disabled={s.offset === 0}>
          Previous
        </button>
        <span>
          {from}–{to} of {s.total}
        </span>
        <button
          type="button"
          onClick={() => s.page(1)}
          aria-disabled={s.offset + AUDIT_PAGE_SIZE >= s.total}
        >
          Next
        </button>
      </div>
    </section>
  );
}
