import type { PayloadOf } from '../../../src-shared/contract';
import type { IpcResult } from '../../../src-shared/errors';
import { useNavStore } from './nav-store';

/** Waits between retries after a `rate-limit` error: 1 s, 2 s, 4 s, 8 s. */
export const RATE_LIMIT_BACKOFF_MS = [1000, 2000, 4000, 8000] as const;

export type RetryNotice = PayloadOf<'requestRetrying'>;

export interface CallOptions {
  /**
   * Called when the call is being retried because Deel rate limited it: before each wait after a
   * `rate-limit` error, and (with `retryNotices`) when main reports a 429 retry of its own while
   * the call is in flight. The UI shows "Rate limited, retrying…" until the call ends.
   */
  onRetrying?: (attempt: number) => void;
  /**
   * The call reaches Deel with a GET or DELETE, which main retries by itself: its
   * `requestRetrying` events during the call count as this call retrying. Off for calls that do
   * not reach Deel or only POST (main never retries a mint), so they never show a retry they
   * are not making.
   */
  retryNotices?: boolean;
  /** Skip the redirect to Connect on `auth` (the Connect screen itself reports it in place). */
  noAuthRedirect?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The in-flight calls that want main's retry notices. */
const listening = new Set<(notice: RetryNotice) => void>();

/**
 * Hands main's `requestRetrying` event to every in-flight call that reaches Deel. Only a 429 is
 * shown as "rate limited, retrying"; other retries (a 5xx, a timeout) stay quiet until they
 * either succeed or fail with an error shown next to the call.
 */
export function noticeRetry(notice: RetryNotice): void {
  if (notice.status !== 429) return;
  for (const listener of [...listening]) listener(notice);
}

/** How many calls are listening for retry notices (for tests). */
export function listeningCalls(): number {
  return listening.size;
}

/**
 * Every store call goes through here: `rate-limit` is retried with backoff instead of failing,
 * main's own 429 retries are reported through `onRetrying`, and an `auth` error from any call
 * sends the operator back to Connect.
 */
export async function call<T>(
  operation: () => Promise<IpcResult<T>>,
  options: CallOptions = {},
): Promise<IpcResult<T>> {
  const { onRetrying } = options;
  const listener =
    options.retryNotices && onRetrying
      ? (notice: RetryNotice) => onRetrying(notice.attempt)
      : undefined;
  if (listener) listening.add(listener);
  let result: IpcResult<T>;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        result = await operation();
      } catch (thrown) {
        result = {
          ok: false,
          error: {
            kind: 'internal',
            message: thrown instanceof Error ? thrown.message : 'The call failed.',
          },
        };
      }
      const wait = RATE_LIMIT_BACKOFF_MS[attempt];
      if (result.ok || result.error.kind !== 'rate-limit' || wait === undefined) break;
      onRetrying?.(attempt + 1);
      await sleep(wait);
    }
  } finally {
    if (listener) listening.delete(listener);
  }
  if (!result.ok && result.error.kind === 'auth' && !options.noAuthRedirect) {
    useNavStore.getState().authFailed(result.error);
  }
  return result;
}
