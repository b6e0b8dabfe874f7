import { useEffect } from 'react';
import {
  collectorAuthorizationText,
  forwardingFailingLong,
  forwardingText,
} from '../lib/audit-forwarding';
import { hintId, inputLimits, type LimitedField } from '../lib/input-limits';
import { connectActionLabel, connectionModeLabels, environmentLabels } from '../lib/labels';
import { FORGET_LIVE_EXPLAINED, stillLiveWarning } from '../lib/live-tokens-wording';
import { reminderStateText, rotationReminder, tokenAgeText } from '../lib/token-rotation';
import { useBulkStore } from '../stores/bulk-store';
import { useCollectorAuthStore } from '../stores/collector-auth-store';
import { useSessionsStore } from '../stores/sessions-store';
import { useConnectionStore } from '../stores/connection-store';
import { useNavStore } from '../stores/nav-store';
import { useRotationStore } from '../stores/rotation-store';
import { useSettingsStore } from '../stores/settings-store';
import { ConnectionWarnings } from './ConnectionWarnings';
import { Dialog } from './Dialog';
import { ErrorNote } from './ErrorNote';
import { ProfilesSection } from './ProfilesSection';

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
  const reminderDays = useSettingsStore((s) => s.saved?.rotationReminderDays);
  const now = useRotationStore((s) => s.now);
  const openRotate = useRotationStore((s) => s.openDialog);
  const reminder = rotationReminder(status, reminderDays, now);
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
          <dt>Working with</dt>
          <dd data-testid="connection-mode">{connectionModeLabels[status.mode]}</dd>
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
          {reminder && (
            <>
              <dt>Token age</dt>
              <dd data-testid="token-age">{tokenAgeText(reminder.ageDays)}</dd>
              <dt>Rotation</dt>
              <dd data-testid="rotation-state" data-due={reminder.due}>
                {reminderStateText(reminder)}
              </dd>
            </>
          )}
        </dl>
      )}
      <ConnectionWarnings />
      <div className="form-actions">
        <button type="button" onClick={() => go('connect')} data-testid="settings-connect">
          {connectActionLabel(status)}
        </button>
        {status?.mode === 'live' && (
          <button type="button" onClick={openRotate} data-testid="settings-rotate">
            Rotate token
          </button>
        )}
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

/** A number setting with its limits beside it and, when the value is refused, why. */
function LimitedNumberField({
  field,
  label,
  value,
  error,
  onChange,
  testId,
}: {
  field: LimitedField;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  testId: string;
}) {
  const { min, max, step, hint } = inputLimits[field];
  const inputId = `input-${field}`;
  const errorId = `error-${field}`;
  // The hint and the error describe the input; they are not part of its name (the label).
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${hintId(field)} ${errorId}` : hintId(field)}
        data-testid={testId}
      />
      <small className="field-hint" id={hintId(field)} data-testid={`${testId}-hint`}>
        {hint}
      </small>
      {error && (
        <small className="error" id={errorId} data-testid={`${testId}-error`}>
          {error}
        </small>
      )}
    </div>
  );
}

/** How often the forwarding status is read again while Settings is shown. */
const FORWARDING_REFRESH_MS = 5_000;

/** The collector URL (empty: off), and what main says about forwarding now. */
function AuditForwardField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const forwarding = useSettingsStore((s) => s.forwarding);
  const loadForwarding = useSettingsStore((s) => s.loadForwarding);
  const now = useSettingsStore((s) => s.forwardingReadAt);
  useEffect(() => {
    void loadForwarding();
    const timer = setInterval(() => void loadForwarding(), FORWARDING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadForwarding]);
  const failingLong = forwarding ? forwardingFailingLong(forwarding, now) : false;
  return (
    <div className="field">
      <label htmlFor="input-audit-forward-url">
        Forward the audit log to a collector (https URL; empty: off)
      </label>
      <input
        id="input-audit-forward-url"
        type="url"
        inputMode="url"
        maxLength={2000}
        placeholder="https://siem.example.com/services/collector"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby="hint-audit-forward-url"
        data-testid="setting-audit-forward-url"
      />
      <small className="field-hint" id="hint-audit-forward-url">
        Every audit entry, as stored (tokens are never in it), is sent in order and retried until
        the collector acknowledges it.
      </small>
      {error && (
        <small className="error" data-testid="setting-audit-forward-url-error">
          {error}
        </small>
      )}
      {forwarding && (
        <small
          role="status"
          className={failingLong ? 'error forward-status' : 'muted forward-status'}
          data-testid="audit-forwarding-status"
        >
          {forwardingText(forwarding, now)}
        </small>
      )}
    </div>
  );
}

/** The collector's Authorization header value: write-only, sealed by main, shown by its hint. */
function CollectorAuthorizationField() {
  const forwarding = useSettingsStore((s) => s.forwarding);
  const draft = useCollectorAuthStore((s) => s.draft);
  const busy = useCollectorAuthStore((s) => s.busy);
  const error = useCollectorAuthStore((s) => s.error);
  const setDraft = useCollectorAuthStore((s) => s.setDraft);
  const save = useCollectorAuthStore((s) => s.save);
  const clear = useCollectorAuthStore((s) => s.clear);
  const isSet = forwarding?.authorization?.set === true;
  return (
    <div className="field">
      <label htmlFor="input-collector-authorization">
        Collector Authorization header (optional, e.g. Splunk &lt;HEC token&gt;)
      </label>
      <input
        id="input-collector-authorization"
        type="password"
        autoComplete="off"
        spellCheck={false}
        maxLength={4096}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          // Enter keeps the secret, not the Preferences form around it.
          if (event.key === 'Enter') {
            event.preventDefault();
            void save();
          }
        }}
        aria-describedby="hint-collector-authorization"
        data-testid="setting-collector-authorization"
      />
      <div className="form-actions">
        <button
          type="button"
          className="secondary"
          aria-disabled={busy || draft.trim() === ''}
          onClick={() => void save()}
          data-testid="collector-authorization-save"
        >
          Keep header value
        </button>
        {isSet && (
          <button
            type="button"
            className="secondary"
            aria-disabled={busy}
            onClick={() => void clear()}
            data-testid="collector-authorization-clear"
          >
            Remove header value
          </button>
        )}
      </div>
      <small
        className="field-hint"
        id="hint-collector-authorization"
        data-testid="collector-authorization-status"
      >
        {collectorAuthorizationText(forwarding)}
      </small>
      {error && <ErrorNote error={error} testId="collector-authorization-error" />}
    </div>
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
      {/* noValidate: the limits and the reasons show beside each field, not in a browser pop-up. */}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <LimitedNumberField
          field="clipboardClearSeconds"
          label="Clear the clipboard after (seconds)"
          value={draft.clipboardClearSeconds}
          error={fieldError('clipboardClearSeconds')}
          onChange={(value) => edit({ clipboardClearSeconds: value })}
          testId="setting-clipboard"
        />
        <LimitedNumberField
          field="requestsPerSecond"
          label="Requests per second to Deel"
          value={draft.requestsPerSecond}
          error={fieldError('requestsPerSecond')}
          onChange={(value) => edit({ requestsPerSecond: value })}
          testId="setting-rps"
        />
        <LimitedNumberField
          field="rateLimitPatienceMinutes"
          label="Wait out rate limiting (429) for up to, in minutes"
          value={draft.rateLimitPatienceMinutes}
          error={fieldError('rateLimitPatienceMinutes')}
          onChange={(value) => edit({ rateLimitPatienceMinutes: value })}
          testId="setting-patience"
        />
        <LimitedNumberField
          field="rotationReminderDays"
          label="Remind me to rotate the organization token after, in days"
          value={draft.rotationReminderDays}
          error={fieldError('rotationReminderDays')}
          onChange={(value) => edit({ rotationReminderDays: value })}
          testId="setting-rotation-days"
        />
        <label className="field">
          <span>Your name in the audit log (optional, beside your computer account)</span>
          <input
            type="text"
            maxLength={100}
            value={draft.operatorName}
            onChange={(event) => edit({ operatorName: event.target.value })}
            data-testid="setting-operator-name"
          />
          <small className="muted">Up to 100 characters.</small>
          {fieldError('operatorName') && (
            <small className="error">{fieldError('operatorName')}</small>
          )}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.requireReason}
            onChange={(event) => edit({ requireReason: event.target.checked })}
            data-testid="setting-require-reason"
          />
          <span>Require a reason or ticket reference for every mint, revoke and sweep</span>
        </label>
        <AuditForwardField
          value={draft.auditForwardUrl}
          error={fieldError('auditForwardUrl')}
          onChange={(value) => edit({ auditForwardUrl: value })}
        />
        <CollectorAuthorizationField />
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
        <ProfilesSection />
      </div>
    </section>
  );
}
