import { describe, expect, it } from 'vitest';
import type { SweepViewWire } from '../../../src-shared/contract';
import {
  canResume,
  confirmationMatches,
  etaSeconds,
  formatDuration,
  requestsLeft,
  sweepCounts,
  sweepEstimate,
  sweepHeadline,
} from '../../../src-renderer/src/lib/sweep';

const view = (patch: Partial<SweepViewWire> = {}): SweepViewWire => ({
  id: 's1',
  startedAt: '2026-12-02T10:00:00.000Z',
  organization: 'Acme Ltd',
  state: 'running',
  phase: 'revoking',
  listed: 50_000,
  listComplete: true,
  expectedTotal: 50_000,
  revoked: 0,
  noLiveToken: 0,
  failed: 0,
  remaining: 50_000,
  ...patch,
});

describe('sweep wording', () => {
  it('50,000 workers at 4/s is about 3.5 h, as the issue says', () => {
    expect(formatDuration(etaSeconds(view(), 4)!)).toBe('about 3.5 h');
    expect(sweepEstimate(50_000, 4)).toBe('about 3.5 h');
    expect(formatDuration(30)).toBe('under a minute');
    expect(formatDuration(12 * 60)).toBe('about 12 min');
    expect(formatDuration(2 * 3600)).toBe('about 2 h');
  });

  it('counts the list pages still to read while listing, and knows nothing without a total', () => {
    const listing = view({
      listComplete: false,
      listed: 1_000,
      remaining: 1_000,
      phase: 'listing',
    });
    // 1,000 DELETEs for the listed, 49,000 for the rest, and their 490 pages.
    expect(requestsLeft(listing)).toBe(1_000 + 49_000 + 490);
    expect(requestsLeft({ ...listing, expectedTotal: null })).toBeUndefined();
    expect(etaSeconds(view(), 0)).toBeUndefined();
  });

  it('says why a sweep stopped, and offers Resume only where there is something to send', () => {
    expect(sweepHeadline(view({ state: 'stopped', stoppedBecause: 'list-failed' }))).toBe(
      'The sweep of Acme Ltd stopped: listing the workers failed.',
    );
    expect(sweepHeadline(view({ state: 'interrupted' }))).toContain('the console closed');
    expect(canResume(view({ state: 'interrupted' }))).toBe(true);
    expect(canResume(view({ state: 'finished', remaining: 0 }))).toBe(false);
    expect(canResume(view({ state: 'finished', remaining: 3, failed: 3 }))).toBe(true);
    expect(canResume(view())).toBe(false);
  });

  it('shows the counts in words with thousands separators', () => {
    expect(
      sweepCounts(view({ revoked: 12, noLiveToken: 1_180, failed: 2, remaining: 48_806 })),
    ).toBe('50,000 EOR workers · 12 revoked · 1,180 had none · 2 failed · 48,806 to send');
  });

  it('the typed confirmation must be the organization name exactly (spaces around aside)', () => {
    expect(confirmationMatches(' Acme Ltd ', 'Acme Ltd')).toBe(true);
    expect(confirmationMatches('acme ltd', 'Acme Ltd')).toBe(false);
    expect(confirmationMatches('', '')).toBe(false);
  });
});
