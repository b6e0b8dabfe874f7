import { useId } from 'react';
import { confirmationMatches } from '../lib/sweep';
import { useConnectionStore } from '../stores/connection-store';
import { useIncidentStore } from '../stores/incident-store';
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
        </div>
      ) : (
        <p className="empty">Connect to an organization first.</p>
      )}
    </section>
  );
}
