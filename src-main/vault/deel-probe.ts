import { DeelClient, type DeelClientOptions } from '../deel/client';
import type { OrganizationProbe } from './org-token-vault';

/** The vault's token check: `GET /organizations` through the Deel client (and its limiter). */
export function deelOrganizationProbe(
  options: Omit<DeelClientOptions, 'baseUrl' | 'token'> = {},
): OrganizationProbe {
  return ({ baseUrl, token }) => new DeelClient({ ...options, baseUrl, token }).getOrganization();
}
