import { useEffect } from 'react';
import type { AuditEntry } from '../../../src-shared/contract';
import {
  auditActionOptions,
  auditActionText,
  auditOutcomeLabels,
  auditOutcomeMarks,
  auditOutcomeOptions,
  auditWorker,
  environmentText,
  exportedText,
  operatorLabel,
} from '../lib/audit-wording';
import { formatDateTime, formatTimesIn, type TimeZoneSetting } from '../lib/date-time';
import { anyOption } from '../lib/labels';
import { profileAuditScope } from '../lib/profiles';
import {
  AUDIT_PAGE_SIZE,
  auditExportFormatChoices,
  filtered,
  useAuditStore,
} from '../stores/audit-store';
import { useConnectionStore } from '../stores/connection-store';
import { useTimeZone } from '../stores/time-zone';
import { ErrorNote } from './ErrorNote';
import { FilterSelect } from './FilterSelect';
import '../styles/audit.css';

/** The filter bar's selects: their labels and choices (the screen binds them to the store). */
const actionSelect = {
  label: 'Action',
  testId: 'audit-action',
  options: [anyOption, ...auditActionOptions],
};
const outcomeSelect = {
  label: 'Outcome',
  testId: 'audit-outcome',
  options: [anyOption, ...auditOutcomeOptions],
};

function ChainStatus() {
  const chain = useAuditStore((s) => s.chain);
  const zone = useTimeZone();
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
                {formatDateTime(incident.time, zone)}: {incident.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function WorkerCell({ entry }: { entry: AuditEntry }) {
  const worker = auditWorker(entry);
  if (!worker) return <span className="muted">—</span>;
  return (
    <span className="audit-worker" data-testid="audit-worker">
      <span className="audit-worker-name">{worker.name}</span>
      {worker.email && (
        <span className="audit-worker-email" title={worker.email}>
          {worker.email}
        </span>
      )}
      {worker.id && (
        <span className="audit-worker-id" title={worker.id}>
          id {worker.id}
        </span>
      )}
    </span>
  );
}

function AuditRow({ entry, zone }: { entry: AuditEntry; zone: TimeZoneSetting }) {
  return (
    <tr
      data-testid="audit-row"
      data-action={entry.action}
      data-outcome={entry.outcome}
      data-worker-id={entry.workerId}
    >
      <td>{entry.seq}</td>
      <td className="nowrap" data-testid="audit-time">
        {formatDateTime(entry.time, zone)}
      </td>
      <td data-testid="audit-organization">{entry.organization}</td>
      <td className="nowrap" data-testid="audit-environment">
        {environmentText(entry.environment)}
      </td>
      <td data-testid="audit-action-text">{auditActionText(entry.action, entry.outcome)}</td>
      <td>
        <WorkerCell entry={entry} />
      </td>
      <td className="nowrap">
        <span className={`outcome outcome-${entry.outcome}`} data-testid="audit-outcome-text">
          <span aria-hidden="true">{auditOutcomeMarks[entry.outcome]} </span>
          {auditOutcomeLabels[entry.outcome]}
        </span>
      </td>
      <td className="detail" data-testid="audit-detail">
        {entry.detail ? formatTimesIn(entry.detail, zone) : ''}
      </td>
      <td className="operator" data-testid="audit-operator">
        {operatorLabel(entry)}
        {entry.reason && (
          <span className="muted audit-reason" data-testid="audit-reason">
            {' '}
            Reason: {entry.reason}
          </span>
        )}
        {entry.consent && (
          <span className="muted audit-consent" data-testid="audit-consent">
            {' '}
            Confirmed: “{entry.consent}”
          </span>
        )}
      </td>
      <td>{entry.requestId ? <code>{entry.requestId}</code> : ''}</td>
    </tr>
  );
}

function ExportBar() {
  const s = useAuditStore();
  const narrowed = filtered(s);
  return (
    <div className="audit-export" role="group" aria-label="Export">
      <FilterSelect
        label="Format"
        testId="audit-export-format"
        options={auditExportFormatChoices}
        value={s.exportFormat}
        onChange={s.setExportFormat}
      />
      <button
        type="button"
        onClick={() => void s.exportEntries('shown')}
        aria-disabled={s.exporting}
        data-testid="audit-export"
      >
        {s.exporting
          ? 'Exporting…'
          : narrowed
            ? `Export shown (${s.total})`
            : `Export ${s.exportFormat === 'csv' ? 'CSV' : 'NDJSON'}`}
      </button>
      {narrowed && (
        <button
          type="button"
          onClick={() => void s.exportEntries('all')}
          aria-disabled={s.exporting}
          data-testid="audit-export-all"
        >
          Export all
        </button>
      )}
      <span role="status" className="muted" data-testid="audit-export-status">
        {s.exported ? exportedText(s.exported, s.exported.scope) : ''}
        {s.shown ? ' The folder was opened in your file manager.' : ''}
      </span>
      {s.exported?.saved && (
        <button
          type="button"
          onClick={() => void s.showInFolder()}
          data-testid="audit-show-in-folder"
        >
          Show in folder
        </button>
      )}
    </div>
  );
}

/** The shared log as the profile in use sees it: its organization and environment only. */
function ThisProfileFilter() {
  const status = useConnectionStore((st) => st.status);
  const organization = useAuditStore((st) => st.organization);
  const environment = useAuditStore((st) => st.environment);
  const showProfile = useAuditStore((st) => st.showProfile);
  const clearFilters = useAuditStore((st) => st.clearFilters);
  const scope = profileAuditScope(status);
  if (!scope) return null;
  const pressed = organization === scope.organization && environment === scope.environment;
  return (
    <button
      type="button"
      className="secondary"
      aria-pressed={pressed}
      onClick={() => (pressed ? clearFilters() : showProfile(scope))}
      data-testid="audit-this-profile"
    >
      This profile only
    </button>
  );
}

export function AuditScreen() {
  const s = useAuditStore();
  const { load } = s;
  const zone = useTimeZone();

  useEffect(() => {
    void load();
  }, [load]);

  const from = s.total === 0 ? 0 : s.offset + 1;
  const to = Math.min(s.offset + AUDIT_PAGE_SIZE, s.total);
  const organizationSelect = {
    label: 'Organization',
    testId: 'audit-organization-filter',
    options: [
      anyOption,
      ...s.organizations.map((organization) => ({ value: organization, label: organization })),
    ],
  };

  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Audit log
        </h2>
        <ChainStatus />
      </div>
      <div className="toolbar audit-filters" role="search" aria-label="Filter the audit log">
        <FilterSelect {...organizationSelect} value={s.organization} onChange={s.setOrganization} />
        <ThisProfileFilter />
        <label className="field">
          <span>Worker (name, email or id)</span>
          <input
            type="search"
            value={s.worker}
            maxLength={200}
            onChange={(event) => s.setWorker(event.target.value)}
            data-testid="audit-worker-filter"
          />
        </label>
        <label className="field">
          <span>From</span>
          <input
            type="date"
            value={s.fromDay}
            onChange={(event) => s.setDays({ fromDay: event.target.value })}
            data-testid="audit-from"
          />
        </label>
        <label className="field">
          <span>To</span>
          <input
            type="date"
            value={s.toDay}
            min={s.fromDay || undefined}
            onChange={(event) => s.setDays({ toDay: event.target.value })}
            data-testid="audit-to"
          />
        </label>
        <FilterSelect {...actionSelect} value={s.action} onChange={s.setAction} />
        <FilterSelect {...outcomeSelect} value={s.outcome} onChange={s.setOutcome} />
        <button type="button" onClick={() => s.clearFilters()} data-testid="audit-clear">
          Clear filters
        </button>
        <button type="button" onClick={() => void s.load()}>
          Refresh
        </button>
        <span role="status" className="muted">
          {s.retrying ? 'Rate limited, retrying…' : ''}
        </span>
      </div>
      <ExportBar />
      {s.exportError && <ErrorNote error={s.exportError} context="Export" />}
      {s.showError && <ErrorNote error={s.showError} context="Show in folder" />}
      {s.error && <ErrorNote error={s.error} context="Loading the audit log" />}
      <div className="audit-scroll" tabIndex={0} role="region" aria-label="Audit entries">
        <table className="plain audit-table" data-testid="audit-table" aria-busy={s.loading}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time</th>
              <th scope="col">Organization</th>
              <th scope="col">Environment</th>
              <th scope="col">Action</th>
              <th scope="col">Worker</th>
              <th scope="col">Outcome</th>
              <th scope="col">Detail</th>
              <th scope="col">Operator</th>
              <th scope="col">Request id</th>
            </tr>
          </thead>
          <tbody>
            {s.entries.map((entry) => (
              <AuditRow key={entry.seq} entry={entry} zone={zone} />
            ))}
            {s.entries.length === 0 && !s.loading && (
              <tr>
                <td colSpan={10} className="empty">
                  No entries match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
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
