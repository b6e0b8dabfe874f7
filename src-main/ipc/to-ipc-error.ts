import type { IpcError } from '../../src-shared/errors';
import { DeelApiError } from '../deel/errors';
import { ConsoleError } from './console-error';

/**
 * Maps anything a handler throws to the one error shape the renderer may see. Only typed errors
 * keep their message; anything unexpected becomes a generic internal error, so a stack trace,
 * a URL with credentials or a token can never leak through an error message.
 */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof DeelApiError) {
    return {
      kind: error.kind,
      message: error.message,
      ...(error.status !== undefined && { status: error.status }),
      ...(error.requestId !== undefined && { requestId: error.requestId }),
      ...(error.fieldErrors.length > 0 && { fieldErrors: error.fieldErrors }),
    };
  }
  if (error instanceof ConsoleError) return { kind: error.kind, message: error.message };
  return { kind: 'internal', message: 'Something went wrong in the console. Nothing was changed.' };
}
