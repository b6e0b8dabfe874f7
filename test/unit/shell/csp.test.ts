import { describe, expect, it } from 'vitest';
import { devCsp, PRODUCTION_CSP } from '../../../src-main/shell/csp';
import { cspPlugin } from '../../../electron.vite.config';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

describe('the renderer CSP', () => {
  it('is strict in production: own scripts only, no inline or eval, no network', () => {
    const d = directives(PRODUCTION_CSP);
    expect(d.get('default-src')).toBe("'none'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('connect-src')).toBe("'none'");
    expect(d.get('object-src')).toBe("'none'");
    expect(PRODUCTION_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('loosens only what the dev server needs, only in dev', () => {
    const d = directives(devCsp('http://localhost:5173'));
    expect(d.get('connect-src')).toBe('http://localhost:5173 ws://localhost:5173');
    expect(devCsp('http://localhost:5173')).not.toContain('unsafe-eval');
  });

  it('is what the build injects into index.html', () => {
    const plugin = cspPlugin();
    const configResolved = plugin.configResolved as unknown as (config: {
      command: string;
      server: { port?: number };
    }) => void;
    const transform = plugin.transformIndexHtml as unknown as () => {
      attrs: Record<string, string>;
    }[];
    configResolved({ command: 'build', server: {} });
    expect(transform()[0]!.attrs).toEqual({
      'http-equiv': 'Content-Security-Policy',
      content: PRODUCTION_CSP,
    });
    configResolved({ command: 'serve', server: { port: 5199 } });
    expect(transform()[0]!.attrs.content).toContain('ws://localhost:5199');
  });
});
