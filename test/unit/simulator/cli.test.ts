/** The CLI prints exactly one JSON line first with --json, serves, and stops cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src-main/simulator/cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('scripts/sim.ts', () => {
  it('--json: one JSON line {url, tokens}, a working server, clean exit on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/sim.ts', '--json', '--port', '0', '--workers', '40', '--quiet'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', () => reject(new Error(`sim exited early: ${stderr}`)));
      });
      const info = JSON.parse(first) as { url: string; tokens: Record<string, string> };
      expect(Object.keys(info).sort()).toEqual(['tokens', 'url']);
      expect(Object.keys(info.tokens).sort()).toEqual(['admin', 'personal', 'readOnly']);
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest\/v2$/);
      const res = await fetch(`${info.url}/organizations`, {
        headers: { authorization: `Bearer ${info.tokens['admin'] ?? ''}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-deel-simulator')).toBe('1');
      const more: string[] = [];
      lines.on('line', (l) => more.push(l));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(more).toEqual([]);
      expect(stderr).toMatch(/SIMULATOR/);
      for (const t of Object.values(info.tokens)) expect(stderr).not.toContain(t);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('parses options and rejects bad ones', () => {
    const a = parseCliArgs([
      '--workers',
      '10000',
      '--port',
      '4010',
      '--seed',
      '7',
      '--retry-after',
    ]);
    expect(a.options).toMatchObject({
      workers: 10_000,
      port: 4010,
      seed: 7,
      rateLimit: { perSecond: 5, retryAfter: true },
    });
    expect(parseCliArgs(['--rate-limit', '0']).options.rateLimit).toBe(false);
    expect(() => parseCliArgs(['--workers', '0'])).toThrow(/workers/);
    expect(() => parseCliArgs(['--error-rate', '2'])).toThrow(/error-rate/);
    expect(() => parseCliArgs(['--nope'])).toThrow();
  });
});
