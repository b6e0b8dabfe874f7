import type { AuditedCall } from './ports';

/** A worker token is valid this long after its mint (Deel's worker session lifetime). */
export const WORKER_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** A token the audit log says Deel may still hold. */
export interface AuditedMint {
  workerId: string;
  workerName: string;
  /** When the mint was written down (its intent, or its outcome). */
  mintedAt: string;
  /** Deel's expiry when the success line carried it; otherwise the mint time plus 24 h. */
  expiresAt: string;
  requestId?: string;
}

/** A success line's detail starts with Deel's expiry (more may follow: `expires <iso>; …`). */
const EXPIRES_DETAIL = /^expires (\d{4}-\d\d-\d\dT[\d:.]+Z)(?:;|$)/;

/**
 * Replays the audit lines of one connection, oldest first, worker by worker, and returns the
 * tokens Deel may still hold at `now`. Deel keeps one token per worker: a mint that succeeded
 * or may have (unknown, or an intent with no outcome after it: a crash) replaces the previous
 * one, a refused mint changes nothing, and a revoke that succeeded (including Deel's own "no
 * live token") ends it. Used when the sessions file was lost or damaged, so that no token Deel
 * may hold goes untracked.
 */
export function mintsDeelMayHold(lines: readonly AuditedCall[], now: number): AuditedMint[] {
  const held = new Map<string, AuditedMint | undefined>();
  const pending = new Map<string, AuditedCall>();
  for (const line of lines) {
    const workerId = line.workerId;
    if (!workerId) continue;
    if (line.action === 'mint') {
      if (line.outcome === 'intent') {
        pending.set(workerId, line);
        continue;
      }
      pending.delete(workerId);
      if (line.outcome === 'failure') continue;
      held.set(workerId, mintOf(line, line.outcome === 'success' ? line.detail : undefined));
    } else if (
      (line.action === 'revoke' || line.action === 'bulk-revoke') &&
      line.outcome === 'success'
    ) {
      // A revoke's success comes after its own intent; a mint still pending is a later call.
      held.set(workerId, undefined);
    }
  }
  for (const [workerId, intent] of pending) held.set(workerId, mintOf(intent, undefined));
  const out: AuditedMint[] = [];
  for (const mint of held.values()) {
    if (mint && Date.parse(mint.expiresAt) > now) out.push(mint);
  }
  return out.sort(
    (a, b) => a.mintedAt.localeCompare(b.mintedAt) || a.workerId.localeCompare(b.workerId),
  );
}

function mintOf(line: AuditedCall, detail: string | undefined): AuditedMint {
  const stated = detail ? EXPIRES_DETAIL.exec(detail)?.[1] : undefined;
  const expiresAt =
    stated && !Number.isNaN(Date.parse(stated))
      ? new Date(stated).toISOString()
      : new Date(Date.parse(line.time) + WORKER_TOKEN_LIFETIME_MS).toISOString();
  return {
    workerId: line.workerId ?? '',
    workerName: line.workerName ?? '',
    mintedAt: new Date(line.time).toISOString(),
    expiresAt,
    ...(line.requestId && { requestId: line.requestId }),
  };
}
