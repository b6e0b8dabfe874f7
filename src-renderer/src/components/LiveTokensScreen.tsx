import { useEffect } from 'react';
import type { RevokeResult } from '../../../src-shared/contract';
import { describeError, formatDateTime } from '../lib/format';
import { useBulkStore } from '../stores/bulk-store';
import { useSessionsStore } from '../stores/sessions-store';
import { Countdown } from './Countdown';
import { ErrorNote } from './ErrorNote';

function ResultText({ result }: { result: RevokeResult | undefined }) {
  if (!result) return <span className="muted">Pending…</span>;
  if (result.outcome === 'revoked') return <span className="result-ok">Revoked</span>;
  if (result.outcome === 'no-live-token')
    return <span className="result-info">No live token on Deel</span>;
  return (
    <span className="result-failed">
      Failed{result.error ? `: ${describeError(result.error)}` : ''}
      {result.error?.requestId && <> (request id {result.error.requestId})</>}
    </span>
  );
}

function BulkRun() {
  const status = useBulkStore((s) => s.status);
  const targets = useBulkStore((s) => s.targets);
  const done = useBulkStore((s) => s.done);
  const total = useBulkStore((s) => s.total);
  const results = useBulkStore((s) => s.results);
  const retrying = useBulkStore((s) => s.retrying);
  const error = useBulkStore((s) => s.error);
  const clearResults = useBulkStore((s) => s.clearResults);
  if (status !== 'running' && status !== 'done') return null;
  return (
    <section className="panel bulk-run" aria-labelledby="bulk-title" data-testid="bulk-run">
      <h3 id="bulk-title">Bulk revoke {status === 'running' ? 'in progress' : 'finished'}</h3>
      <div className="bulk-progress">
        <progress max={total || 1} value={done} aria-label="Bulk revoke progress" />
        <span role="status" data-testid="bulk-count">
          {done} of {total} done
        </span>
      </div>
      {retrying && <p role="status">Rate limited, retrying…</p>}
      {error && <ErrorNote error={error} context="Bulk revoke" />}
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">Worker</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr key={t.workerId} data-testid="bulk-result">
              <td>{t.workerName}</td>
              <td>
                <ResultText result={results[t.workerId]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {status === 'done' && (
        <button type="button" onClick={clearResults}>
          Clear results
        </button>
      )}
    </section>
  );
}

export function LiveTokensScreen() {
  const live = useSessionsStore((s) => s.live);
  const selected = useBulkStore((s) => s.selected);
  const toggle = useBulkStore((s) => s.toggle);
  const toggleAll = useBulkStore((s) => s.toggleAll);
  const prune = useBulkStore((s) => s.prune);
  const ask = useBulkStore((s) => s.ask);
  const running = useBulkStore((s) => s.status === 'running');

  useEffect(() => {
    prune(live.map((s) => s.workerId));
  }, [live, prune]);

  const ids = live.map((s) => s.workerId);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  const someSelected = ids.some((id) => selected.has(id));
  const chosen = live
    .filter((s) => selected.has(s.workerId))
    .map((s) => ({ workerId: s.workerId, workerName: s.workerName }));

  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Live tokens
        </h2>
        <p className="muted">
          {live.length} live {live.length === 1 ? 'token' : 'tokens'}, soonest expiry first.
        </p>
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="danger-solid"
          onClick={() => ask(chosen)}
          aria-disabled={chosen.length === 0 || running}
          data-testid="bulk-revoke"
        >
          Revoke selected ({chosen.length})
        </button>
      </div>
      <BulkRun />
      {live.length === 0 ? (
        <p className="empty" data-testid="no-live-tokens">
          No live tokens. Mint one from the Workers screen.
        </p>
      ) : (
        <table className="plain live-table" data-testid="live-table">
          <thead>
            <tr>
              <th scope="col" className="col-check">
                <input
                  type="checkbox"
                  aria-label="Select all live tokens"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected && !allSelected;
                  }}
                  onChange={() => toggleAll(ids)}
                  data-testid="select-all"
                />
              </th>
              <th scope="col">Worker</th>
              <th scope="col">Minted</th>
              <th scope="col">Expires</th>
              <th scope="col">Time left</th>
            </tr>
          </thead>
          <tbody>
            {live.map((s) => (
              <tr key={s.id} data-testid="live-row" data-worker-id={s.workerId}>
                <td className="col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${s.workerName}`}
                    checked={selected.has(s.workerId)}
                    onChange={() => toggle(s.workerId)}
                  />
                </td>
                <td>{s.workerName}</td>
                <td>{formatDateTime(s.mintedAt)}</td>
                <td>{s.expiresAt ? formatDateTime(s.expiresAt) : '—'}</td>
                <td>{s.expiresAt && <Countdown until={s.expiresAt} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
