import { environmentLabels } from '../lib/labels';
import { FORGET_LIVE_EXPLAINED, stillLiveWarning } from '../lib/live-tokens-wording';
import { useBulkStore } from '../stores/bulk-store';
import { useSessionsStore } from '../stores/sessions-store';
import { useConnectionStore } from '../stores/connection-store';
import { useNavStore } from '../stores/nav-store';
import { useSettingsStore } from '../stores/settings-store';
import { ConnectionWarnings } from './ConnectionWarnings';
import { Dialog } from './Dialog';
import { ErrorNote } from './ErrorNote';

function ConnectionSection() {
  const status = useConnectionStore((s) => s.status);
  const loadError = useConnectionStore((s) => s.loadError);
  const forgetError = useConnectionStore((s) => s.forgetError);
  const confirmingForget = useConnectionStore((s) => s.confirmingForget);
  const forgetting = useConnectionStore((s) => s.forgetting);
  const askForget = useConnectionStore((s) => s.askForget);
  const cancelForget = useConnectionStore((s) => s.cancelForget);
  const forget = useConnectionStore((s) => s.forget);
  const go = useNavStore((s) => s.go);
  // Tokens Deel may still hold for this organization (live or outcome unknown).
  const revocable = useSessionsStore((s) => s.revocable);
  const selectAndAsk = useBulkStore((s) => s.selectAndAsk);
  const stillLive = stillLiveWarning(revocable.length);
  const revokeFirst = () => {
    cancelForget();
    go('live');
    selectAndAsk(
      revocable.map((s) => ({
        workerId: s.workerId,
        workerName: s.workerName,
        workerEmail: s.workerEmail ?? null,
      })),
    );
  };
  return (
    <section className="panel" aria-labelledby="connection-title">
      <h3 id="connection-title">Connection</h3>
      {loadError && <ErrorNote error={loadError} context="Reading the connection" />}
      {status && (
        <dl className="facts" data-testid="connection-facts">
          <dt>Mode</dt>
          <dd>{status.mode === 'demo' ? 'Demo (simulated)' : status.mode}</dd>
          <dt>Environment</dt>
          <dd>{status.environment ? environmentLabels[status.environment] : '—'}</dd>
          <dt>Organization</dt>
          <dd>{status.organization?.name ?? '—'}</dd>
          {status.baseUrl && (
            <>
              <dt>Base URL</dt>
              <dd>{status.baseUrl}</dd>
            </>
          )}
          <dt>Token</dt>
          <dd>
            {status.tokenHint
              ? `${status.tokenHint} (${status.persisted ? 'stored encrypted' : 'this run only'})`
              : 'none'}
          </dd>
        </dl>
      )}
      <ConnectionWarnings />
      <div className="form-actions">
        <button type="button" onClick={() => go('connect')}>
          Replace token
        </button>
        <button
          type="button"
          className="danger"
          onClick={askForget}
          aria-disabled={status?.mode !== 'live'}
          disabled={status?.mode !== 'live'}
        >
          Forget token
        </button>
      </div>
      {forgetError && <ErrorNote error={forgetError} context="Forget" />}
      {confirmingForget && (
        <Dialog
          title="Forget the organization token?"
          onClose={cancelForget}
          testId="forget-dialog"
        >
          <p>
            The console deletes the stored token and stops calling Deel until you connect again.
          </p>
          {stillLive && (
            <div
              className="note note-warning forget-live-warning"
              data-testid="forget-live-warning"
            >
              <p>
                <strong>{stillLive}</strong>
              </p>
              <p>{FORGET_LIVE_EXPLAINED}</p>
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={cancelForget}>
              Cancel
            </button>
            {stillLive && (
              <button
                type="button"
                className="danger-solid"
                onClick={revokeFirst}
                data-testid="forget-revoke-first"
              >
                Revoke them first
              </button>
            )}
            <button
              type="button"
              className={stillLive ? 'danger' : 'danger-solid'}
              onClick={() => void forget()}
              data-testid="forget-confirm"
            >
              {forgetting ? 'Forgetting…' : stillLive ? 'Forget anyway' : 'Forget token'}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function PreferencesSection() {
  const draft = useSettingsStore((s) => s.draft);
  const status = useSettingsStore((s) => s.status);
  const error = useSettingsStore((s) => s.error);
  const edit = useSettingsStore((s) => s.edit);
  const save = useSettingsStore((s) => s.save);
  const fieldError = (path: string) => error?.fieldErrors?.find((f) => f.path === path)?.message;
  return (
    <section className="panel" aria-labelledby="prefs-title">
      <h3 id="prefs-title">Preferences</h3>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>Clear the clipboard after (seconds)</span>
          <input
            type="number"
            min={5}
            max={600}
            step={1}
            value={draft.clipboardClearSeconds}
            onChange={(event) => edit({ clipboardClearSeconds: event.target.value })}
            aria-invalid={Boolean(fieldError('clipboardClearSeconds'))}
            data-testid="setting-clipboard"
          />
          {fieldError('clipboardClearSeconds') && (
            <small className="error">{fieldError('clipboardClearSeconds')}</small>
          )}
        </label>
        <label className="field">
          <span>Requests per second to Deel</span>
          <input
            type="number"
            min={0.5}
            max={5}
            step={0.5}
            value={draft.requestsPerSecond}
            onChange={(event) => edit({ requestsPerSecond: event.target.value })}
            aria-invalid={Boolean(fieldError('requestsPerSecond'))}
            data-testid="setting-rps"
          />
          {fieldError('requestsPerSecond') && (
            <small className="error">{fieldError('requestsPerSecond')}</small>
          )}
        </label>
        <label className="field">
          <span>Wait out rate limiting (429) for up to, in minutes</span>
          <input
            type="number"
            min={1}
            max={60}
            step={1}
            value={draft.rateLimitPatienceMinutes}
            onChange={(event) => edit({ rateLimitPatienceMinutes: event.target.value })}
            aria-invalid={Boolean(fieldError('rateLimitPatienceMinutes'))}
            data-testid="setting-patience"
          />
          {fieldError('rateLimitPatienceMinutes') && (
            <small className="error">{fieldError('rateLimitPatienceMinutes')}</small>
          )}
        </label>
        <label className="check developer-setting">
          <input
            type="checkbox"
            checked={draft.allowLoopbackHost}
            onChange={(event) => edit({ allowLoopbackHost: event.target.checked })}
            data-testid="setting-loopback"
          />
          <span>
            <strong>Developer setting:</strong> allow a loopback Deel host (http://127.0.0.1, a
            local simulator). An installed console otherwise sends the organization token only to
            public https hosts.
          </span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.notifyBeforeExpiry}
            onChange={(event) => edit({ notifyBeforeExpiry: event.target.checked })}
            data-testid="setting-notify"
          />
          <span>Notify me 10 minutes before a token expires</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.expiryBanner}
            onChange={(event) => edit({ expiryBanner: event.target.checked })}
            data-testid="setting-expiry-banner"
          />
          <span>Show a banner in the console when a token it minted expires within 10 minutes</span>
        </label>
        <fieldset className="choice">
          <legend>Show times in</legend>
          {(['local', 'utc'] as const).map((zone) => (
            <label key={zone} className="check">
              <input
                type="radio"
                name="time-zone"
                value={zone}
                checked={draft.timeZone === zone}
                onChange={() => edit({ timeZone: zone })}
                data-testid={`setting-time-zone-${zone}`}
              />
              <span>{zone === 'local' ? 'This computer’s time zone' : 'UTC'}</span>
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" aria-disabled={status === 'saving'}>
            {status === 'saving' ? 'Saving…' : 'Save settings'}
          </button>
          <span role="status" className="muted">
            {status === 'saved' ? 'Saved.' : ''}
          </span>
        </div>
        {error && !error.fieldErrors && <ErrorNote error={error} context="Settings" />}
      </form>
    </section>
  );
}

export function SettingsScreen() {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Settings
        </h2>
      </div>
      <div className="settings-grid">
        <ConnectionSection />
        <PreferencesSection />
      </div>
    </section>
  );
}
