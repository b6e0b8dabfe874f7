import type { RevokeResult, SweepViewWire, WorkersPage } from '../../src-shared/contract';
import type { IpcError } from '../../src-shared/errors';
import { DeelApiError } from '../deel/errors';
import { ConsoleError } from '../errors/console-error';
import type { SweepView } from '../sessions/organization-sweep';
import type { RevokeOutcome } from '../sessions/session-service';
import type { StreamedPage } from '../workers/worker-queries';

/** A system error code, as ipcErrorSchema allows it. */
const NETWORK_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/**
 * Maps anything a handler throws to the one error shape the renderer may see. Only typed errors
 * keep their message; anything unexpected becomes a generic internal error, so a stack trace,
 * a URL with credentials or a token can never leak through an error message.
 */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof DeelApiError) {
    const { networkCode, ...details } = error.details;
    return {
      kind: error.kind,
      message: error.message,
      ...(error.status !== undefined && { status: error.status }),
      ...(error.requestId !== undefined && { requestId: error.requestId }),
      ...(error.fieldErrors.length > 0 && { fieldErrors: error.fieldErrors }),
      ...details,
      // Only a code-shaped value crosses (the page words it): never free text from below.
      ...(networkCode !== undefined && NETWORK_CODE.test(networkCode) && { networkCode }),
      ...(error.kind === 'outcome-unknown' && { mayHaveActed: true as const }),
    };
  }
  if (error instanceof ConsoleError)
    return { kind: error.kind, message: error.message, ...error.details };
  return { kind: 'internal', message: 'Something went wrong in the console. Nothing was changed.' };
}

/** A revoke's outcome as the page gets it: a failure's error made wire-safe. */
export function toRevokeResult(outcome: RevokeOutcome): RevokeResult {
  switch (outcome.outcome) {
    case 'failed':
      return { workerId: outcome.workerId, outcome: 'failed', error: toIpcError(outcome.error) };
    case 'not-sent':
      return { workerId: outcome.workerId, outcome: 'not-sent', notSentBecause: outcome.reason };
    default:
      return {
        workerId: outcome.workerId,
        outcome: outcome.outcome,
        ...(outcome.requestId && { requestId: outcome.requestId }),
      };
  }
}

/** A sweep as the page gets it: its last error made wire-safe. */
export function toSweepView({ lastError, ...view }: SweepView): SweepViewWire {
  return lastError === undefined ? view : { ...view, lastError: toIpcError(lastError) };
}

/** A streamed worker page as the page gets it: a failure's error made wire-safe. */
export function toWorkersPage({ error, ...page }: StreamedPage): WorkersPage {
  return error === undefined ? page : { ...page, error: toIpcError(error) };
}
