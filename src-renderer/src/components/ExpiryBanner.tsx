import { useEffect, useState } from 'react';
import { expiringSoon, expiryHeadline, nextExpiryBannerChange } from '../lib/expiry-banner';
import { useSessionsStore } from '../stores/sessions-store';
import { useSettingsStore } from '../stores/settings-store';
import '../styles/workers.css';
import { Countdown } from './Countdown';

/**
 * The in-app notice (Settings: "expiry banner", on by default) for tokens this console minted
 * that expire within ten minutes. The opt-in native notification is main's and stays as it is.
 */
export function ExpiryBanner() {
  const sessions = useSessionsStore((s) => s.sessions);
  const enabled = useSettingsStore((s) => s.saved?.expiryBanner ?? true);
  const [now, setNow] = useState(() => Date.now());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());

  // Re-read the clock when the sessions change (another organization's may be near expiry)...
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), 0);
    return () => clearTimeout(timer);
  }, [sessions]);
  // ...and when a token enters the ten-minute window or expires, and only then.
  useEffect(() => {
    const wait = nextExpiryBannerChange(sessions, now);
    if (wait === undefined) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(wait + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [sessions, now]);

  const tokens = expiringSoon(sessions, now, { enabled, dismissed });
  if (tokens.length === 0) return null;
  return (
    <section
      className="expiry-banner"
      role="status"
      aria-label="Expiring tokens"
      data-testid="expiry-banner"
    >
      <p>
        <strong>{expiryHeadline(tokens)}</strong> Mint a new one if the worker still needs access.
      </p>
      <ul>
        {tokens.map((token) => (
          <li
            key={token.sessionId}
            data-testid="expiry-banner-item"
            data-worker-id={token.workerId}
          >
            <span>{token.workerName}</span>
            <Countdown until={token.expiresAt} />
            <button
              type="button"
              className="btn-small btn-quiet"
              onClick={() => setDismissed((old) => new Set(old).add(token.sessionId))}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
