/** `GET /organizations`: the current organization, the usual identity probe. */
import type { Route } from '../context.js';

export const organizationRoutes: readonly Route[] = [
  {
    method: 'GET',
    template: '/organizations',
    scope: 'organizations:read',
    tokenKinds: ['organization', 'personal'],
    handle: (_req, ctx) => ({
      status: 200,
      body: { data: [{ id: ctx.ds.org.id, name: ctx.ds.org.name }] },
    }),
    // organizations.yml documents 401/404/500 bodies as `{"error": "<text>"}`.
    errorExtra: (status, message) =>
      status === 401 || status === 404 || status === 500 ? { error: message } : undefined,
  },
];
