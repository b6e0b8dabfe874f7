import { useConnectionStore } from '../stores/connection-store';

const warningTitles = {
  'basic-text-keyring': 'No system keyring ("basic_text"): the token is kept for this run only.',
  'keyring-unavailable': 'No system keyring: the token is kept for this run only.',
  'token-unavailable': 'The stored token could not be read.',
  'store-recovered': 'The settings file was damaged and has been reset.',
  'sessions-recovered': 'The list of minted tokens was damaged.',
  'sessions-unsaved': 'The console cannot save what it mints.',
  'clock-skew': "This computer's clock is off from Deel's.",
} as const;

export function ConnectionWarnings() {
  const warnings = useConnectionStore((s) => s.status?.warnings ?? []);
  const acknowledge = useConnectionStore((s) => s.acknowledgeWarning);
  if (warnings.length === 0) return null;
  return (
    <div className="warnings" data-testid="connection-warnings">
      {warnings.map((w) => (
        <p key={w.code} className="note note-warning" data-code={w.code}>
          <strong>{warningTitles[w.code]}</strong> {w.message}
          {(w.code === 'store-recovered' || w.code === 'sessions-recovered') && (
            <>
              {' '}
              <button
                type="button"
                className="btn-small btn-quiet"
                onClick={() => void acknowledge(w.code as 'store-recovered' | 'sessions-recovered')}
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
