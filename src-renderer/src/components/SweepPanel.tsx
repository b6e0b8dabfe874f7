import { useId } from 'react';
import {
  canResume,
  confirmationMatches,
  etaSeconds,
  formatDuration,
  sweepCounts,
  sweepHeadline,
} from '../lib/sweep';
import { useConnectionStore } from '../stores/connection-store';
import { usePacingStore } from '../stores/pacing-store';
import { useSweepStore } from '../stores/sweep-store';
import { ErrorNote } from './ErrorNote';
import '../styles/sweep.css';

/** A sweep in progress or left unfinished: counts, ETA, and Cancel / Resume / Dismiss. */
function SweepStatus() {
  const view = useSweepStore((s) => s.view);
  const busy = useSweepStore((s) => s.busy);
  const cancel = useSweepStore((s) => s.cancel);
  const resume = useSweepStore((s) => s.resume);
  const dismiss = useSweepStore((s) => s.dismiss);
  const rate = usePacingStore((s) => s.pacing?.ratePerSecond ?? 0);
  if (!view) return null;
  const running = view.state === 'running';
  const eta = running ? etaSeconds(view, rate) : undefined;
  return (
    <div className="sweep-status" data-testid="sweep-status" data-state={view.state}>
      <p className="sweep-headline" role="status">
        {sweepHeadline(view)}
      </p>
      <p data-testid="sweep-counts">{sweepCounts(view)}</p>
      {running && (
        <progress
          max={Math.max(view.listed, view.expectedTotal ?? 0, 1)}
          value={view.revoked + view.noLiveToken}
          aria-label="Sweep progress"
        />
      )}
      {eta !== undefined && (
        <p data-testid="sweep-eta">
          Time left at the current pace ({rate.toFixed(1)} requests/s): {formatDuration(eta)}.
        </p>
      )}
      {view.writeProblem && (
        <p className="note note-error" role="alert">
          The sweep&apos;s journal could not be written ({view.writeProblem}).
        </p>
      )}
      {view.lastError && <ErrorNote error={view.lastError} context="Sweep" />}
      <div className="toolbar">
        {running && (
          <button type="button" onClick={() => void cancel()} data-testid="sweep-cancel">
            Stop the sweep
          </button>
        )}
        {canResume(view) && (
          <button
            type="button"
            className="danger-solid"
            aria-disabled={busy}
            onClick={() => void resume()}
            data-testid="sweep-resume"
          >
            Resume ({view.remaining.toLocaleString('en-US')} to send)
          </button>
        )}
        {!running && (
          <button type="button" className="btn-quiet" onClick={() => void dismiss()}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}

/** Starting a sweep: what it does, and the organization's name typed to confirm it. */
function SweepStart({ organization }: { organization: string }) {
  const inputId = useId();
  const confirmation = useSweepStore((s) => s.confirmation);
  const setConfirmation = useSweepStore((s) => s.setConfirmation);
  const start = useSweepStore((s) => s.start);
  const busy = useSweepStore((s) => s.busy);
  const ready = confirmationMatches(confirmation, organization);
  return (
    <form
      className="sweep-start"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) void start();
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
        data-testid="sweep-confirmation"
      />
      <button
        type="submit"
        className="danger-solid"
        aria-disabled={!ready || busy}
        data-testid="sweep-start"
      >
        Sweep {organization}
      </button>
    </form>
  );
}

/**
 * The incident switch's sweep: a DELETE of the worker session of every EOR worker of the
 * organization, which ends tokens minted anywhere (Deel lists no live sessions).
 */
export function SweepPanel() {
  const organization = useConnectionStore((s) => s.status?.organization?.name);
  const view = useSweepStore((s) => s.view);
  const error = useSweepStore((s) => s.error);
  if (!organization) return null;
  const idle = !view || (view.state !== 'running' && !canResume(view));
  return (
    <section className="panel sweep-panel" aria-labelledby="sweep-title" data-testid="sweep-panel">
      <h3 id="sweep-title">Sweep the organization</h3>
      <p>
        Sends <code>DELETE /workers/&#123;id&#125;/session</code> for every EOR worker of{' '}
        {organization}. This ends worker tokens minted anywhere: by this console, by the
        company&apos;s White Label backend, by a colleague. Deel lists no live sessions, so this is
        the only complete answer. It runs at the console&apos;s pace and leaves the rest of the
        organization&apos;s rate budget to its other integrations; it survives a restart.
      </p>
      <SweepStatus />
      {idle && <SweepStart organization={organization} />}
      {error && <ErrorNote error={error} context="Sweep" />}
    </section>
  );
}
