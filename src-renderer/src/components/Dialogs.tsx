import { withoutRepeatedFieldErrors } from '../lib/field-errors';
import { mintWordingOf } from '../lib/token-actions';
import { useBulkStore } from '../stores/bulk-store';
import { useSessionsStore } from '../stores/sessions-store';
import { Dialog } from './Dialog';
import { WorkerIdentity } from './WorkerIdentity';
import { ErrorNote } from './ErrorNote';

export function MintDialog() {
  const dialog = useSessionsStore((s) => s.mintDialog);
  const setConsent = useSessionsStore((s) => s.setConsent);
  const closeMint = useSessionsStore((s) => s.closeMint);
  const confirmMint = useSessionsStore((s) => s.confirmMint);
  if (!dialog) return null;
  const wording = mintWordingOf(dialog.workerName, dialog.supersedes);
  return (
    <Dialog title={wording.title} onClose={closeMint} testId="mint-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void confirmMint();
        }}
      >
        <p>
          The token lets anyone holding it act as this worker on Deel for 24 hours. It stays hidden
          until you reveal it (once) or copy it.
        </p>
        {wording.warning && (
          <p className="note note-warning" data-testid="supersede-warning">
            {wording.warning}
          </p>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={dialog.consent}
            onChange={(event) => setConsent(event.target.checked)}
            data-testid="consent"
          />
          <span>The worker&apos;s consent was obtained.</span>
        </label>
        {dialog.retrying && (
          <p className="note note-info" role="status">
            Rate limited, retrying…
          </p>
        )}
        {dialog.error && (
          <ErrorNote error={withoutRepeatedFieldErrors(dialog.error)} context="Mint" />
        )}
        <div className="dialog-actions">
          <button type="button" onClick={closeMint} disabled={dialog.busy}>
            Cancel
          </button>
          <button
            type="submit"
            className={wording.tone === 'danger' ? 'danger-solid' : 'primary'}
            aria-disabled={dialog.busy}
          >
            {dialog.busy ? wording.busy : wording.submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RevokeDialog() {
  const dialog = useSessionsStore((s) => s.revokeDialog);
  const closeRevoke = useSessionsStore((s) => s.closeRevoke);
  const confirmRevoke = useSessionsStore((s) => s.confirmRevoke);
  if (!dialog) return null;
  return (
    <Dialog
      title={`Revoke ${dialog.workerName}'s token?`}
      onClose={closeRevoke}
      testId="revoke-dialog"
    >
      <p>
        Deel invalidates the worker&apos;s live access token at once. If none is live, nothing
        happens.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={closeRevoke} disabled={dialog.busy}>
          Cancel
        </button>
        <button
          type="button"
          className="danger-solid"
          onClick={() => void confirmRevoke()}
          aria-disabled={dialog.busy}
        >
          {dialog.busy ? 'Revoking…' : 'Revoke token'}
        </button>
      </div>
    </Dialog>
  );
}

export function BulkRevokeDialog() {
  const status = useBulkStore((s) => s.status);
  const targets = useBulkStore((s) => s.targets);
  const count = targets.length;
  const cancel = useBulkStore((s) => s.cancel);
  const start = useBulkStore((s) => s.start);
  if (status !== 'confirming') return null;
  return (
    <Dialog
      title={`Revoke ${count} ${count === 1 ? 'token' : 'tokens'}?`}
      onClose={cancel}
      testId="bulk-dialog"
    >
      <p>
        Each listed worker&apos;s token is revoked on Deel, paced by the request limiter. You will
        see a result per worker, and can stop the run.
      </p>
      {/* Who exactly: name, email and id, so a namesake is never revoked by mistake. */}
      <ul
        className="bulk-confirm-list"
        aria-label="Workers whose tokens will be revoked"
        tabIndex={0}
        data-testid="bulk-confirm-list"
      >
        {targets.map((t) => (
          <li key={t.workerId} data-testid="bulk-confirm-item" data-worker-id={t.workerId}>
            <WorkerIdentity worker={t} />
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        <button type="button" className="danger-solid" onClick={() => void start()}>
          Revoke {count}
        </button>
      </div>
    </Dialog>
  );
}
