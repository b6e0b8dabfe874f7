import { tokenStateLabels, type TokenState } from '../lib/labels';
import { useSessionsStore } from '../stores/sessions-store';
import { Countdown } from './Countdown';

/** The token state of one worker: subscribes only to that worker's state and expiry strings. */
export function TokenStateCell({ workerId }: { workerId: string }) {
  const state: TokenState = useSessionsStore((s) => s.latest.get(workerId)?.state ?? 'none');
  const expiresAt = useSessionsStore((s) => s.latest.get(workerId)?.expiresAt ?? null);
  return <TokenStateBadge state={state} expiresAt={expiresAt} />;
}

export function TokenStateBadge({
  state,
  expiresAt,
}: {
  state: TokenState;
  expiresAt: string | null;
}) {
  return (
    <span className="token-state" data-testid="token-state" data-state={state}>
      <span className={`badge badge-${state}`}>{tokenStateLabels[state]}</span>
      {state === 'live' && expiresAt && <Countdown until={expiresAt} />}
    </span>
  );
}
