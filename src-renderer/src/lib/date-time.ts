/**
 * Every timestamp the console shows, in one format with its time zone named:
 * "2026-12-02 14:03:27 UTC", or in the machine's zone "2026-12-02 15:03:27 CET". Settings
 * chooses the zone (`timeZone`: local or UTC); every formatter takes it.
 */
export type TimeZoneSetting = 'local' | 'utc';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: TimeZoneSetting): Intl.DateTimeFormat {
  // The machine's zone can change while the console runs (travel, DST rules): keyed by it.
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const key = zone === 'utc' ? 'utc' : `local:${local}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      ...(zone === 'utc' && { timeZone: 'UTC' }),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, found);
  }
  return found;
}

interface Parts {
  date: string;
  time: string;
  zone: string;
}

function partsOf(date: Date, zone: TimeZoneSetting): Parts {
  const part: Record<string, string> = {};
  for (const { type, value } of formatter(zone).formatToParts(date)) part[type] = value;
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    time: `${part.hour}:${part.minute}:${part.second}`,
    zone: part.timeZoneName ?? (zone === 'utc' ? 'UTC' : ''),
  };
}

/** A clock time with its zone, e.g. "14:03:27 UTC"; a string that is not a date is kept as is. */
export function formatClock(iso: string, zone: TimeZoneSetting): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { time, zone: name } = partsOf(date, zone);
  return `${time} ${name}`.trim();
}

/**
 * A date, clock time and zone, e.g. "2026-12-02 14:03:27 UTC"; a string that is not a date is
 * kept as is.
 */
export function formatDateTime(iso: string, zone: TimeZoneSetting): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { date: day, time, zone: name } = partsOf(date, zone);
  return `${day} ${time} ${name}`.trim();
}

/** An ISO-8601 instant as main writes them (UTC `Z` or an offset), inside other text. */
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * The same text with each ISO instant in it (an audit detail's "expires 2026-…Z") written as
 * formatDateTime writes it, so a row never shows two formats side by side.
 */
export function formatTimesIn(text: string, zone: TimeZoneSetting): string {
  return text.replace(ISO_INSTANT, (iso) => formatDateTime(iso, zone));
}

/**
 * The instants a day range covers in the chosen zone: `from` a day's first moment, `to` the
 * moment after the last day ends (exclusive). Days are "YYYY-MM-DD" (a date input's value);
 * an empty or malformed day leaves that end open.
 */
export function dayRange(
  fromDay: string,
  toDay: string,
  zone: TimeZoneSetting,
): { from?: string; to?: string } {
  const from = startOfDay(fromDay, zone, 0);
  const to = startOfDay(toDay, zone, 1);
  return { ...(from && { from }), ...(to && { to }) };
}

function startOfDay(day: string, zone: TimeZoneSetting, plusDays: number): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const instant =
    zone === 'utc'
      ? new Date(Date.UTC(year, month, date + plusDays))
      : new Date(year, month, date + plusDays);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}
