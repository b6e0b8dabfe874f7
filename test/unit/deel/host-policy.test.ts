import { describe, expect, it } from 'vitest';
import {
  checkCustomHost,
  hostPolicy,
  isLoopbackHost,
  resolveBaseUrl,
} from '../../../src-main/deel/environments';

// Where main may send the org token (issue "Security, round two", point 5). Before: any
// custom URL passed, loopback http included, in an installed build too, and `x.localhost`
// counted as loopback (http allowed) although a resolver may send it anywhere.

const installed = hostPolicy(true, false);
const installedDeveloper = hostPolicy(true, true);
const development = hostPolicy(false, false);
const custom =
  (url: string, hosts = installed) =>
  () =>
    resolveBaseUrl('custom', { customUrl: url, hosts });

describe('the custom host policy', () => {
  it('an installed build takes https to a public host name', () => {
    expect(custom('https://api.example-proxy.com/rest/v2')()).toBe(
      'https://api.example-proxy.com/rest/v2',
    );
  });

  it.each([
    ['https://10.1.2.3/rest/v2', 'private'],
    ['https://172.20.0.1/rest/v2', 'private'],
    ['https://192.168.1.10/rest/v2', 'private'],
    ['https://169.254.169.254/rest/v2', 'link-local'],
    ['https://100.64.0.1/rest/v2', 'carrier-grade NAT'],
    ['https://[fe80::1]/rest/v2', 'link-local'],
    ['https://[fd00::1]/rest/v2', 'unique local'],
    ['https://[::ffff:10.0.0.1]/rest/v2', 'IPv4-mapped'],
  ])('refuses %s in an installed build (%s)', (url, range) => {
    expect(custom(url)).toThrow(range);
    expect(custom(url, development)()).toBeTruthy();
  });

  it('refuses a public IP literal and a name that is not public', () => {
    expect(custom('https://8.8.8.8/rest/v2')).toThrow('not an IP address');
    expect(custom('https://intranet/rest/v2')).toThrow('not a public host name');
    expect(custom('https://deel.localhost/rest/v2')).toThrow('not a public host name');
    expect(custom('https://printer.local/rest/v2')).toThrow('not a public host name');
  });

  it('loopback only behind the developer setting in an installed build; always in development', () => {
    expect(custom('http://127.0.0.1:4010/rest/v2')).toThrow('developer setting');
    expect(custom('https://localhost/rest/v2')).toThrow('developer setting');
    expect(custom('http://127.0.0.1:4010/rest/v2', installedDeveloper)()).toBe(
      'http://127.0.0.1:4010/rest/v2',
    );
    expect(custom('http://127.0.0.1:4010/rest/v2', development)()).toBe(
      'http://127.0.0.1:4010/rest/v2',
    );
  });

  it('a name under .localhost is not loopback: no plain http to it, in any build', () => {
    expect(isLoopbackHost('deel.localhost')).toBe(false);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.8.9.10')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(custom('http://deel.localhost/rest/v2', development)).toThrow('Refusing http://');
  });

  it('presets are never checked against the custom rules', () => {
    expect(resolveBaseUrl('production')).toBe('https://api.letsdeel.com/rest/v2');
    expect(() => checkCustomHost('api.letsdeel.com', installed)).not.toThrow();
  });
});
