import { describe, expect, it } from 'vitest';
import {
  FORWARDING_WARN_AFTER_MS,
  forwardingFailingLong,
  forwardingText,
  forwardUrlError,
} from '../../../src-renderer/src/lib/audit-forwarding';

describe('audit forwarding wording', () => {
  const now = 10_000_000;

  it('says off, caught up, or how many entries wait', () => {
    expect(forwardingText({ enabled: false, acknowledgedSeq: 0, pending: 0 }, now)).toBe(
      'Forwarding is off.',
    );
    expect(forwardingText({ enabled: true, acknowledgedSeq: 9, pending: 0 }, now)).toBe(
      'Forwarding on: every entry has been acknowledged by the collector.',
    );
    expect(forwardingText({ enabled: true, acknowledgedSeq: 9, pending: 1 }, now)).toBe(
      'Forwarding on: 1 entry waiting to be sent.',
    );
  });

  it('names the failure, and warns once the collector has been failing long', () => {
    const failing = {
      enabled: true,
      acknowledgedSeq: 3,
      pending: 4,
      lastError: 'The collector answered HTTP 503.',
      failingSince: now - 60_000,
    };
    expect(forwardingFailingLong(failing, now)).toBe(false);
    expect(forwardingText(failing, now)).toBe(
      'Forwarding on: 4 entries waiting to be sent. Last attempt failed: The collector answered HTTP 503. Retrying.',
    );
    const long = { ...failing, failingSince: now - FORWARDING_WARN_AFTER_MS - 60_000 };
    expect(forwardingFailingLong(long, now)).toBe(true);
    expect(forwardingText(long, now)).toMatch(
      /^The collector has been failing for 16 minutes: entries are kept and sent once it answers\. Forwarding on: 4 entries/,
    );
    expect(
      forwardingText(
        { enabled: false, acknowledgedSeq: 0, pending: 2, lastError: 'Refused.' },
        now,
      ),
    ).toBe('Not forwarding: Refused.');
  });

  it('checks the URL as main does: https, or http to this computer only', () => {
    expect(forwardUrlError('')).toBeUndefined();
    expect(forwardUrlError('https://siem.example.com/services/collector')).toBeUndefined();
    expect(forwardUrlError('http://localhost:8088/x')).toBeUndefined();
    expect(forwardUrlError('http://[::1]:8088/x')).toBeUndefined();
    expect(forwardUrlError('http://siem.example.com/x')).toMatch(/must be https/);
    expect(forwardUrlError('https://u:p@siem.example.com/x')).toMatch(/password/);
    expect(forwardUrlError('siem')).toMatch(/Not a URL/);
  });
});
