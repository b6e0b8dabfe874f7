import { useEffect } from 'react';
import { formatCountdown, urgencyIcons, urgencyOf, urgencyTags } from '../lib/countdown';
import { useTickerStore } from '../stores/ticker-store';
import '../styles/workers.css';

const urgencyText = { ok: '', amber: 'under 1 hour', red: 'under 10 minutes', expired: 'expired' };

/**
 * A live `HH:MM:SS` countdown; the only kind of component that subscribes to the shared tick.
 * Amber and red also carry an icon and a text ("< 1 h", "< 10 min"): never colour alone.
 */
export function Countdown({
  until,
  label = 'expires in',
  neutral = false,
}: {
  until: string;
  label?: string;
  /** No amber/red: for short timers such as a reveal. */
  neutral?: boolean;
}) {
  const retain = useTickerStore((s) => s.retain);
  const now = useTickerStore((s) => s.now);
  useEffect(() => retain(), [retain]);
  const remaining = Date.parse(until) - now;
  const urgency = urgencyOf(remaining);
  const text = formatCountdown(remaining);
  const tag = neutral ? '' : urgencyTags[urgency];
  const icon = neutral ? '' : urgencyIcons[urgency];
  return (
    <span
      className={`countdown-wrap countdown-${neutral ? 'neutral' : urgency}`}
      title={`${label} ${text}${urgencyText[urgency] ? ` (${urgencyText[urgency]})` : ''}`}
    >
      {icon && (
        <span className="countdown-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <span
        className={`countdown countdown-${neutral ? 'neutral' : urgency}`}
        data-urgency={urgency}
        data-testid="countdown"
      >
        {text}
      </span>
      {tag && (
        <span className="countdown-tag" data-testid="countdown-tag">
          {tag}
        </span>
      )}
    </span>
  );
}
