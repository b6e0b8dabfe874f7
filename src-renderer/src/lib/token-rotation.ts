import type { ConnectInput, ConnectionStatus } from '../../../src-shared/contract';

/** One day in milliseconds: token age is counted in whole days since the token was entered. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Where the operator deletes an old organization token (Deel has no API for it). */
export const DEVELOPER_CENTER_PATH = 'Settings > Developer Center > Tokens';

/**
 * Whole days since `enteredAt` (0 on the day it was entered); undefined when the time cannot be
 * read. A time a little in the future (clocks apart) counts as today.
 */
export function tokenAgeDays(enteredAt: string | undefined, now: number): number | undefined {
  if (!enteredAt) return undefined;
  const entered = Date.parse(enteredAt);
  if (Number.isNaN(entered)) return undefined;
  return Math.max(0, Math.floor((now - entered) / DAY_MS));
}

export interface RotationReminder {
  /** Whole days since the token in use was entered. */
  ageDays: number;
  /** Settings' rotationReminderDays. */
  reminderDays: number;
  /** The token is at least `reminderDays` old: time to rotate it. */
  due: boolean;
  /** Days until the reminder is due (0 once it is). */
  daysLeft: number;
}

/**
 * The rotation reminder for the connection in use: only a live connection has an organization
 * token to rotate, and only one whose entry time is known. Undefined otherwise.
 */
export function rotationReminder(
  status: Pick<ConnectionStatus, 'mode' | 'tokenEnteredAt'> | undefined,
  reminderDays: number | undefined,
  now: number,
): RotationReminder | undefined {
  if (status?.mode !== 'live' || reminderDays === undefined) return undefined;
  const ageDays = tokenAgeDays(status.tokenEnteredAt, now);
  if (ageDays === undefined) return undefined;
  const due = ageDays >= reminderDays;
  return { ageDays, reminderDays, due, daysLeft: due ? 0 : reminderDays - ageDays };
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** The header's reminder, in words (the reminder is never colour alone). */
export function reminderHeadline(reminder: RotationReminder): string {
  return `Org token is ${days(reminder.ageDays)} old: rotate`;
}

/** How old the token is, for Settings. */
export function tokenAgeText(ageDays: number): string {
  return ageDays === 0 ? 'Entered today' : `Entered ${days(ageDays)} ago`;
}

/** Whether the reminder is due, for Settings. */
export function reminderStateText(reminder: RotationReminder): string {
  return reminder.due
    ? `Rotation due: the reminder is set at ${days(reminder.reminderDays)}.`
    : `Not due: the reminder comes in ${days(reminder.daysLeft)} (at ${days(reminder.reminderDays)}).`;
}

/**
 * What a rotation sends to main: the new token for the environment and host in use, with
 * `rotate: true` so main refuses a token of another organization. A problem instead when there
 * is nothing to rotate or nothing was pasted (nothing is sent then).
 */
export function rotationRequest(
  status: Pick<ConnectionStatus, 'mode' | 'environment' | 'baseUrl'> | undefined,
  tokenDraft: string,
): { input: ConnectInput } | { problem: string } {
  const environment = status?.environment;
  if (status?.mode !== 'live' || !environment || environment === 'demo') {
    return { problem: 'There is no organization token to rotate: connect to Deel first.' };
  }
  if (environment === 'custom' && !status.baseUrl) {
    return {
      problem: 'The base URL in use is not known: use Replace token on the Connect screen.',
    };
  }
  const token = tokenDraft.trim();
  if (!token) return { problem: 'Paste the new organization token.' };
  return {
    input: {
      environment,
      token,
      rotate: true,
      ...(environment === 'custom' && { customUrl: status.baseUrl }),
    },
  };
}

/** Step 3's reminder: the old token still works at Deel until the operator deletes it there. */
export function deleteOldTokenReminder(oldHint: string | undefined): string {
  const which = oldHint ? `the old token (${oldHint})` : 'the old token';
  return `Now delete ${which} in Deel's Developer Center (${DEVELOPER_CENTER_PATH}): until then it still works.`;
}

/** The guided rotation's steps, in the dialog's words. */
export const ROTATION_STEPS = [
  'Paste the new token',
  'Deel confirms the same organization',
  'Swapped: delete the old token',
] as const;

/** Which of ROTATION_STEPS (0-based) the dialog is at. */
export function rotationStepIndex(step: 'paste' | 'checking' | 'done'): number {
  return step === 'paste' ? 0 : step === 'checking' ? 1 : 2;
}
