import { useEffect, useId } from 'react';
import {
  ACROSS_PROFILES_CONFIRMATION,
  acrossConfirmed,
  acrossResultLines,
  tokensByProfile,
} from '../lib/across-profiles';
import { confirmationMatches } from '../lib/sweep';
import { useConnectionStore } from '../stores/connection-store';
import { useIncidentStore } from '../stores/incident-store';
import { useProfilesStore } from '../stores/profiles-store';
import { ErrorNote } from './ErrorNote';
import { useSessionsStore } from '../stores/sessions-store';
import { SweepPanel } from './SweepPanel';

/** "Revoke everything this console minted": every live and outcome-unknown token, one job. */
function RevokeEverything({ organization }: { organization: string }) {
  const inputId = useId();
  const revocable = useSessionsStore((s) => s.revocable);
  const confirmation = useIncidentStore((s) => s.revokeAllConfirmation);
  const setConfirmation = useIncidentStore((s) => s.setRevokeAllConfirmation);
  const revokeAll = useIncidentStore((s) => s.revokeAll);
  const count = revocable.length;
  const ready = count > 0 && confirmationMatches(confirmation, organization);
  return (
    <section className="panel" aria-labelledby="revoke-all-title" data-testid="revoke-everything">
      <h3 id="revoke-all-title">Revoke every token this console minted</h3>
      <p data-testid="revoke-everything-count">
        {count === 0
          ? `This console holds no token Deel may still hold for ${organization}.`
          : `${count} ${count === 1 ? 'token' : 'tokens'} this console minted for ${organization} may still be live on Deel (live or outcome unknown). They are revoked as one journaled bulk job, shown on Live tokens.`}
      </p>
      {count > 0 && (
        <form
          className="sweep-start"
          onSubmit={(event) => {
            event.preventDefault();
            if (ready) {
              void revokeAll(
                revocable.map((s) => ({
                  workerId: s.workerId,
                  workerName: s.workerName,
                  workerEmail: s.workerEmail ?? null,
                })),
              );
            }
          }}
        >
          <label htmlFor={inputId}>
            Type the organization&apos;s name, <strong>{organization}</strong>, to confirm
          </label>
          <input
            id={inputId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
            data-testid="revoke-everything-confirmation"
          />
          <button
            type="submit"
            className="danger-solid"
            aria-disabled={!ready}
            data-testid="revoke-everything-start"
          >
            Revoke all {count}
          </button>
        </form>
      )}
    </section>
  );
}

/** "Revoke across all profiles": every profile's live and outcome-unknown tokens, one job each. */
function RevokeAcrossProfiles() {
  const inputId = useId();
  const reasonId = useId();
  const all = useProfilesStore((s) => s.all);
  const loadAll = useProfilesStore((s) => s.loadAll);
  const confirmation = useIncidentStore((s) => s.acrossConfirmation);
  const reason = useIncidentStore((s) => s.acrossReason);
  const busy = useIncidentStore((s) => s.acrossBusy);
  const result = useIncidentStore((s) => s.acrossResult);
  const error = useIncidentStore((s) => s.acrossError);
  const setConfirmation = useIncidentStore((s) => s.setAcrossConfirmation);
  const setReason = useIncidentStore((s) => s.setAcrossReason);
  const revokeAcross = useIncidentStore((s) => s.revokeAcross);
  useEffect(() => {
    void loadAll();
  }, [loadAll]);
  const rows = tokensByProfile(all);
  const count = rows.reduce((sum, row) => sum + row.count, 0);
  const ready = count > 0 && !busy && acrossConfirmed(confirmation);
  return (
    <section className="panel" aria-labelledby="revoke-across-title" data-testid="revoke-across">
      <h3 id="revoke-across-title">Revoke every token this console minted, in every profile</h3>
      <p data-testid="revoke-across-count">
        {count === 0
          ? 'No profile holds a token Deel may still hold.'
          : `${count} ${count === 1 ? 'token' : 'tokens'} Deel may still hold, across ${rows.length} ${rows.length === 1 ? 'profile' : 'profiles'}. Each profile's are revoked as its own journaled job, to its own organization, in the background.`}
      </p>
      {rows.length > 0 && (
        <ul className="across-profiles">
          {rows.map((row) => (
            <li key={row.profileName}>
              {row.profileName}
              {row.active ? ' (in use)' : ''}: {row.count}
            </li>
          ))}
        </ul>
      )}
      {count > 0 && (
        <form
          className="sweep-start"
          onSubmit={(event) => {
            event.preventDefault();
            if (ready) void revokeAcross();
          }}
        >
          <label htmlFor={reasonId}>
            Reason or ticket (optional unless a profile requires one)
          </label>
          <input
            id={reasonId}
            type="text"
            maxLength={200}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            data-testid="revoke-across-reason"
          />
          <label htmlFor={inputId}>
            Type <strong>{ACROSS_PROFILES_CONFIRMATION}</strong> to confirm
          </label>
          <input
            id={inputId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
            data-testid="revoke-across-confirmation"
          />
          <button
            type="submit"
            className="danger-solid"
            aria-disabled={!ready}
            data-testid="revoke-across-start"
          >
            Revoke all {count} in every profile
          </button>
        </form>
      )}
      {error && <ErrorNote error={error} testId="revoke-across-error" />}
      {result && (
        <div role="status" data-testid="revoke-across-result">
          <ul className="across-result">
            {acrossResultLines(result).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The incident switch: end this console's tokens, or every worker token of the organization. */
export function IncidentScreen() {
  const organization = useConnectionStore((s) => s.status?.organization?.name);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Incident switch
        </h2>
      </div>
      {organization ? (
        <div className="incident-grid">
          <RevokeEverything organization={organization} />
          <SweepPanel />
          <RevokeAcrossProfiles />
        </div>
      ) : (
        <p className="empty">Connect to an organization first.</p>
      )}
    </section>
  );
}
