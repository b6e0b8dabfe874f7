import { useId } from 'react';
import { MINT_CONSENT_WORDING } from '../../../src-shared/consent';
import { withoutRepeatedFieldErrors } from '../lib/field-errors';
import { reasonRequired } from '../lib/profiles';
import { mintWordingOf } from '../lib/token-actions';
import { useBulkStore } from '../stores/bulk-store';
import { useProfilesStore } from '../stores/profiles-store';
import { useSessionsStore } from '../stores/sessions-store';
import { useSettingsStore } from '../stores/settings-store';
import { Dialog } from './Dialog';
import { WorkerIdentity } from './WorkerIdentity';
import { ErrorNote } from './ErrorNote';

/** The reason or ticket reference kept with the change in the audit log (Settings or the profile: required). */
function ReasonField({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const id = useId();
  const installWide = useSettingsStore((s) => s.saved?.requireReason ?? false);
  const profiles = useProfilesStore((s) => s.list);
  const required = reasonRequired(installWide, profiles);
  return (
    <div className="field">
      <label htmlFor={id}>
        Reason or ticket reference {required ? '(required)' : '(optional)'}
      </label>
      <input
        id={id}
        type="text"
        maxLength={200}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
      />
      <small id={`${id}-hint`} className="muted">
        Up to 200 characters, kept in the audit log with your name.
      </small>
    </div>
  );
}

export function MintDialog() {
  const dialog = useSessionsStore((s) => s.mintDialog);
  const setConsent = useSessionsStore((s) => s.setConsent);
  const closeMint = useSessionsStore((s) => s.closeMint);
  const confirmMint = useSessionsStore((s) => s.confirmMint);
  const setReason = useSessionsStore((s) => s.setDialogReason);
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
          <span>{MINT_CONSENT_WORDING}</span>
        </label>
        <ReasonField value={dialog.reason} onChange={setReason} testId="mint-reason" />
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
  const setReason = useSessionsStore((s) => s.setDialogReason);
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
      <ReasonField value={dialog.reason} onChange={setReason} testId="revoke-reason" />
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
  const reason = useBulkStore((s) => s.reason);
  const setReason = useBulkStore((s) => s.setReason);
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
      <ReasonField value={reason} onChange={setReason} testId="bulk-reason" />
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
