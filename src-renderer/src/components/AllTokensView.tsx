import { useMemo } from 'react';
import type { CrossProfileToken } from '../../../src-shared/contract';
import { formatDateTime } from '../lib/date-time';
import {
  crossProfileCountLine,
  crossProfileJobLine,
  crossProfilePlace,
  crossProfileRows,
  crossStateLabel,
  switchTargetOf,
} from '../lib/profiles';
import { latestExpiry } from '../lib/sessions';
import { useProfilesStore, type LiveScope } from '../stores/profiles-store';
import { useTimeZone } from '../stores/time-zone';
import { Countdown } from './Countdown';
import { ErrorNote } from './ErrorNote';
import { WorkerIdentity } from './WorkerIdentity';
import '../styles/profiles.css';

/** "This profile | All profiles": which tokens the Live tokens screen lists. */
export function LiveScopeToggle() {
  const scope = useProfilesStore((s) => s.liveScope);
  const setScope = useProfilesStore((s) => s.setLiveScope);
  const choices: { value: LiveScope; label: string }[] = [
    { value: 'profile', label: 'This profile' },
    { value: 'all', label: 'All profiles' },
  ];
  return (
    <div className="scope-toggle" role="group" aria-label="Show live tokens of">
      {choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          aria-pressed={scope === choice.value}
          onClick={() => setScope(choice.value)}
          data-testid={`live-scope-${choice.value}`}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}

function AllTokensRow({ row }: { row: CrossProfileToken }) {
  const zone = useTimeZone();
  const list = useProfilesStore((s) => s.list);
  const switching = useProfilesStore((s) => s.switching);
  const switchTo = useProfilesStore((s) => s.switchTo);
  const target = switchTargetOf(row, list);
  const { session } = row;
  const worker = {
    workerId: session.workerId,
    workerName: session.workerName,
    workerEmail: session.workerEmail ?? null,
  };
  return (
    <tr
      data-testid="all-tokens-row"
      data-profile-id={row.profileId ?? ''}
      data-worker-id={session.workerId}
      data-state={session.state}
    >
      <td className="all-profile">
        <span className="lt-identity">
          <span className="lt-name" data-testid="all-tokens-profile">
            {row.profileName}
            {row.active && <span className="muted"> (in use)</span>}
          </span>
          <span className="lt-sub muted" title={crossProfilePlace(row)}>
            {crossProfilePlace(row)}
          </span>
        </span>
      </td>
      <td>
        <WorkerIdentity worker={worker} />
      </td>
      <td>
        <span
          className={session.state === 'live' ? 'badge badge-live' : 'badge badge-outcome-unknown'}
          data-testid="all-tokens-state"
        >
          {session.state === 'outcome-unknown' && <span aria-hidden="true">? </span>}
          {crossStateLabel(session.state)}
        </span>
      </td>
      <td className="lt-num all-expires">
        {session.expiresAt ? formatDateTime(session.expiresAt, zone) : 'unknown'}
      </td>
      <td className="lt-num">
        <div className="all-left">
          {session.expiresAt ? (
            <Countdown until={session.expiresAt} />
          ) : (
            <span className="muted" title="At the latest 24 h after the mint">
              by <Countdown until={latestExpiry(session)} neutral />
            </span>
          )}
        </div>
      </td>
      <td>
        {target && (
          <button
            type="button"
            className="btn-small"
            aria-disabled={Boolean(switching)}
            onClick={() => {
              if (!switching) void switchTo(target.id);
            }}
            data-testid="all-tokens-switch"
          >
            {switching === target.id ? 'Switching…' : `Switch to ${target.name}`}
          </button>
        )}
      </td>
    </tr>
  );
}

/** Live tokens (all): every token Deel may hold in any profile, and every unfinished job. */
export function AllTokensView() {
  const all = useProfilesStore((s) => s.all);
  const allError = useProfilesStore((s) => s.allError);
  const switchError = useProfilesStore((s) => s.switchError);
  const rows = useMemo(() => crossProfileRows(all), [all]);
  return (
    <>
      <p className="muted" data-testid="all-tokens-count">
        {all ? crossProfileCountLine(rows) : 'Reading every profile’s tokens…'}
      </p>
      {allError && <ErrorNote error={allError} context="Reading every profile's tokens" />}
      {switchError && <ErrorNote error={switchError} context="Switch profile" />}
      {all && all.jobs.length > 0 && (
        <section className="panel" aria-labelledby="all-jobs-title" data-testid="all-jobs">
          <h3 id="all-jobs-title">Unfinished jobs</h3>
          <ul className="all-jobs">
            {all.jobs.map((job, index) => (
              <li key={`${job.profileId ?? job.profileName}-${job.kind}-${index}`}>
                {crossProfileJobLine(job)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {all && rows.length === 0 ? (
        <p className="empty" data-testid="no-all-tokens">
          No profile has a token Deel may hold.
        </p>
      ) : (
        rows.length > 0 && (
          <div
            className="all-tokens"
            tabIndex={0}
            role="region"
            aria-label="Live tokens of all profiles"
          >
            <table className="plain" data-testid="all-tokens-table">
              <thead>
                <tr>
                  <th scope="col">Profile</th>
                  <th scope="col">Worker</th>
                  <th scope="col">State</th>
                  <th scope="col" className="all-expires">
                    Expires
                  </th>
                  <th scope="col">Time left</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <AllTokensRow
                    key={`${row.profileId ?? row.profileName}:${row.session.id}`}
                    row={row}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </>
  );
}
