/**
 * Tokens and scopes. Three static tokens per start (random values, prefix `sim_` so nobody
 * mistakes them for Deel tokens) plus minted worker tokens:
 * - admin: organization token with every scope, incl. `admin:worker`;
 * - readOnly: organization token without `admin:worker`;
 * - personal: a personal token (one user); worker-token endpoints answer it 403
 *   TOKEN_TYPE_NOT_ALLOWED, `/people/me` answers with that user's profile.
 */
import { randomBytes } from 'node:crypto';

export type TokenKind = 'organization' | 'personal' | 'worker';

export const ALL_ORG_SCOPES = [
  'organizations:read',
  'people:read',
  'contracts:read',
  'admin:worker',
] as const;
export const READ_ONLY_SCOPES = ['organizations:read', 'people:read', 'contracts:read'] as const;
export const PERSONAL_SCOPES = ['organizations:read', 'people:read', 'contracts:read'] as const;
export const WORKER_SCOPES = ['people:read', 'worker:read'] as const;

export interface StaticToken {
  kind: 'organization' | 'personal';
  name: string;
  scopes: ReadonlySet<string>;
}

export function newTokenValue(tag: string): string {
  return `sim_${tag}_${randomBytes(24).toString('base64url')}`;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, StaticToken>();

  issue(kind: StaticToken['kind'], name: string, scopes: readonly string[]): string {
    const value = newTokenValue(kind === 'personal' ? 'pat' : 'org');
    this.tokens.set(value, { kind, name, scopes: new Set(scopes) });
    return value;
  }

  lookup(value: string): StaticToken | undefined {
    return this.tokens.get(value);
  }
}

/** Extracts the bearer token; undefined when the header is missing or not `Bearer <token>`. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
