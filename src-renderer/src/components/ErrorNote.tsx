import type { IpcError } from '../../../src-shared/errors';
import { describeError, errorHeadline, fieldLabel } from '../lib/error-wording';
import { useClipboardStore } from '../stores/clipboard-store';

interface Props {
  error: IpcError;
  /**
   * What the operator was doing, e.g. "Mint": a failure's note starts "Mint failed:" (not a
   * refusal of what was typed: see errorHeadline).
   */
  context?: string;
  /** A headline instead of "<context> failed:". */
  title?: string;
  /** The call used a worker token (Verify), so a 401 is about that token. */
  workerToken?: boolean;
  onDismiss?: () => void;
  /** Shows a "Try again" button in the note. */
  onRetry?: () => void;
  testId?: string;
}

/** An error shown next to what caused it, with Deel's request id and a copy button. */
export function ErrorNote({
  error,
  context,
  title,
  workerToken,
  onDismiss,
  onRetry,
  testId = 'error-note',
}: Props) {
  const copied = useClipboardStore((s) => s.copied);
  const failed = useClipboardStore((s) => s.failed);
  const copyRequestId = useClipboardStore((s) => s.copyRequestId);
  const requestId = error.requestId;
  if (error.kind === 'rate-limit') {
    return (
      <p className="note note-info" role="status">
        Rate limited, retrying…
      </p>
    );
  }
  const description = describeError(error, { workerToken });
  // Deel often repeats its message as a field error: list only what adds something.
  const fieldErrors = (error.fieldErrors ?? []).filter(
    (f) => f.path || !description.includes(f.message),
  );
  const headline = title ?? errorHeadline(error, context);
  return (
    <div className="note note-error" role="alert" data-testid={testId} data-kind={error.kind}>
      <p>
        {headline && <strong>{headline} </strong>}
        {description}
      </p>
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map((f) => {
            const label = fieldLabel(f.path);
            return (
              <li key={f.path + f.message}>
                {label && <strong>{label}: </strong>}
                {f.message}
              </li>
            );
          })}
        </ul>
      )}
      {(requestId || onDismiss || onRetry) && (
        <p className="note-actions">
          {requestId && (
            <>
              <span className="request-id">
                Deel request id <code data-testid="request-id">{requestId}</code>
              </span>
              <button
                type="button"
                className="btn-small"
                onClick={() => void copyRequestId(requestId)}
              >
                Copy request id
              </button>
              {copied === requestId && (
                <span role="status" className="copy-status" data-testid="request-id-copied">
                  Copied
                </span>
              )}
              {failed?.requestId === requestId && (
                <span role="status" className="copy-status">
                  Could not copy ({failed.error.message}); select the id and copy it by hand.
                </span>
              )}
            </>
          )}
          {onRetry && (
            <button type="button" className="btn-small" onClick={onRetry}>
              Try again
            </button>
          )}
          {onDismiss && (
            <button type="button" className="btn-small btn-quiet" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </p>
      )}
    </div>
  );
}
