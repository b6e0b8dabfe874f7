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
  /** Where a custom URL may point (see `checkCustomHost`); development rules when omitted. */
  hosts?: HostPolicy;
}

/**
 * Where a custom base URL may send the org token. A packaged build allows only https to a
 * public host name; loopback (http or https) only behind the explicit developer setting. A
 * development build (npm start, tests) allows loopback as before, for the simulator.
 */
export interface HostPolicy {
  packaged: boolean;
  /**
   * Loopback allowed: always in a development build; in a packaged one only with the
   * developer setting "allow a loopback Deel host" (marked as such in Settings).
   */
  allowLoopback: boolean;
}

/** The policy for a build: the developer setting only matters once packaged. */
export function hostPolicy(packaged: boolean, loopbackSetting: boolean): HostPolicy {
  return { packaged, allowLoopback: !packaged || loopbackSetting };
}

/** The validated base URL (no trailing slash) for an environment. */
export function resolveBaseUrl(environment: Environment, options: ResolveOptions = {}): string {
  switch (environment) {
    case 'production':
    case 'sandbox':
    case 'sandbox-staging':
      return PRESET_BASE_URLS[environment];
    case 'custom': {
      if (!options.customUrl) throw new DeelConfigError('A custom environment needs a base URL.');
      const url = normalizeBaseUrl(options.customUrl);
      checkCustomHost(new URL(url).hostname, options.hosts ?? DEVELOPMENT_HOSTS);
      return url;
    }
    case 'demo':
      if (!options.demoUrl) throw new DeelConfigError('The demo simulator is not running.');
      return normalizeBaseUrl(options.demoUrl);
  }
}

const DEVELOPMENT_HOSTS: HostPolicy = { packaged: false, allowLoopback: true };

/**
 * Loopback as this machine's own addresses only: `localhost`, 127.0.0.0/8 and ::1. A name
 * under `.localhost` is not loopback here: a resolver or proxy may send it elsewhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = bare(hostname);
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Refuses a custom host the policy does not allow, saying why. */
export function checkCustomHost(hostname: string, policy: HostPolicy): void {
  const host = bare(hostname);
  if (isLoopbackHost(host)) {
    if (policy.allowLoopback) return;
    throw new DeelConfigError(
      `Refusing ${host}: a loopback Deel host is a developer setup. Turn on "Allow a loopback Deel host (developer setting)" in Settings to use it.`,
    );
  }
  if (!policy.packaged) return;
  if (isIpLiteral(host)) {
    const range = privateRange(host);
    throw new DeelConfigError(
      range
        ? `Refusing ${host}: an address in a ${range} range is not Deel. Use Deel's https host name.`
        : `Refusing ${host}: the console sends the org token only to a host name, not an IP address. Use Deel's https host name.`,
    );
  }
  if (!host.includes('.') || host.endsWith('.localhost') || host.endsWith('.local')) {
    throw new DeelConfigError(
      `Refusing ${host}: not a public host name. Use Deel's https host name (e.g. api.letsdeel.com).`,
    );
  }
}

function bare(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** The kind of non-public range an IP literal is in, if any. */
function privateRange(host: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 127) return 'loopback';
    if (a === 100 && b >= 64 && b <= 127) return 'carrier-grade NAT';
    if (a === 0) return 'unspecified';
    return undefined;
  }
  if (host === '::1') return 'loopback';
  if (/^fe[89ab]/.test(host)) return 'link-local';
  if (/^f[cd]/.test(host)) return 'unique local (private)';
  if (host.startsWith('::ffff:')) return 'IPv4-mapped';
  if (host === '::') return 'unspecified';
  return undefined;
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
