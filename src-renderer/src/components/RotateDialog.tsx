import { environmentLabels } from '../lib/labels';
import {
  deleteOldTokenReminder,
  DEVELOPER_CENTER_PATH,
  ROTATION_STEPS,
  rotationStepIndex,
} from '../lib/token-rotation';
import { useConnectionStore } from '../stores/connection-store';
import { useRotationStore } from '../stores/rotation-store';
import { Dialog } from './Dialog';
import { ErrorNote } from './ErrorNote';
import '../styles/rotation.css';

/** The guided replace of the organization token by a new one of the same organization. */
export function RotateDialog() {
  const open = useRotationStore((s) => s.open);
  const state = useRotationStore((s) => s.state);
  const tokenFieldKey = useRotationStore((s) => s.tokenFieldKey);
  const setTokenDraft = useRotationStore((s) => s.setTokenDraft);
  const submit = useRotationStore((s) => s.submit);
  const close = useRotationStore((s) => s.close);
  const status = useConnectionStore((s) => s.status);
  if (!open) return null;
  const current = rotationStepIndex(state.step);
  const organization = status?.organization?.name ?? 'the organization';
  const where = status?.baseUrl
    ? status.baseUrl
    : status?.environment
      ? environmentLabels[status.environment]
      : 'the host in use';
  return (
    <Dialog title="Rotate the organization token" onClose={close} testId="rotate-dialog">
      <ol className="rotate-steps" data-testid="rotate-steps">
        {ROTATION_STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index === current ? 'step' : undefined}
            data-state={index < current ? 'done' : index === current ? 'current' : 'next'}
          >
            {label}
          </li>
        ))}
      </ol>
      {state.step === 'done' ? (
        <>
          <p className="note note-ok" role="status" data-testid="rotate-done">
            Rotated: the console now uses the new token
            {state.newHint ? ` ${state.newHint}` : ''} for <strong>{state.organization}</strong>.
          </p>
          <p className="note note-warning" data-testid="rotate-delete-old">
            <strong>One more step, in Deel: </strong>
            {deleteOldTokenReminder(state.oldHint)}
          </p>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={close} data-testid="rotate-close">
              Done
            </button>
          </div>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <p>
            Create a new token with the <code>admin:worker</code> scope for {organization} in
            Deel&apos;s Developer Center ({DEVELOPER_CENTER_PATH}) and paste it here. The console
            asks Deel whose token it is: it is swapped in only if it belongs to {organization} on{' '}
            {where}. Otherwise nothing changes.
          </p>
          <div className="field">
            <label htmlFor="rotate-token">New organization token</label>
            {/* Uncontrolled on purpose: React mirrors a controlled value into the DOM attribute. */}
            <input
              key={tokenFieldKey}
              id="rotate-token"
              type="password"
              defaultValue=""
              onChange={(event) => setTokenDraft(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              aria-describedby="rotate-token-about"
              data-testid="rotate-token"
            />
            <small className="muted" id="rotate-token-about">
              Checked against Deel, then stored encrypted in place of the old one; never shown
              again.
            </small>
          </div>
          <div aria-live="polite">
            {state.step === 'checking' && (
              <p className="note note-info" role="status">
                Asking Deel which organization the new token belongs to…
              </p>
            )}
            {state.step === 'paste' && state.error && (
              <ErrorNote error={state.error} title="Not rotated." testId="rotate-error" />
            )}
          </div>
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button
              type="submit"
              className="primary"
              aria-disabled={state.step === 'checking'}
              data-testid="rotate-submit"
            >
              {state.step === 'checking' ? 'Checking…' : 'Check and rotate'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
