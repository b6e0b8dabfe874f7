import { useEffect } from 'react';
import { historyView } from '../lib/token-history-wording';
import { useHistoryStore } from '../stores/history-store';
import { useTimeZone } from '../stores/time-zone';
import '../styles/history.css';
import { ErrorNote } from './ErrorNote';

/** The worker's tokens this console knows, newest first, from the audit log. */
export function TokenHistory({ workerId }: { workerId: string }) {
  const zone = useTimeZone();
  const follow = useHistoryStore((s) => s.follow);
  const shownFor = useHistoryStore((s) => s.workerId);
  const status = useHistoryStore((s) => s.status);
  const rows = useHistoryStore((s) => s.rows);
  const error = useHistoryStore((s) => s.error);
  const load = useHistoryStore((s) => s.load);
  useEffect(() => follow(workerId), [follow, workerId]);
  const current = shownFor === workerId;
  const view = current ? historyView(rows, zone) : [];
  return (
    <section
      className="token-history"
      aria-labelledby="token-history-title"
      data-testid="token-history"
    >
      <h4 id="token-history-title">Token history</h4>
      {current && status === 'error' && error && (
        <ErrorNote error={error} context="Token history" onDismiss={() => void load(workerId)} />
      )}
      {(!current || status === 'loading') && view.length === 0 && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {current && status === 'ready' && view.length === 0 && (
        <p className="muted" data-testid="token-history-empty">
          This console has minted no token for this worker on this connection.
        </p>
      )}
      {view.length > 0 && (
        <ol className="token-history-list">
          {view.map((row) => (
            <li key={row.key} data-testid="token-history-row" data-state={row.state}>
              <p className="token-history-head">
                <span className={`badge history-state-${row.state}`}>{row.label}</span>
                <span>{row.minted}</span>
              </p>
              {row.reason && <p className="muted">Reason: {row.reason}</p>}
              <p className="token-history-end">{row.end}</p>
              {row.endReason && <p className="muted">Revoke reason: {row.endReason}</p>}
              {row.requestId && (
                <p className="muted request-id">
                  Deel request <code>{row.requestId}</code>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
