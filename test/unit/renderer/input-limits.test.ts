import { describe, expect, it } from 'vitest';
import { connectInputSchema, settingsSchema } from '../../../src-shared/contract';
import { inputLimits } from '../../../src-renderer/src/lib/input-limits';
import { validateDraft, type SettingsDraft } from '../../../src-renderer/src/stores/settings-store';

const settings = {
  clipboardClearSeconds: 30,
  notifyBeforeExpiry: false,
  requestsPerSecond: 4,
  rateLimitPatienceMinutes: 5,
  allowLoopbackHost: false,
  timeZone: 'local' as const,
  expiryBanner: true,
  rotationReminderDays: 90,
  operatorName: '',
  requireReason: false,
  auditForwardUrl: '',
};

const draftOf = (change: Partial<SettingsDraft>): SettingsDraft => ({
  clipboardClearSeconds: '30',
  notifyBeforeExpiry: false,
  requestsPerSecond: '4',
  rateLimitPatienceMinutes: '5',
  allowLoopbackHost: false,
  timeZone: 'local',
  expiryBanner: true,
  rotationReminderDays: '90',
  operatorName: '',
  requireReason: false,
  auditForwardUrl: '',
  ...change,
});

const numberFields = [
  'clipboardClearSeconds',
  'requestsPerSecond',
  'rateLimitPatienceMinutes',
  'rotationReminderDays',
];

describe('the limits shown beside the fields', () => {
  it.each(numberFields)('%s: the hint names the limits main enforces', (field) => {
    const { min, max, step, hint } = inputLimits[field as keyof typeof inputLimits];
    const accepts = (value: number) => settingsSchema.safeParse({ ...settings, [field]: value });
    expect(accepts(min).success).toBe(true);
    expect(accepts(max).success).toBe(true);
    expect(accepts(min - step).success).toBe(false);
    expect(accepts(max + step).success).toBe(false);
    // The page's own check agrees with main's, at both ends.
    const check = (value: number) => validateDraft(draftOf({ [field]: String(value) }));
    expect(check(min).fieldErrors).toEqual([]);
    expect(check(max).fieldErrors).toEqual([]);
    expect(check(min - step).fieldErrors.map((f) => f.path)).toEqual([field]);
    expect(check(max + step).fieldErrors.map((f) => f.path)).toEqual([field]);
    expect(hint).toContain(`${min} to ${max}`);
  });

  it("the token's hint names the length main accepts", () => {
    const { min, max, hint } = inputLimits.token;
    const accepts = (length: number) =>
      connectInputSchema.safeParse({ environment: 'sandbox', token: 'x'.repeat(length) }).success;
    expect([accepts(min - 1), accepts(min), accepts(max), accepts(max + 1)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(hint).toContain(`${min} to ${max} characters`);
  });
});

describe('the audit collector URL', () => {
  it('the page refuses what main refuses: only https, or http to this computer; empty is off', () => {
    const page = (url: string) =>
      validateDraft(draftOf({ auditForwardUrl: url })).fieldErrors.map((f) => f.path);
    const main = (url: string) => settingsSchema.safeParse({ ...settings, auditForwardUrl: url });
    for (const url of [
      '',
      'https://siem.example.com/services/collector',
      'http://127.0.0.1:8088/x',
    ]) {
      expect(page(url)).toEqual([]);
      expect(main(url).success).toBe(true);
    }
    for (const url of [
      'ftp://siem.example.com/x',
      'siem.example.com',
      `https://x.example/${'a'.repeat(2000)}`,
    ]) {
      expect(page(url)).toEqual(['auditForwardUrl']);
      expect(main(url).success).toBe(false);
    }
    // The shared schema cannot tell loopback: main's forwarder refuses this one (tested there).
    expect(page('http://siem.example.com/x')).toEqual(['auditForwardUrl']);
  });
});
