import type { AuditForwarding } from '../../../src-shared/contract';

/** Past this, a collector that keeps failing is shown as a warning, not only a status line. */
export const FORWARDING_WARN_AFTER_MS = 15 * 60_000;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why the collector URL the operator typed is refused ('' is off, never refused). The page
 * checks the shape; main checks it again, and allows loopback http only as it allows a loopback
 * Deel host (a development build, or the developer setting).
 */
export function forwardUrlError(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  if (text.length > 2000) return 'At most 2000 characters.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Not a URL: it starts with https://.';
  }
  if (url.username || url.password) return 'No user name or password in the URL.';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return undefined;
  return 'It must be https (http only to a collector on this computer).';
}

/** The status line under the field: off, caught up, behind, or failing and why. */
export function forwardingText(status: AuditForwarding, now: number): string {
  const text = statusText(status);
  return forwardingFailingLong(status, now)
    ? `The collector has been failing for ${Math.round((now - (status.failingSince ?? now)) / 60_000)} minutes: entries are kept and sent once it answers. ${text}`
    : text;
}

function statusText(status: AuditForwarding): string {
  if (!status.enabled && !status.lastError) return 'Forwarding is off.';
  if (!status.enabled) return `Not forwarding: ${status.lastError}`;
  const pending =
    status.pending === 0
      ? 'every entry has been acknowledged by the collector'
      : `${status.pending} ${status.pending === 1 ? 'entry' : 'entries'} waiting to be sent`;
  const failing = status.lastError ? ` Last attempt failed: ${status.lastError} Retrying.` : '';
  return `Forwarding on: ${pending}.${failing}`;
}

/** Whether the collector has been failing long enough to warn. */
export function forwardingFailingLong(status: AuditForwarding, now: number): boolean {
  return status.failingSince !== undefined && now - status.failingSince >= FORWARDING_WARN_AFTER_MS;
}

/** What Settings says about the collector's Authorization header: never its value. */
export function collectorAuthorizationText(status: AuditForwarding | undefined): string {
  const auth = status?.authorization;
  if (!auth) return '';
  if (auth.unavailable) {
    return 'The saved header value could not be opened (the keyring was reset): enter it again.';
  }
  if (!auth.set) return 'No Authorization header is sent.';
  return auth.persisted
    ? `Sent as the Authorization header: ${auth.hint ?? ''} (sealed by the system keyring).`
    : `Sent as the Authorization header: ${auth.hint ?? ''} (for this run only: no keyring to seal it).`;
}
