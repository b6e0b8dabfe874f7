import { dismissibleWarningCodes, type DismissibleWarningCode } from '../../../src-shared/contract';
import { useConnectionStore } from '../stores/connection-store';

const warningTitles = {
  'basic-text-keyring': 'No system keyring ("basic_text"): the token is kept for this run only.',
  'keyring-unavailable': 'No system keyring: the token is kept for this run only.',
  'token-unavailable': 'The stored token could not be read.',
  'store-recovered': 'The settings file was damaged and has been reset.',
  'sessions-recovered': 'The list of minted tokens was damaged.',
  'sessions-unsaved': 'The console cannot save what it mints.',
  'clock-skew': "This computer's clock is off from Deel's.",
  'audit-locked': 'Another console is writing the audit log.',
  'audit-recovered': 'The audit log was repaired at start.',
} as const;

const dismissible = new Set<string>(dismissibleWarningCodes);
const isDismissible = (code: string): code is DismissibleWarningCode => dismissible.has(code);

export function ConnectionWarnings() {
  const warnings = useConnectionStore((s) => s.status?.warnings ?? []);
  const acknowledge = useConnectionStore((s) => s.acknowledgeWarning);
  if (warnings.length === 0) return null;
  return (
    <div className="warnings" data-testid="connection-warnings">
      {warnings.map(({ code, message }) => (
        <p key={code} className="note note-warning" data-code={code}>
          <strong>{warningTitles[code]}</strong> {message}
          {isDismissible(code) && (
            <>
              {' '}
              <button
                type="button"
                className="btn-small btn-quiet"
                onClick={() => void acknowledge(code)}
              >
                Dismiss
              </button>
            </>
          )}
        </p>
      ))}
    </div>
  );
}
