import type { WorkerRef } from '../stores/sessions-store';
import '../styles/live-tokens.css';

/** A worker's name with its email and id beneath: namesakes are told apart everywhere here. */
export function WorkerIdentity({ worker }: { worker: WorkerRef }) {
  return (
    <span className="lt-identity">
      <span className="lt-name">{worker.workerName.trim() || 'Unnamed worker'}</span>
      <span className="lt-sub muted" title={worker.workerEmail ?? undefined}>
        <span data-testid="worker-email">{worker.workerEmail ?? 'email not known'}</span>
        <span className="lt-id">
          {' · '}
          <span data-testid="worker-id">{worker.workerId}</span>
        </span>
      </span>
    </span>
  );
}
