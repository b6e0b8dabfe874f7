import { invokeChannels, PRELOAD_API_KEY } from '../../src-shared/channels';
import { DEMO_ORG_NAME } from '../../src-main/simulator';
import { DEFAULT_DEMO_WORKERS } from '../../src-main/app/core';
import { expect, test } from './fixtures';

test('the demo organization travels simulator -> main -> preload API -> screen', async ({
  consolePage,
  launcher,
}, testInfo) => {
  console.log(`[e2e] ${testInfo.title}: launcher ${launcher}`);
  await expect(consolePage.getByTestId('org-name')).toHaveText(DEMO_ORG_NAME);
  await expect(consolePage.getByTestId('worker-count')).toHaveText(
    DEFAULT_DEMO_WORKERS.toLocaleString('en-US'),
  );
  await expect(consolePage.getByTestId('environment')).toHaveText('Demo (built-in simulator)');
  await consolePage.screenshot({ path: testInfo.outputPath('overview.png') });
});

test('the page gets exactly the contract API and no way around it', async ({ consolePage }) => {
  await expect(consolePage.getByTestId('org-name')).toBeVisible();
  const surface = await consolePage.evaluate((key) => {
    const api = (window as unknown as Record<string, object>)[key]!;
    const scope = window as unknown as Record<string, unknown>;
    return {
      methods: Object.keys(api).sort(),
      frozen: Object.isFrozen(api),
      hasIpcRenderer: 'ipcRenderer' in scope || 'electron' in scope,
      hasRequire: typeof scope.require !== 'undefined' || typeof scope.process !== 'undefined',
    };
  }, PRELOAD_API_KEY);
  expect(surface.methods).toEqual([...Object.keys(invokeChannels), 'on'].sort());
  expect(surface.frozen).toBe(true);
  expect(surface.hasIpcRenderer).toBe(false);
  expect(surface.hasRequire).toBe(false);
});

test('a malformed call from the page gets a typed error, not a crash', async ({ consolePage }) => {
  await expect(consolePage.getByTestId('org-name')).toBeVisible();
  const result = await consolePage.evaluate(
    (key) =>
      (window as unknown as Record<string, { getOverview(input?: unknown): Promise<unknown> }>)[
        key
      ]!.getOverview({ token: 'x' }),
    PRELOAD_API_KEY,
  );
  expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
});

test('the page itself cannot reach the network (CSP connect-src none)', async ({ consolePage }) => {
  await expect(consolePage.getByTestId('org-name')).toBeVisible();
  // Fetch the page's own document: without the CSP this succeeds under both launchers' origins
  // only if allowed, so the proof is the violation event, which fires only when CSP blocks it.
  const violation = await consolePage.evaluate(async () => {
    const seen = new Promise<string>((resolve) => {
      document.addEventListener(
        'securitypolicyviolation',
        (event) => resolve(event.effectiveDirective),
        { once: true },
      );
      setTimeout(() => resolve('none'), 3_000);
    });
    await fetch(location.href).catch(() => undefined);
    return seen;
  });
  expect(violation).toBe('connect-src');
  const policy = await consolePage
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("connect-src 'none'");
  expect(policy).not.toContain('unsafe-inline');
});
