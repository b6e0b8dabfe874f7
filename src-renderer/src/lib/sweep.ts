import type { SweepViewWire } from '../../../src-shared/contract';

/** Deel's people pages hold 100 workers (the client asks for 100 a page). */
const PAGE_SIZE = 100;

/**
 * Requests the sweep still has to make: a DELETE per listed worker not yet answered, and the
 * list pages not yet read (unknown while Deel has not said how many workers there are).
 */
export function requestsLeft(view: SweepViewWire): number | undefined {
  if (view.listComplete) return view.remaining;
  if (view.expectedTotal === null) return undefined;
  const toList = Math.max(0, view.expectedTotal - view.listed);
  return view.remaining + toList + Math.ceil(toList / PAGE_SIZE);
}

/** Seconds left at `ratePerSecond` (the console's pace now), when it can be told. */
export function etaSeconds(view: SweepViewWire, ratePerSecond: number): number | undefined {
  const left = requestsLeft(view);
  if (left === undefined || ratePerSecond <= 0) return undefined;
  return left / ratePerSecond;
}

/** "about 3.5 h", "about 12 min", "under a minute". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = seconds / 60;
  if (minutes < 90) return `about ${Math.round(minutes)} min`;
  const hours = minutes / 60;
  return `about ${hours < 10 ? hours.toFixed(1).replace(/\.0$/, '') : Math.round(hours)} h`;
}

/** How long `workers` EOR workers take at `ratePerSecond`, before a sweep starts. */
export function sweepEstimate(workers: number, ratePerSecond: number): string {
  const requests = workers + Math.ceil(workers / PAGE_SIZE);
  return formatDuration(requests / ratePerSecond);
}

const stopReasons: Record<NonNullable<SweepViewWire['stoppedBecause']>, string> = {
  'connection-switch': 'it stopped when the console switched to another connection',
  'list-failed': 'listing the workers failed',
  'journal-unwritable':
    'its journal could not be written, and the console sends nothing it has not written down',
  'too-many-failures': 'revokes kept failing (is the organization token still accepted?)',
};

/** The sweep's headline, from its state and why it stopped. */
export function sweepHeadline(view: SweepViewWire): string {
  switch (view.state) {
    case 'running':
      return view.phase === 'listing'
        ? `Sweeping ${view.organization}: listing the EOR workers…`
        : `Sweeping ${view.organization}: revoking…`;
    case 'interrupted':
      return `The sweep of ${view.organization} was interrupted: the console closed while it ran.`;
    case 'stopped':
      return `The sweep of ${view.organization} stopped: ${view.stoppedBecause ? stopReasons[view.stoppedBecause] : 'it did not finish'}.`;
    case 'cancelled':
      return `The sweep of ${view.organization} was cancelled.`;
    case 'finished':
      return view.remaining === 0
        ? `The sweep of ${view.organization} finished: every EOR worker was answered.`
        : `The sweep of ${view.organization} finished, but ${view.remaining} ${view.remaining === 1 ? 'worker was' : 'workers were'} not answered.`;
  }
}

/** The counts line: "1,204 of 50,000 listed · 12 revoked · 1,180 had none · 2 failed". */
export function sweepCounts(view: SweepViewWire): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const listed = view.listComplete
    ? `${n(view.listed)} EOR workers`
    : `${n(view.listed)}${view.expectedTotal === null ? '' : ` of ${n(view.expectedTotal)}`} listed`;
  return [
    listed,
    `${n(view.revoked)} revoked`,
    `${n(view.noLiveToken)} had none`,
    `${n(view.failed)} failed`,
    `${n(view.remaining)} to send`,
  ].join(' · ');
}

/** Whether Resume makes sense: a sweep that ended early, or finished with workers unanswered. */
export function canResume(view: SweepViewWire): boolean {
  if (view.state === 'running') return false;
  return view.state !== 'finished' || view.remaining > 0;
}

/** The typed confirmation matches the organization's name (main checks it again). */
export function confirmationMatches(typed: string, organization: string): boolean {
  return typed.trim() !== '' && typed.trim() === organization.trim();
}
