import type { IpcResult } from '../../../src-shared/errors';
import { useNavStore } from './nav-store';

/** Waits between retries after a `rate-limit` error: 1 s, 2 s, 4 s, 8 s. */
export const RATE_LIMIT_BACKOFF_MS = [1000, 2000, 4000, 8000] as const;

export interface CallOptions {
  /** Called before each wait after a `rate-limit` error; the UI shows "rate limited, retrying…". */
  onRetrying?: (attempt: number) => void;
  /** Skip the redirect to Connect on `auth` (the Connect screen itself reports it in place). */
  noAuthRedirect?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Every store call goes through here: `rate-limit` is retried with backoff instead of failing,
 * and an `auth` error from any call sends the operator back to Connect.
 */
export async function call<T>(
  operation: () => Promise<IpcResult<T>>,
  options: CallOptions = {},
): Promise<IpcResult<T>> {
  let result: IpcResult<T>;
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
    options.onRetrying?.(attempt + 1);
    await sleep(wait);
  }
  if (!result.ok && result.error.kind === 'auth' && !options.noAuthRedirect) {
    useNavStore.getState().authFailed(result.error);
  }
  return result;
}
