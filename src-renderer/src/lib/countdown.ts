/** Countdown colour thresholds: amber under one hour, red under ten minutes. */
export const AMBER_BELOW_MS = 60 * 60 * 1000;
export const RED_BELOW_MS = 10 * 60 * 1000;

export type Urgency = 'ok' | 'amber' | 'red' | 'expired';

/** `HH:MM:SS` for a remaining duration; negative durations read 00:00:00. Hours may exceed 24. */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return [hours, minutes, seconds].map((n) => String(n).padStart(2, '0')).join(':');
}

export function urgencyOf(remainingMs: number): Urgency {
  if (remainingMs <= 0) return 'expired';
  if (remainingMs < RED_BELOW_MS) return 'red';
  if (remainingMs < AMBER_BELOW_MS) return 'amber';
  return 'ok';
}

/**
 * The text that says what the colour says ("< 1 h", "< 10 min", "expired"), so the state never
 * rests on colour alone; none while there is time.
 */
export const urgencyTags: Record<Urgency, string> = {
  ok: '',
  amber: '< 1 h',
  red: '< 10 min',
  expired: 'expired',
};

/**
 * The icon shown before the time, one shape per state so it tells amber from red even where a
 * narrow cell cuts the tag (the tag's text and the title carry the words).
 */
export const urgencyIcons: Record<Urgency, string> = {
  ok: '',
  amber: '◔',
  red: '⚠',
  expired: '✕',
};
