import type { IpcError } from '../../../src-shared/errors';
import { describeError } from '../lib/format';
import { useClipboardStore } from '../stores/clipboard-store';

interface Props {
  error: IpcError;
  /** What the operator was doing, e.g. "Mint". */
  context?: string;
  onDismiss?: () => void;
}

/** An error shown next to what caused it, with Deel's request id and a copy button. */
export function ErrorNote({ error, context, onDismiss }: Props) {
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
  return (
    <div className="note note-error" role="alert" data-testid="error-note" data-kind={error.kind}>
      <p>
        {context && <strong>{context} failed: </strong>}
        {describeError(error)}
      </p>
      {error.fieldErrors && error.fieldErrors.length > 0 && (
        <ul>
          {error.fieldErrors.map((f) => (
            <li key={f.path + f.message}>
              {f.path}: {f.message}
            </li>
          ))}
        </ul>
      )}
      {(error.requestId || onDismiss) && (
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
