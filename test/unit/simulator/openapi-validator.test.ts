/** The validator itself must catch mismatches, or the conformance suite proves nothing. */
import { describe, expect, it } from 'vitest';
import { loadDeelOpenApi } from '../../support/openapi.js';
import { spec } from './client.js';

const UUID = '3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c';

describe('test/support/openapi.ts', () => {
  it('fails clearly when the shared spec folder is missing', () => {
    expect(() => loadDeelOpenApi({ specDir: '/nonexistent/deel-openapi' })).toThrow(
      /Deel OpenAPI folder not found/,
    );
  });

  it('maps concrete paths to operations, literal segments first', () => {
    expect(spec().operationFor('GET', '/people/me')).toBe('GET /people/me');
    expect(spec().operationFor('GET', `/people/${UUID}`)).toBe('GET /people/{hris_profile_id}');
    expect(spec().operationFor('GET', 'http://127.0.0.1:1/rest/v2/contracts?limit=1')).toBe(
      'GET /contracts',
    );
    expect(spec().operationFor('DELETE', '/people')).toBeUndefined();
  });

  it('rejects responses that break the schemas', () => {
    const bad = spec().validateResponse({
      method: 'GET',
      path: '/organizations',
      status: 200,
      body: { data: [{ id: 'not-a-uuid', name: 'x' }] },
    });
    expect(bad.ok).toBe(false);
    expect(bad.errors.join()).toMatch(/uuid/);
    const missingPage = spec().validateResponse({
      method: 'GET',
      path: '/contracts',
      status: 200,
      body: { data: [] },
    });
    expect(missingPage.errors.join()).toMatch(/page/);
    const wrongType = spec().validateResponse({
      method: 'GET',
      path: '/people',
      status: 200,
      body: {
        data: [{ id: UUID, full_name: 42 }],
        page: { offset: 0, total_rows: 1, items_per_page: 1 },
      },
    });
    expect(wrongType.ok).toBe(false);
    // people.yml's 500 requires {"error":{"code","message"}}.
    expect(
      spec().validateResponse({ method: 'GET', path: '/people', status: 500, body: {} }).ok,
    ).toBe(false);
  });

  it('rejects undocumented statuses, bodies on 204 and wrong content types', () => {
    expect(
      spec().validateResponse({ method: 'GET', path: '/organizations', status: 418, body: {} }).ok,
    ).toBe(false);
    expect(
      spec().validateResponse({
        method: 'DELETE',
        path: `/workers/${UUID}/session`,
        status: 204,
        body: {},
      }).ok,
    ).toBe(false);
    expect(
      spec().validateResponse({
        method: 'GET',
        path: '/organizations',
        status: 200,
        body: { data: [] },
        contentType: 'text/html',
      }).ok,
    ).toBe(false);
    // 429 is documented in deel-api.md, not in the OpenAPI files.
    expect(
      spec().validateResponse({ method: 'GET', path: '/people', status: 429, body: { error: 'x' } })
        .ok,
    ).toBe(false);
  });

  it('checks requests: path params, query params and bodies', () => {
    expect(spec().validateRequest({ method: 'GET', path: '/people/123' }).ok).toBe(false);
    expect(spec().validateRequest({ method: 'GET', path: '/people?limit=ten' }).ok).toBe(false);
    expect(
      spec().validateRequest({ method: 'GET', path: '/people?hiring_types[]=eor&limit=5' }).ok,
    ).toBe(true);
    expect(spec().validateRequest({ method: 'GET', path: '/people?hiring_types=martian' }).ok).toBe(
      false,
    );
    expect(spec().validateRequest({ method: 'GET', path: '/people?nope=1' }).ok).toBe(false);
    expect(
      spec().validateRequest({
        method: 'POST',
        path: '/workers/session',
        body: { data: { profile_id: UUID } },
      }).ok,
    ).toBe(true);
    expect(spec().validateRequest({ method: 'POST', path: '/workers/session', body: {} }).ok).toBe(
      false,
    );
    expect(spec().validateRequest({ method: 'POST', path: '/workers/session' }).ok).toBe(false);
    expect(spec().validateRequest({ method: 'GET', path: '/organizations', body: {} }).ok).toBe(
      false,
    );
    expect(() => spec().assertRequest({ method: 'GET', path: '/people?limit=x' })).toThrow(
      /does not conform/,
    );
  });
});
