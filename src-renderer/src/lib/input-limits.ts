/**
 * The limits of the fields the operator types into, shown beside each field (not only in the
 * browser's pop-up). The numbers are the contract's (src-shared/contract.ts: connectInputSchema
 * and settingsSchema); test/unit/renderer/input-limits.test.ts holds the two together.
 */
export interface InputLimit {
  min: number;
  max: number;
  step: number;
  /** The hint beside the field, e.g. "5 to 600 seconds." */
  hint: string;
}

export const inputLimits = {
  /** The organization token's length, in characters. */
  token: {
    min: 8,
    max: 4096,
    step: 1,
    hint: '8 to 4096 characters, no spaces. Paste it as Deel shows it.',
  },
  clipboardClearSeconds: {
    min: 5,
    max: 600,
    step: 1,
    hint: 'Whole seconds, 5 to 600 (10 minutes).',
  },
  requestsPerSecond: {
    min: 0.5,
    max: 5,
    step: 0.5,
    hint: '0.5 to 5, in steps of 0.5. Deel allows 5 per second for the whole organization, shared with its other integrations.',
  },
  rateLimitPatienceMinutes: {
    min: 1,
    max: 60,
    step: 1,
    hint: 'Whole minutes, 1 to 60.',
  },
  rotationReminderDays: {
    min: 7,
    max: 365,
    step: 1,
    hint: 'Whole days, 7 to 365. Deel recommends rotating the organization token quarterly (90 days).',
  },
} as const satisfies Record<string, InputLimit>;

export type LimitedField = keyof typeof inputLimits;

/** The id of a field's hint, for its `aria-describedby`. */
export const hintId = (field: LimitedField): string => `hint-${field}`;
