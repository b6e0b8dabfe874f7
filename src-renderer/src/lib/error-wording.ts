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
    case 'network':
      return describeNetwork(error.networkCode) ?? error.message;
    default:
      return error.message;
  }
}

const HOST_NOT_FOUND =
  'The Deel host name could not be found. Check the base URL, and that this computer is online (or on the VPN).';
const NO_ROUTE =
  'This computer has no network route to Deel. Check that it is online (or on the VPN).';
const CUT_OFF =
  'The connection to Deel was cut off. Try again; if it keeps happening, check the network or the proxy.';
const TOO_SLOW = 'Connecting to Deel took too long. Check the network connection, then try again.';

/** Network error codes (from `networkCode`, never from a message) in the operator's words. */
const networkWording: Readonly<Record<string, string>> = {
  ENOTFOUND: HOST_NOT_FOUND,
  EAI_AGAIN: HOST_NOT_FOUND,
  ECONNREFUSED:
    'Nothing is answering at the base URL: the host refused the connection. Check the base URL and its port.',
  ENETUNREACH: NO_ROUTE,
  EHOSTUNREACH: NO_ROUTE,
  ENETDOWN: NO_ROUTE,
  ECONNRESET: CUT_OFF,
  EPIPE: CUT_OFF,
  UND_ERR_SOCKET: CUT_OFF,
  ETIMEDOUT: TOO_SLOW,
  UND_ERR_CONNECT_TIMEOUT: TOO_SLOW,
};

const CERTIFICATE =
  "The host's security certificate was not accepted, so nothing was sent. Check the base URL; behind a company proxy, its certificate may need installing on this computer.";

/** What a network error code means for the operator; undefined when the code is unknown. */
export function describeNetwork(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (Object.hasOwn(networkWording, code)) return networkWording[code];
  // Node's TLS codes: CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID...
  if (code.includes('CERT')) return CERTIFICATE;
  return undefined;
}

/** The names the forms give the fields the console checks (contract paths). */
const fieldLabels: Readonly<Record<string, string>> = {
  environment: 'Environment',
  customUrl: 'Base URL',
  token: 'Organization token',
  clipboardClearSeconds: 'Clear the clipboard after',
  requestsPerSecond: 'Requests per second to Deel',
  rateLimitPatienceMinutes: 'Wait out rate limiting for',
  consentConfirmed: "The worker's consent",
};

/**
 * The label of the field an error is about, as the form names it; undefined for the whole
 * request (`(input)`). A path no form shows is kept as it is.
 */
export function fieldLabel(path: string): string | undefined {
  if (!path || path === '(input)') return undefined;
  return Object.hasOwn(fieldLabels, path) ? fieldLabels[path] : path;
}

/**
 * The headline of an error note: "<what> failed:" for a failure, nothing for the console's own
 * check of what was typed (kind `invalid-argument`: nothing was sent, and its message already
 * says what to do, e.g. "Confirm that the worker's consent was obtained before minting.").
 */
export function errorHeadline(error: IpcError, context: string | undefined): string | undefined {
  if (!context || error.kind === 'invalid-argument') return undefined;
  return `${context} failed:`;
}
