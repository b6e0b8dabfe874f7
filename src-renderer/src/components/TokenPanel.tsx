import { formatClock, formatDateTime } from '../lib/date-time';
import { unavailableSentence } from '../lib/live-tokens-wording';
import { hiringTypeLabels, labelOf } from '../lib/labels';
import { describeVerify } from '../lib/verify-wording';
import { useSessionsStore, type TokenAction, type TokenActivity } from '../stores/sessions-store';
import { useTimeZone } from '../stores/time-zone';
import { useWorkersStore } from '../stores/workers-store';
import { Countdown } from './Countdown';
import { ErrorNote } from './ErrorNote';
import { TokenStateBadge } from './TokenStateCell';

const actionLabels: Record<TokenAction, string> = {
  mint: 'Mint',
  reveal: 'Reveal',
  copy: 'Copy',
  verify: 'Verify',
  revoke: 'Revoke',
};

function RevealBox({ workerId }: { workerId: string }) {
  const reveal = useSessionsStore((s) => (s.reveal?.workerId === workerId ? s.reveal : undefined));
  const hideReveal = useSessionsStore((s) => s.hideReveal);
  if (!reveal) return null;
  return (
    <div className="reveal" data-testid="revealed-token">
      <p className="reveal-label">
        Worker token, hidden in <Countdown until={reveal.hideAt} label="hides in" neutral />
      </p>
      <code className="token-value" data-testid="token-value">
        {reveal.token}
      </code>
      <button type="button" className="btn-small" onClick={hideReveal}>
        Hide now
      </button>
    </div>
  );
}

/** What a Verify found: a quiet note when the token is the worker's, a loud alert when not. */
function VerifyNote({
  verified,
  worker,
}: {
  verified: NonNullable<TokenActivity['verified']>;
  worker: { name: string };
}) {
  const wording = describeVerify(verified.identity, worker);
  if (wording.tone === 'mismatch') {
    return (
      <div className="note note-error" role="alert" data-testid="verify-mismatch">
        <p>
          <strong>{wording.headline}</strong>
        </p>
        <p>{wording.detail}</p>
        {verified.requestId && (
          <p>
            Request id <code>{verified.requestId}</code>
          </p>
        )}
      </div>
    );
  }
  return (
    <p
      className={wording.tone === 'ok' ? 'note note-ok' : 'note note-warning'}
      data-testid="verify-note"
      data-tone={wording.tone}
    >
      {wording.headline} {wording.detail} Profile <code>{verified.profile.id}</code>.
      {verified.requestId && (
        <>
          {' '}
          Request id <code>{verified.requestId}</code>.
        </>
      )}
    </p>
  );
}

/** What Re-mint of an "outcome unknown" mint does (see SessionService.mint). */
const REMINT_EXPLAINED =
  'Re-mint sends that mint again with the same idempotency key. If Deel replays its answer, you get the token that mint created. If Deel does not honour the key, a new token is minted: it supersedes the one that mint may have created, which nobody holds.';

/** The selected worker's token: state, countdown, and every action on it. */
export function TokenPanel() {
  const worker = useWorkersStore((s) => s.selected);
  const zone = useTimeZone();
  const session = useSessionsStore((s) => (worker ? s.latest.get(worker.id) : undefined));
  const activity = useSessionsStore((s) => (worker ? s.activity[worker.id] : undefined));
  const openMint = useSessionsStore((s) => s.openMint);
  const openRevoke = useSessionsStore((s) => s.openRevoke);
  const revealToken = useSessionsStore((s) => s.revealToken);
  const copyToken = useSessionsStore((s) => s.copyToken);
  const verifyToken = useSessionsStore((s) => s.verifyToken);
  const revokeToBeSure = useSessionsStore((s) => s.revokeToBeSure);
  const dismissError = useSessionsStore((s) => s.dismissError);

  if (!worker) {
    return (
      <aside className="token-panel token-panel-empty" aria-label="Worker token">
        <p>Select a worker to mint, reveal, copy, verify or revoke their access token.</p>
      </aside>
    );
  }

  const ref = { workerId: worker.id, workerName: worker.name };
  const state = session?.state ?? 'none';
  const live = session?.state === 'live' ? session : undefined;
  const usable = Boolean(live?.available);
  const busy = activity?.busy;

  return (
    <aside className="token-panel" aria-labelledby="token-panel-title" data-testid="token-panel">
      <h3 id="token-panel-title">{worker.name}</h3>
      <p className="muted">
        {worker.email ?? 'no email'} · {labelOf(hiringTypeLabels, worker.hiringType)}
        {worker.country ? ` · ${worker.country}` : ''}
      </p>

      <div className="token-summary">
        <TokenStateBadge state={state} expiresAt={session?.expiresAt ?? null} />
        {live?.expiresAt && (
          <span className="muted">expires {formatDateTime(live.expiresAt, zone)}</span>
        )}
      </div>
      {live?.requestId && (
        <p className="muted request-id" data-testid="mint-request-id">
          Minted in Deel request <code>{live.requestId}</code>
        </p>
      )}
      {live?.originalRequestId && (
        <p className="note note-info" data-testid="mint-replayed">
          Deel replayed the original mint (request id <code>{live.originalRequestId}</code>): this
          is the token that mint created.
        </p>
      )}
      {session?.state === 'outcome-unknown' && session.pendingCall && !activity?.outcomeUnknown && (
        <p className="note note-warning" data-testid="interrupted-call">
          {session.pendingCall === 'revoke'
            ? 'A revoke was sent but its answer was never recorded (the console stopped): the revoke may have happened. Check by revoking again.'
            : `A mint was sent but its answer was never recorded (the console stopped): Deel may have minted a token. Revoke to be sure no token is live, or re-mint. ${REMINT_EXPLAINED}`}
        </p>
      )}
      {live && !live.available && (
        <p className="note note-info" data-testid="token-unavailable">
          {unavailableSentence(live.unavailableBecause)}
        </p>
      )}

      {activity?.outcomeUnknown && (
        <div className="note note-warning" role="alert" data-testid="outcome-unknown">
          <p>
            <strong>Outcome unknown: Deel may have minted a token for {worker.name}.</strong> If it
            did, any earlier token is superseded. Re-mint to get a token you can use, or revoke to
            be sure no token is live.
          </p>
          <p data-testid="remint-explained">{REMINT_EXPLAINED}</p>
          {activity.outcomeUnknown.requestId && (
            <ErrorNote error={{ ...activity.outcomeUnknown, message: 'Mint outcome unknown.' }} />
          )}
          <p className="note-actions">
            <button type="button" onClick={() => openMint(ref)}>
              Re-mint
            </button>
            <button type="button" className="danger" onClick={() => void revokeToBeSure(ref)}>
              Revoke to be sure
            </button>
          </p>
        </div>
      )}

      <div className="actions" role="group" aria-label="Token actions">
        <button
          type="button"
          className="primary"
          onClick={() => openMint(ref)}
          aria-disabled={busy !== undefined}
        >
          {live ? 'Mint new token' : 'Mint token'}
        </button>
        <button
          type="button"
          onClick={() => live && void revealToken(live)}
          disabled={!usable}
          aria-disabled={live?.revealed || busy !== undefined}
          title={live?.revealed ? 'Reveal is allowed once per mint' : undefined}
        >
          {live?.revealed ? 'Revealed once' : 'Reveal'}
        </button>
        <button
          type="button"
          onClick={() => live && void copyToken(live)}
          disabled={!usable}
          aria-disabled={busy !== undefined}
        >
          Copy
        </button>
        <button
          type="button"
          onClick={() => live && void verifyToken(live)}
          disabled={!usable}
          aria-disabled={busy !== undefined}
        >
          Verify
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => openRevoke(ref)}
          aria-disabled={busy !== undefined}
        >
          Revoke
        </button>
      </div>

      <div aria-live="polite" className="token-messages">
        {busy && (
          <p className="muted" role="status">
            {activity?.retrying ? 'Rate limited, retrying…' : `${actionLabels[busy]} in progress…`}
          </p>
        )}
        <RevealBox workerId={worker.id} />
        {activity?.copiedClearsAt && (
          <p className="note note-ok" data-testid="copy-note">
            Copied. The clipboard clears at {formatClock(activity.copiedClearsAt, zone)}.
          </p>
        )}
        {activity?.verified && <VerifyNote verified={activity.verified} worker={worker} />}
        {activity?.revokeNote === 'revoked' && (
          <p className="note note-ok" data-testid="revoke-note">
            Revoked on Deel.
          </p>
        )}
        {activity?.revokeNote === 'no-live-token' && (
          <p className="note note-info" data-testid="revoke-note">
            No live token on Deel: nothing to revoke.
          </p>
        )}
        {activity?.error && (
          <ErrorNote
            error={activity.error.error}
            context={actionLabels[activity.error.action]}
            workerToken={activity.error.action === 'verify'}
            onDismiss={() => dismissError(worker.id)}
          />
        )}
      </div>
    </aside>
  );
}
