import { useEffect } from 'react';
import { formatCountdown, urgencyOf } from '../lib/countdown';
import { useTickerStore } from '../stores/ticker-store';

const urgencyText = { ok: '', amber: 'under 1 hour', red: 'under 10 minutes', expired: 'expired' };

/** A live `HH:MM:SS` countdown; the only kind of component that subscribes to the shared tick. */
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
  return (
    <span
      className={`countdown countdown-${neutral ? 'neutral' : urgency}`}
      data-urgency={urgency}
      data-testid="countdown"
      title={`${label} ${text}${urgencyText[urgency] ? ` (${urgencyText[urgency]})` : ''}`}
    >
      {text}
    </span>
  );
}
