import { useEffect, useRef, useState } from 'react';
import { copyNoteOf, nextCopyNoteChange } from '../lib/copy-note';
import { formatClock, formatDateTime } from '../lib/date-time';
import { unavailableSentence } from '../lib/live-tokens-wording';
import { hiringTypeLabels, labelOf } from '../lib/labels';
import { mintEligibility } from '../lib/mint-eligibility';
import { panelActionsOf } from '../lib/token-actions';
import { describeVerify } from '../lib/verify-wording';
import { identityOf } from '../lib/worker-identity';
import { selectionVisibility } from '../lib/worker-view';
import { useSessionsStore, type TokenAction, type TokenActivity } from '../stores/sessions-store';
import { useTimeZone } from '../stores/time-zone';
import { useWorkersStore } from '../stores/workers-store';
import '../styles/workers.css';
import { Countdown } from './Countdown';
import { ErrorNote } from './ErrorNote';
import { StableLabel } from './StableLabel';
import { TokenHistory } from './TokenHistory';
import { TokenStateBadge } from './TokenStateCell';
import { useVisibleWorkers } from './use-visible-workers';

const REVEAL_LABELS = ['Reveal', 'Revealed once'] as const;
const MINT_LABELS = ['Mint token', 'Replace token'] as const;

/** "Copied…" until main clears the clipboard, then "Clipboard cleared", then nothing. */
function CopyNote({ clearsAt }: { clearsAt: string | undefined }) {
  const zone = useTimeZone();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), 0);
    return () => clearTimeout(timer);
  }, [clearsAt]);
  useEffect(() => {
    const wait = nextCopyNoteChange(clearsAt, now);
    if (wait === undefined) return;
    const timer = setTimeout(() => setNow(Date.now()), wait + 50);
    return () => clearTimeout(timer);
  }, [clearsAt, now]);
  const note = copyNoteOf(clearsAt, now);
  if (note.state === 'copied') {
    return (
      <p className="note note-ok" data-testid="copy-note" data-state="copied">
        Copied. The clipboard clears at {formatClock(note.clearsAt, zone)}.
      </p>
    );
  }
  if (note.state === 'cleared') {
    return (
      <p className="note note-info" data-testid="copy-note" data-state="cleared">
        Clipboard cleared at {formatClock(note.clearedAt, zone)}: the token is no longer on it.
      </p>
    );
  }
  return null;
}

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
  const selectedFrom = useWorkersStore((s) => s.selectedFrom);
  const done = useWorkersStore((s) => s.done);
  const visible = useVisibleWorkers();
  const mintOpen = useSessionsStore((s) => s.mintDialog !== undefined);
  const session = useSessionsStore((s) => (worker ? s.latest.get(worker.id) : undefined));
  const activity = useSessionsStore((s) => (worker ? s.activity[worker.id] : undefined));
  const openMint = useSessionsStore((s) => s.openMint);
  const openRevoke = useSessionsStore((s) => s.openRevoke);
  const revealToken = useSessionsStore((s) => s.revealToken);
  const copyToken = useSessionsStore((s) => s.copyToken);
  const verifyToken = useSessionsStore((s) => s.verifyToken);
  const revokeToBeSure = useSessionsStore((s) => s.revokeToBeSure);
  const dismissError = useSessionsStore((s) => s.dismissError);
  const copyRef = useRef<HTMLButtonElement>(null);
  // After a mint here, focus goes to Copy once the dialog has closed (and given focus back).
  const seen = useRef<{ workerId?: string; liveId?: string; focusCopy: boolean }>({
    focusCopy: false,
  });
  const liveId = session?.state === 'live' ? session.id : undefined;
  const liveUsable = session?.state === 'live' && session.available;
  useEffect(() => {
    const mark = seen.current;
    if (mark.workerId !== worker?.id) {
      seen.current = { workerId: worker?.id, liveId, focusCopy: false };
      return;
    }
    if (liveId !== undefined && liveId !== mark.liveId) mark.focusCopy = true;
    mark.liveId = liveId;
    if (mark.focusCopy && !mintOpen && liveUsable) {
      mark.focusCopy = false;
      copyRef.current?.focus();
    }
  }, [worker?.id, liveId, liveUsable, mintOpen]);

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
  const identity = identityOf(worker);
  const eligibility = mintEligibility(worker, selectedFrom);
  const actions = panelActionsOf({
    state,
    available: usable,
    outcomeUnknown: activity?.outcomeUnknown !== undefined,
    eligibility,
  });
  const filteredOut = selectionVisibility(worker.id, visible, done) === 'hidden';
  // First while there is no token to copy; last (a danger action) once Copy is the primary.
  const mintButton = (
    <button
      type="button"
      className={actions.mint.tone === 'plain' ? undefined : actions.mint.tone}
      onClick={() => openMint(ref)}
      disabled={actions.mint.disabledReason !== undefined}
      aria-describedby={actions.mint.disabledReason ? 'mint-unavailable' : undefined}
      aria-disabled={busy !== undefined}
      data-testid="mint-action"
    >
      <StableLabel text={actions.mint.label} others={MINT_LABELS} />
    </button>
  );
  const outcomeActions = (
    <p className="note-actions">
      <button type="button" className="primary" onClick={() => openMint(ref)}>
        Re-mint
      </button>
      <button type="button" className="danger" onClick={() => void revokeToBeSure(ref)}>
        Revoke to be sure
      </button>
    </p>
  );

  return (
    <aside className="token-panel" aria-labelledby="token-panel-title" data-testid="token-panel">
      <h3 id="token-panel-title">{worker.name}</h3>
      <p className="muted worker-identity">
        <span data-testid="panel-email" title={identity.email}>
          {identity.email}
        </span>
        <span className="worker-meta">
          {identity.workerId && <span data-testid="panel-worker-id">{identity.workerId}</span>}
          <span>{labelOf(hiringTypeLabels, worker.hiringType)}</span>
          {worker.country && <span>{worker.country}</span>}
        </span>
      </p>
      {filteredOut && (
        <p className="note note-info" role="status" data-testid="selected-filtered-out">
          {worker.name} ({identity.email}) is not in the list: the search or filters hide this
          worker. This panel still shows their token.
        </p>
      )}
      {actions.mint.disabledReason && actions.mode === 'normal' && (
        <p className="note note-info" id="mint-unavailable" data-testid="mint-unavailable">
          {actions.mint.disabledReason}
        </p>
      )}

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
      {session?.state === 'outcome-unknown' && !activity?.outcomeUnknown && outcomeActions}
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
          {outcomeActions}
        </div>
      )}

      {actions.mode === 'normal' && (
        <div className="actions" role="group" aria-label="Token actions">
          {!actions.copyPrimary && mintButton}
          <button
            ref={copyRef}
            type="button"
            className={actions.copyPrimary ? 'primary' : undefined}
            onClick={() => live && void copyToken(live)}
            disabled={!usable}
            aria-disabled={busy !== undefined}
            data-testid="copy-action"
          >
            Copy
          </button>
          <button
            type="button"
            onClick={() => live && void revealToken(live)}
            disabled={!usable}
            aria-disabled={live?.revealed || busy !== undefined}
            title={live?.revealed ? 'Reveal is allowed once per mint' : undefined}
          >
            <StableLabel
              text={live?.revealed ? 'Revealed once' : 'Reveal'}
              others={REVEAL_LABELS}
            />
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
            onClick={() => live && void copyToken(live, 'curl')}
            disabled={!usable}
            aria-disabled={busy !== undefined}
            title="A GET /people/me call with this token, for a developer to check it (cleared like Copy)"
            data-testid="copy-curl-action"
          >
            Copy as curl
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => openRevoke(ref)}
            aria-disabled={busy !== undefined}
          >
            Revoke
          </button>
          {actions.copyPrimary && mintButton}
        </div>
      )}
      {actions.mode === 'normal' && eligibility.allowed && eligibility.note && state !== 'live' && (
        <p className="muted mint-eligibility-note" data-testid="mint-eligibility-note">
          {eligibility.note}
        </p>
      )}

      <div aria-live="polite" className="token-messages">
        {busy && (
          <p className="muted" role="status">
            {activity?.retrying ? 'Rate limited, retrying…' : `${actionLabels[busy]} in progress…`}
          </p>
        )}
        <RevealBox workerId={worker.id} />
        <CopyNote clearsAt={activity?.copiedClearsAt} />
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
      <TokenHistory workerId={worker.id} />
    </aside>
  );
}
