import type { Environment, LiveEnvironment } from '../../src-shared/contract';
import { DeelConfigError } from './errors';

export type { LiveEnvironment };

/**
 * Deel documents two sandbox hosts (see shared/deel-api.md), so both are presets rather than
 * one hard-coded guess; `custom` covers anything else (e.g. unversioned `/rest` paths later).
 */
export const PRESET_BASE_URLS = {
  production: 'https://api.letsdeel.com/rest/v2',
  sandbox: 'https://api-sandbox.demo.deel.com/rest/v2',
  'sandbox-staging': 'https://api-staging.letsdeel.com/rest/v2',
} as const satisfies Partial<Record<Environment, string>>;

export interface ResolveOptions {
  /** Required for `custom`. */
  customUrl?: string | undefined;
  /** The running simulator's URL, required for `demo`. */
  demoUrl?: string | undefined;
}

/** The validated base URL (no trailing slash) for an environment. */
export function resolveBaseUrl(environment: Environment, options: ResolveOptions = {}): string {
  switch (environment) {
    case 'production':
    case 'sandbox':
    case 'sandbox-staging':
      return PRESET_BASE_URLS[environment];
    case 'custom':
      if (!options.customUrl) throw new DeelConfigError('A custom environment needs a base URL.');
      return normalizeBaseUrl(options.customUrl);
    case 'demo':
      if (!options.demoUrl) throw new DeelConfigError('The demo simulator is not running.');
      return normalizeBaseUrl(options.demoUrl);
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/**
 * Checks a base URL before any token is sent to it. Deel refuses plain HTTP, and a token sent
 * over it would be readable on the network, so `http:` is allowed only for loopback (the
 * simulator). Credentials, query strings and fragments have no place in a base URL.
 */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DeelConfigError(
      'The base URL is not a valid URL (e.g. https://api.letsdeel.com/rest/v2).',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DeelConfigError('The base URL must start with https://.');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new DeelConfigError(
      `Refusing http://${url.host}: Deel is only reachable over HTTPS, and a token sent over plain HTTP could be read on the network. Use https://.`,
    );
  }
  if (url.username || url.password) {
    throw new DeelConfigError('The base URL must not contain a user name or password.');
  }
  if (url.search || url.hash) {
    throw new DeelConfigError('The base URL must not contain a query string or fragment.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
