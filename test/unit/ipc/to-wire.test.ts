import { describe, expect, it } from 'vitest';
import { DeelApiError } from '../../../src-main/deel/errors';
import { toIpcError, toRevokeResult, toWorkersPage } from '../../../src-main/ipc/to-ipc-error';
import { revokeResultSchema, workersPageSchema } from '../../../src-shared/contract';
import { ipcErrorSchema } from '../../../src-shared/errors';

// Domain modules report failures with the error as thrown; only ipc/ turns them into the
// wire shape, and what it builds must pass the contract.
describe('domain results on the wire', () => {
  it('a failed revoke carries a typed, contract-valid error, never the raw one', () => {
    const deel = toRevokeResult({
      workerId: 'w1',
      outcome: 'failed',
      error: new DeelApiError('server', 'Deel answered 503.', 503, 'req-1'),
    });
    expect(revokeResultSchema.parse(deel)).toEqual({
      workerId: 'w1',
      outcome: 'failed',
      error: { kind: 'server', message: 'Deel answered 503.', status: 503, requestId: 'req-1' },
    });
    const odd = toRevokeResult({
      workerId: 'w2',
      outcome: 'failed',
      error: new Error('ECONNRESET at https://user:secret@host'),
    });
    expect(odd.error).toEqual({ kind: 'internal', message: expect.not.stringContaining('secret') });
    expect(toRevokeResult({ workerId: 'w3', outcome: 'revoked' })).toEqual({
      workerId: 'w3',
      outcome: 'revoked',
    });
  });

  it('a failed worker stream carries a typed error; a good page has no error field', () => {
    const base = { queryId: 'q', rows: [], loaded: 0, total: null, done: true };
    const failed = toWorkersPage({
      ...base,
      error: new DeelApiError('auth', 'Token refused.', 401),
    });
    expect(workersPageSchema.parse(failed).error).toEqual({
      kind: 'auth',
      message: 'Token refused.',
      status: 401,
    });
    expect(toWorkersPage(base)).toEqual(base);
    expect('error' in toWorkersPage(base)).toBe(false);
  });

  it("keeps what Deel said, the missing scope, Retry-After and 'may have acted' as typed fields", () => {
    const scope = toIpcError(
      new DeelApiError('scope', 'The token is not allowed to do this (403).', 403, 'r1', [], {
        deelMessage: 'Missing required scope: admin:worker',
        missingScope: 'admin:worker',
      }),
    );
    expect(ipcErrorSchema.parse(scope)).toEqual({
      kind: 'scope',
      message: 'The token is not allowed to do this (403).',
      status: 403,
      requestId: 'r1',
      deelMessage: 'Missing required scope: admin:worker',
      missingScope: 'admin:worker',
    });
    const limited = toIpcError(
      new DeelApiError('rate-limit', 'Deel rate limit reached (429).', 429, undefined, [], {
        retryAfterSeconds: 2,
      }),
    );
    expect(ipcErrorSchema.parse(limited)).toMatchObject({ retryAfterSeconds: 2 });
    expect(limited).not.toHaveProperty('mayHaveActed');
    const unknown = toIpcError(new DeelApiError('outcome-unknown', 'No answer came back.'));
    expect(ipcErrorSchema.parse(unknown)).toMatchObject({ mayHaveActed: true });
  });

  it('carries a network error code as its own field, and only a code-shaped one', () => {
    const network = (networkCode: string) =>
      toIpcError(
        new DeelApiError('network', 'Deel could not be reached.', undefined, undefined, [], {
          networkCode,
        }),
      );
    expect(ipcErrorSchema.parse(network('ENOTFOUND'))).toEqual({
      kind: 'network',
      message: 'Deel could not be reached.',
      networkCode: 'ENOTFOUND',
    });
    expect(network('getaddrinfo ENOTFOUND api.example.com')).not.toHaveProperty('networkCode');
    expect(network('enotfound')).not.toHaveProperty('networkCode');
  });
});
