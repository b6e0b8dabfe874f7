import { describe, expect, it } from 'vitest';

import {
  describeError,
  errorHeadline,
  fieldLabel,
} from '../../../src-renderer/src/lib/error-wording';

describe('error descriptions', () => {
  it('names the missing scope from the structured field, not from any message text', () => {
    const text = describeError({
      kind: 'scope',
      status: 403,
      message: 'The token is not allowed to do this (403).',
      missingScope: 'admin:worker',
    });
    expect(text).toBe(
      'The organization token is not allowed to do this (403). It is missing the admin:worker scope.',
    );
    // A message that mentions a scope names nothing by itself: only the field does.
    expect(
      describeError({ kind: 'scope', status: 403, message: 'Missing scope admin:worker' }),
    ).toBe('The organization token is not allowed to do this (403).');
  });

  it('says rate limited, retrying instead of failing', () => {
    expect(describeError({ kind: 'rate-limit', message: 'Too many', retryAfterSeconds: 2 })).toBe(
      'Rate limited, retrying…',
    );
  });

  it('calls a 401 a rejected token', () => {
    expect(describeError({ kind: 'auth', status: 401, message: 'Unauthorized' })).toMatch(
      /rejected the organization token \(401\)/,
    );
  });
});

describe("error descriptions keep Deel's words once", () => {
  it("words the headline itself and adds Deel's own message from its field", () => {
    const text = describeError({
      kind: 'auth',
      status: 401,
      message: 'Deel rejected the token (401): it is missing, invalid or expired.',
      deelMessage: 'Unauthorized: revoked',
    });
    expect(text).toBe(
      'Deel rejected the organization token (401): it is wrong, expired or revoked. Deel said: Unauthorized: revoked',
    );
  });

  it("drops main's stock sentence when Deel said nothing", () => {
    expect(
      describeError({ kind: 'server', status: 502, message: 'Deel had a server error (502).' }),
    ).toBe('Deel had a server error (502).');
  });

  it('speaks of the worker token when the call used one', () => {
    const text = describeError(
      { kind: 'auth', status: 401, message: 'Deel rejected the token (401): it is missing.' },
      { workerToken: true },
    );
    expect(text).toMatch(/^Deel no longer accepts this worker token \(401\)/);
    expect(text).not.toContain('organization token');
  });

  it("keeps main's explanation for network and outcome-unknown errors, with what Deel said", () => {
    const network = 'Deel did not answer within 10 s (timeout).';
    expect(describeError({ kind: 'network', message: network })).toBe(network);
    const unknown =
      'The request may have reached Deel, but Deel answered 500: check before trying again.';
    expect(
      describeError({
        kind: 'outcome-unknown',
        status: 500,
        message: unknown,
        mayHaveActed: true,
        deelMessage: 'Internal error',
      }),
    ).toBe(`${unknown} Deel said: Internal error`);
  });

  it("adds Deel's words to a validation error", () => {
    expect(
      describeError({
        kind: 'validation',
        status: 400,
        message: 'Deel rejected the request as invalid (400).',
        deelMessage: 'profile_id must be a UUID',
      }),
    ).toBe('Deel rejected the request as invalid (400). Deel said: profile_id must be a UUID');
  });
});

describe('network errors in plain words, from the code field', () => {
  const network = (networkCode?: string) =>
    describeError({
      kind: 'network',
      message: 'Deel could not be reached. Check the network connection and the base URL.',
      ...(networkCode && { networkCode }),
    });

  it('words a host that cannot be found, a refused connection and a certificate problem', () => {
    expect(network('ENOTFOUND')).toBe(
      'The Deel host name could not be found. Check the base URL, and that this computer is online (or on the VPN).',
    );
    expect(network('EAI_AGAIN')).toBe(network('ENOTFOUND'));
    expect(network('ECONNREFUSED')).toMatch(/^Nothing is answering at the base URL/);
    expect(network('CERT_HAS_EXPIRED')).toMatch(/security certificate was not accepted/);
    expect(network('ERR_TLS_CERT_ALTNAME_INVALID')).toBe(network('CERT_HAS_EXPIRED'));
  });

  it("never shows the raw code, and falls back to main's sentence for a code it does not know", () => {
    for (const code of ['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH'])
      expect(network(code)).not.toContain(code);
    expect(network('EWHATEVER')).toBe(
      'Deel could not be reached. Check the network connection and the base URL.',
    );
    expect(network()).toBe(network('EWHATEVER'));
  });

  it('does not read a code out of the message', () => {
    expect(
      describeError({ kind: 'network', message: 'Deel could not be reached (ENOTFOUND).' }),
    ).toBe('Deel could not be reached (ENOTFOUND).');
  });
});

describe('headlines and field names', () => {
  it('heads a failure "<action> failed:", but not the console refusing what was typed', () => {
    expect(errorHeadline({ kind: 'server', message: 'Deel had a server error.' }, 'Mint')).toBe(
      'Mint failed:',
    );
    expect(
      errorHeadline(
        {
          kind: 'invalid-argument',
          message: "Confirm that the worker's consent was obtained before minting.",
        },
        'Mint',
      ),
    ).toBeUndefined();
    expect(errorHeadline({ kind: 'server', message: 'x' }, undefined)).toBeUndefined();
  });

  it('names a refused field as its form does', () => {
    expect(fieldLabel('token')).toBe('Organization token');
    expect(fieldLabel('clipboardClearSeconds')).toBe('Clear the clipboard after');
    expect(fieldLabel('(input)')).toBeUndefined();
    expect(fieldLabel('')).toBeUndefined();
    expect(fieldLabel('workers.0.id')).toBe('workers.0.id');
    expect(fieldLabel('toString')).toBe('toString');
  });
});
