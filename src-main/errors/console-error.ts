import type { IpcError, IpcErrorKind } from '../../src-shared/errors';

/**
 * A refusal by the console itself (not by Deel), with a message written for the operator.
 * Like DeelApiError it is safe to show: it never carries a token.
 */
export class ConsoleError extends Error {
  override readonly name = 'ConsoleError';
  constructor(
    readonly kind: Extract<
      IpcErrorKind,
      'unavailable' | 'not-allowed' | 'not-found' | 'invalid-argument'
    >,
    message: string,
    /** Structured facts the page acts on (never parsed back from the message). */
    readonly details: Pick<IpcError, 'organizationChange'> = {},
  ) {
    super(message);
  }
}
