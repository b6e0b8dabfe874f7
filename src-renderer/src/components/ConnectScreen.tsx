import { useEffect } from 'react';
import { hintId, inputLimits } from '../lib/input-limits';
import { environmentLabels } from '../lib/labels';
import { connectChoices, useConnectionStore } from '../stores/connection-store';
import { useNavStore } from '../stores/nav-store';
import { useRotationStore } from '../stores/rotation-store';
import { ErrorNote } from './ErrorNote';
import { FilterSelect } from './FilterSelect';
import { ConnectionWarnings } from './ConnectionWarnings';

export function ConnectScreen() {
  const environment = useConnectionStore((s) => s.environment);
  const customUrl = useConnectionStore((s) => s.customUrl);
  const tokenFieldKey = useConnectionStore((s) => s.tokenFieldKey);
  const clearTokenDraft = useConnectionStore((s) => s.clearTokenDraft);
  const check = useConnectionStore((s) => s.check);
  const status = useConnectionStore((s) => s.status);
  const setEnvironment = useConnectionStore((s) => s.setEnvironment);
  const setCustomUrl = useConnectionStore((s) => s.setCustomUrl);
  const setTokenDraft = useConnectionStore((s) => s.setTokenDraft);
  const submit = useConnectionStore((s) => s.submit);
  const authError = useNavStore((s) => s.authError);
  const openRotate = useRotationStore((s) => s.openDialog);
  const demo = environment === 'demo';

  // Leaving the screen drops whatever was typed.
  useEffect(() => clearTokenDraft, [clearTokenDraft]);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Connect to Deel
        </h2>
      </div>
      {authError && (
        <ErrorNote
          error={authError}
          title="Deel stopped accepting the organization token."
          testId="auth-redirect"
        />
      )}
      {status && (
        <p className="muted" data-testid="current-connection">
          Currently:{' '}
          {status.mode === 'unconfigured'
            ? 'not connected'
            : `${status.organization?.name ?? 'unknown organization'} on ${
                status.environment ? environmentLabels[status.environment] : status.mode
              }${status.tokenHint ? `, token ${status.tokenHint}` : ''}`}
        </p>
      )}
      {status?.mode === 'live' && (
        <div className="panel rotate-offer">
          <p className="muted">
            A new token for the same organization (Deel recommends rotating quarterly)? Rotate
            checks it belongs to {status.organization?.name ?? 'this organization'} before it
            replaces the one in use.
          </p>
          <button type="button" onClick={openRotate} data-testid="connect-rotate">
            Rotate token
          </button>
        </div>
      )}
      {/* noValidate: what is wrong shows in the form's own words, not in a browser pop-up. */}
      <form
        className="panel form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <FilterSelect
          label="Environment"
          testId="connect-environment"
          options={connectChoices}
          value={environment}
          onChange={setEnvironment}
        />
        {environment === 'custom' && (
          <label className="field">
            <span>Base URL</span>
            <input
              type="url"
              value={customUrl}
              placeholder="https://api.example.com"
              onChange={(event) => setCustomUrl(event.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        )}
        {!demo && (
          <div className="field">
            <label htmlFor="connect-token">Organization token</label>
            {/* Uncontrolled on purpose: React mirrors a controlled value into the DOM attribute. */}
            <input
              key={tokenFieldKey}
              id="connect-token"
              type="password"
              defaultValue=""
              onChange={(event) => setTokenDraft(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              aria-describedby={`${hintId('token')} connect-token-about`}
              data-testid="connect-token"
            />
            <small className="field-hint" id={hintId('token')} data-testid="connect-token-hint">
              {inputLimits.token.hint}
            </small>
            <small className="muted" id="connect-token-about">
              Needs the <code>admin:worker</code> scope. It is checked against Deel, then stored
              encrypted by the operating system keyring; this screen never shows it again.
            </small>
          </div>
        )}
        {demo && (
          <p className="muted">
            Demo data comes from a built-in Deel simulator on this computer. No real worker is
            touched.
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            aria-disabled={check.status === 'checking'}
            data-testid="connect-submit"
          >
            {check.status === 'checking'
              ? 'Checking…'
              : demo
                ? 'Use demo data'
                : 'Check and connect'}
          </button>
        </div>
        <div aria-live="polite">
          {check.status === 'ok' && (
            <p className="note note-ok" data-testid="connect-ok">
              Connected to <strong>{check.organization}</strong>.
            </p>
          )}
          {check.status === 'error' && <ErrorNote error={check.error} context="Connect" />}
        </div>
      </form>
      <ConnectionWarnings />
    </section>
  );
}
