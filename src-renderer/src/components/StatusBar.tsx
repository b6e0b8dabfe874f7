import { useEffect } from 'react';
import { describePacing } from '../lib/pacing';
import { usePacingStore } from '../stores/pacing-store';
import { useTickerStore } from '../stores/ticker-store';

/** The window's bottom line: how the console is pacing the organization's shared Deel budget. */
export function StatusBar() {
  const pacing = usePacingStore((s) => s.pacing);
  const receivedAt = usePacingStore((s) => s.receivedAt);
  const now = useTickerStore((s) => s.now);
  const waitingUntil = pacing?.waitingUntil;
  // The shared ticker runs while a wait is counted down here.
  useEffect(() => {
    if (waitingUntil !== undefined && waitingUntil > receivedAt) {
      return useTickerStore.getState().retain();
    }
    return undefined;
  }, [waitingUntil, receivedAt]);
  if (!pacing) return null;
  const { rate, limited, waiting } = describePacing(pacing, Math.max(now, receivedAt));
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span role="status" data-testid="pacing-rate">
        {rate}
      </span>
      {limited && <span data-testid="pacing-429s">{limited}</span>}
      {waiting && (
        <span className="status-waiting" data-testid="pacing-waiting">
          {waiting}
        </span>
      )}
    </footer>
  );
}
