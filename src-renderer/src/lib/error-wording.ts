import type { IpcError } from '../../../src-shared/errors';

const sentence = (...parts: string[]) => parts.filter(Boolean).join(' ');

export interface DescribeOptions {
  /** The call used a worker token (Verify): a 401 is about that token, not the org token. */
  workerToken?: boolean;
}

/**
 * What went wrong, in the operator's words, chosen from the error's typed fields (kind, status,
 * Deel's own message, the missing scope); main's sentence is used only where it is the
 * explanation (network, outcome unknown, the console's own refusals). Never the same thing twice.
 */
export function describeError(error: IpcError, options: DescribeOptions = {}): string {
  const status = (fallback: number) => ` (${error.status ?? fallback})`;
  const deelSaid = error.deelMessage ? `Deel said: ${error.deelMessage}` : '';
  switch (error.kind) {
    case 'auth':
      return options.workerToken
        ? sentence(
            `Deel no longer accepts this worker token${status(401)}: it was revoked, superseded or has expired.`,
            deelSaid,
          )
        : sentence(
            `Deel rejected the organization token${status(401)}: it is wrong, expired or revoked.`,
            deelSaid,
          );
    case 'scope':
      return sentence(
        `The organization token is not allowed to do this${status(403)}.`,
        error.missingScope ? `It is missing the ${error.missingScope} scope.` : '',
        deelSaid,
      );
    case 'rate-limit':
      return 'Rate limited, retrying…';
    case 'server':
      return sentence(
        `Deel had a server error${error.status ? ` (${error.status})` : ''}.`,
        deelSaid,
      );
    case 'validation':
    case 'not-found':
    case 'outcome-unknown':
      return sentence(error.message, deelSaid);
    default:
      return error.message;
  }
}
