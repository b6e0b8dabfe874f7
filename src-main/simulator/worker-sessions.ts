/**
 * Worker access tokens: short-lived (24 h from the simulator clock), at most ONE live token per
 * worker. Minting again supersedes (invalidates) the previous token; revoking removes it at once.
 */
import { createHash } from 'node:crypto';
import { newTokenValue } from './auth.js';

export const WORKER_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** A live worker token as the truth route shows it: whose it is and a fingerprint, never the value. */
export interface LiveWorkerSession {
  profileId: string;
  /** SHA-256 (hex) of the token value. */
  fingerprint: string;
  expiresAt: number;
}

/** SHA-256 (hex) of a token value: compares tokens without anyone holding them. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface Session {
  token: string;
  profileId: string;
  expiresAt: number;
}

export class WorkerSessions {
  private readonly byProfile = new Map<string, Session>();
  private readonly byToken = new Map<string, Session>();

  mint(profileId: string, now: number): { token: string; expiresAt: number } {
    const previous = this.byProfile.get(profileId);
    if (previous) this.byToken.delete(previous.token);
    const session: Session = {
      token: newTokenValue('wkr'),
      profileId,
      expiresAt: now + WORKER_TOKEN_TTL_MS,
    };
    this.byProfile.set(profileId, session);
    this.byToken.set(session.token, session);
    return { token: session.token, expiresAt: session.expiresAt };
  }

  /** True when a live token existed and is now revoked; false when there was none. */
  revoke(profileId: string, now: number): boolean {
    const session = this.live(profileId, now);
    if (!session) return false;
    this.byProfile.delete(profileId);
    this.byToken.delete(session.token);
    return true;
  }

  /** The profile id of a live worker token; undefined for unknown, superseded, revoked, expired. */
  resolve(token: string, now: number): string | undefined {
    const session = this.byToken.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= now) return undefined;
    return session.profileId;
  }

  /** Every live token (read-only: expired ones are skipped, not removed), by profile id. */
  liveSessions(now: number): LiveWorkerSession[] {
    const live: LiveWorkerSession[] = [];
    for (const s of this.byProfile.values()) {
      if (s.expiresAt > now) {
        live.push({
          profileId: s.profileId,
          fingerprint: tokenFingerprint(s.token),
          expiresAt: s.expiresAt,
        });
      }
    }
    return live.sort((a, b) => a.profileId.localeCompare(b.profileId));
  }

  liveCount(now: number): number {
    let n = 0;
    for (const s of this.byProfile.values()) if (s.expiresAt > now) n++;
    return n;
  }

  private live(profileId: string, now: number): Session | undefined {
    const s = this.byProfile.get(profileId);
    if (!s) return undefined;
    if (s.expiresAt <= now) {
      this.byProfile.delete(profileId);
      this.byToken.delete(s.token);
      return undefined;
    }
    return s;
  }
}
