import { afterEach, describe, expect, it } from 'vitest';
import { DeelClient } from '../../../src-main/deel/client';
import { DeelConfigError } from '../../../src-main/deel/errors';
import {
  isLoopbackHost,
  normalizeBaseUrl,
  PRESET_BASE_URLS,
  resolveBaseUrl,
} from '../../../src-main/deel/environments';
import {
  createRequestLimiter,
  DEFAULT_REQUESTS_PER_SECOND,
  sharedLimiter,
} from '../../../src-main/deel/limiter';
import { startHarness, type Harness } from './harness';

describe('the shared limiter', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.sim.close();
    h = undefined;
  });

  it('defaults to 4 requests per second, one limiter per Deel host', () => {
    expect(DEFAULT_REQUESTS_PER_SECOND).toBe(4);
    new DeelClient({ baseUrl: 'https://api.letsdeel.com/rest/v2', token: 't' });
    const limiter = sharedLimiter('https://api.letsdeel.com');
    expect(limiter.perSecond).toBe(4);
    expect(sharedLimiter('https://api.letsdeel.com')).toBe(limiter);
    expect(sharedLimiter('https://api-staging.letsdeel.com')).not.toBe(limiter);
  });

  // Same ratio as production (4/s against Deel's 5/s), scaled up so the test takes ~3 s.
  it('never causes a 429 when the console is the only client, across clients of the org', async () => {
    h = await startHarness({ rateLimit: { perSecond: 10 } });
    const options = { requestsPerSecond: 8, retry: { limit: 0, rateLimitPatienceMs: 0 } };
    // Two clients (two tokens of one org) share the host's limiter, as in the app.
    const a = new DeelClient({ baseUrl: h.sim.url, token: h.sim.tokens.admin, ...options });
    const b = new DeelClient({ baseUrl: h.sim.url, token: h.sim.tokens.readOnly, ...options });
    const calls = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0 ? a.getOrganization() : b.listPeople({ limit: 1 }),
    );
    await Promise.all(calls);
    expect(h.log.filter((e) => e.status === 429)).toHaveLength(0);
    expect(h.log).toHaveLength(24);
  });

  it('without it, the same burst is rate limited (the test above is meaningful)', async () => {
    h = await startHarness({ rateLimit: { perSecond: 10 } });
    const client = h.client({
      limiter: createRequestLimiter(1000),
      retry: { limit: 0, rateLimitPatienceMs: 0 },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, () => client.getOrganization()),
    );
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    expect(h.log.filter((e) => e.status === 429).length).toBeGreaterThan(0);
  });

  it('spaces requests evenly rather than in bursts', async () => {
    const limiter = createRequestLimiter(20);
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () => limiter.acquire().then(() => times.push(performance.now()))),
    );
    // 5 slots at 20/s span at least 4 × 50 ms (timers may only be late, never early).
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(190);
  });
});

describe('environments and base URLs', () => {
  it('resolves the presets, including both documented sandbox hosts', () => {
    expect(resolveBaseUrl('production')).toBe('https://api.letsdeel.com/rest/v2');
    expect(resolveBaseUrl('sandbox')).toBe('https://api-sandbox.demo.deel.com/rest/v2');
    expect(resolveBaseUrl('sandbox-staging')).toBe('https://api-staging.letsdeel.com/rest/v2');
    expect(Object.values(PRESET_BASE_URLS).every((url) => url.startsWith('https://'))).toBe(true);
    expect(resolveBaseUrl('custom', { customUrl: 'https://deel.example.com/rest/' })).toBe(
      'https://deel.example.com/rest',
    );
    expect(resolveBaseUrl('demo', { demoUrl: 'http://127.0.0.1:4000/rest/v2' })).toBe(
      'http://127.0.0.1:4000/rest/v2',
    );
  });

  it('refuses http:// for a non-loopback host with a clear, typed error', () => {
    for (const url of [
      'http://api.letsdeel.com/rest/v2',
      'http://10.0.0.5/rest/v2',
      'http://127.example.com/',
    ]) {
      const attempt = () => new DeelClient({ baseUrl: url, token: 'secret-token-value' });
      expect(attempt).toThrow(DeelConfigError);
      expect(attempt).toThrow(/HTTPS/);
    }
    expect(() => resolveBaseUrl('custom', { customUrl: 'http://deel.example.com' })).toThrow(
      expect.objectContaining({ kind: 'invalid-argument' }),
    );
  });

  it('allows http:// on loopback only (the simulator)', () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '127.1.2.3']) {
      expect(normalizeBaseUrl(`http://${host}:8080/rest/v2`)).toContain(host);
    }
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    // A name under .localhost may resolve anywhere: not loopback, so no plain http to it.
    expect(() => normalizeBaseUrl('http://app.localhost:8080/rest/v2')).toThrow(DeelConfigError);
  });

  it('refuses other schemes, credentials, queries and garbage', () => {
    for (const url of [
      'ftp://api.letsdeel.com',
      'https://user:pw@api.letsdeel.com/rest/v2',
      'https://api.letsdeel.com/rest/v2?x=1',
      'not a url',
    ]) {
      expect(() => normalizeBaseUrl(url)).toThrow(DeelConfigError);
    }
    expect(() => resolveBaseUrl('custom')).toThrow(DeelConfigError);
    expect(() => resolveBaseUrl('demo')).toThrow(DeelConfigError);
  });
});
