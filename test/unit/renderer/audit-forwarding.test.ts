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

describe('the collector Authorization header, in words', () => {
  it('names only its hint, and whether it is sealed', async () => {
    const { collectorAuthorizationText } =
      await import('../../../src-renderer/src/lib/audit-forwarding');
    const base = { enabled: true, acknowledgedSeq: 0, pending: 0 };
    expect(collectorAuthorizationText(undefined)).toBe('');
    expect(
      collectorAuthorizationText({ ...base, authorization: { set: false, persisted: false } }),
    ).toBe('No Authorization header is sent.');
    expect(
      collectorAuthorizationText({
        ...base,
        authorization: { set: true, hint: '…9f3a', persisted: true },
      }),
    ).toBe('Sent as the Authorization header: …9f3a (sealed by the system keyring).');
    expect(
      collectorAuthorizationText({
        ...base,
        authorization: { set: true, hint: '…9f3a', persisted: false },
      }),
    ).toContain('for this run only');
    expect(
      collectorAuthorizationText({
        ...base,
        authorization: { set: false, persisted: false, unavailable: true },
      }),
    ).toContain('enter it again');
  });
});
