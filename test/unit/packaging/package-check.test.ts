import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fakeElectronBinary,
  FUSE_ORDER,
  fuseProblems,
  inspectPayload,
  packageDirs,
  readFuses,
  REQUIRED_FUSES,
  type PayloadInput,
} from '../../../scripts/package-check';
import config from '../../../electron-builder.config';

const goodFiles = [
  'package.json',
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/renderer/assets/index-abc.js',
  'out/renderer/assets/index-abc.css',
  'node_modules/zod/package.json',
  'node_modules/zod/index.js',
  'node_modules/zod/index.d.ts',
  'node_modules/conf/package.json',
  'node_modules/conf/node_modules/ajv/package.json',
  'node_modules/@tanstack/react-virtual/package.json',
];
const html =
  '<script type="module" crossorigin src="./assets/index-abc.js"></script>' +
  '<link rel="stylesheet" crossorigin href="./assets/index-abc.css">';

function payload(overrides: Partial<PayloadInput> = {}): PayloadInput {
  return {
    files: goodFiles,
    packages: [
      { name: 'zod', version: '4.0.0' },
      { name: 'conf', version: '15.0.0' },
      { name: 'ajv', version: '8.0.0' },
      { name: '@tanstack/react-virtual', version: '3.0.0' },
    ],
    production: [
      { name: 'zod', version: '4.0.0' },
      { name: 'conf', version: '15.0.0' },
      { name: 'ajv', version: '8.0.0' },
      { name: '@tanstack/react-virtual', version: '3.0.0' },
    ],
    dependencies: ['zod', 'conf', '@tanstack/react-virtual'],
    // ajv is also a devDependency, but the production tree needs it: allowed.
    devDependencies: ['ajv', 'vitest', 'electron'],
    readText: (path) => (path.endsWith('.html') ? html : 'export {};'),
    ...overrides,
  };
}

describe('package:check payload rules', () => {
  it('accepts a payload with the entries, built assets and production packages only', () => {
    expect(inspectPayload(payload())).toEqual([]);
  });

  it('fails on a missing main, preload or renderer entry, or a renderer asset', () => {
    for (const entry of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      const problems = inspectPayload(payload({ files: goodFiles.filter((f) => f !== entry) }));
      expect(problems).toContain(`missing entry: ${entry}`);
    }
    const problems = inspectPayload(
      payload({ files: goodFiles.filter((f) => !f.endsWith('.css')) }),
    );
    expect(problems).toContain('renderer asset missing: out/renderer/assets/index-abc.css');
  });

  it('fails on sources, tests, source maps, .env files and native modules', () => {
    const bad = [
      'src-main/index.ts',
      'out/main/types.d.ts',
      'src-renderer/src/App.tsx',
      'test/unit/a.test.ts',
      'out/main/index.test.js',
      'out/main/index.js.map',
      'node_modules/zod/index.js.map',
      'node_modules/zod/src/index.ts',
      '.env',
      'out/.env.production',
      'node_modules/conf/.env',
      'node_modules/zod/build/Release/addon.node',
    ];
    const problems = inspectPayload(payload({ files: [...goodFiles, ...bad] })).join('\n');
    for (const file of bad) expect(problems).toContain(file);
    expect(problems).not.toContain('node_modules/zod/index.d.ts');
  });

  it('fails on an inline source map in a bundle', () => {
    const problems = inspectPayload(
      payload({
        readText: (path) =>
          path.endsWith('.html') ? html : '//# sourceMappingURL=data:application/json;base64,e30=',
      }),
    );
    expect(problems).toContain('inline source map: out/main/index.js');
  });

  it('fails when a bundle holds the test-only bridge (an import of test/e2e/bridge from main)', () => {
    // Before: only file paths were checked, so bridge code bundled into out/main/index.js by
    // an import would have shipped unnoticed.
    const bundled = readFileSync(
      new URL('../../../test/e2e/bridge/server.ts', import.meta.url),
      'utf8',
    );
    const problems = inspectPayload(
      payload({
        readText: (path) =>
          path.endsWith('.html') ? html : path === 'out/main/index.js' ? bundled : '',
      }),
    );
    expect(problems.some((p) => p.startsWith('test bridge code in out/main/index.js'))).toBe(true);
    expect(inspectPayload(payload())).toEqual([]);
  });

  it('fails on a devDependency or any package outside the production tree', () => {
    const problems = inspectPayload(
      payload({
        packages: [...payload().packages, { name: 'vitest', version: '4.0.0' }],
      }),
    );
    expect(problems).toContain('not a production dependency: vitest@4.0.0');
    expect(problems).toContain('devDependency shipped: vitest');
    const wrongVersion = inspectPayload(
      payload({ packages: [...payload().packages, { name: 'zod', version: '3.0.0' }] }),
    );
    expect(wrongVersion).toContain('not a production dependency: zod@3.0.0');
  });

  it('fails when a production dependency is not shipped', () => {
    const problems = inspectPayload(
      payload({ packages: payload().packages.filter((pkg) => pkg.name !== 'zod') }),
    );
    expect(problems).toContain('production dependency missing: zod');
  });

  it('finds nested and scoped package directories', () => {
    expect(packageDirs(goodFiles).sort()).toEqual([
      'node_modules/@tanstack/react-virtual',
      'node_modules/conf',
      'node_modules/conf/node_modules/ajv',
      'node_modules/zod',
    ]);
  });

  it("the stand-in Electron carries stock fuses that @electron/fuses' layout reads back", async () => {
    const binary = fakeElectronBinary();
    // Stock states, so a fuse electron-builder failed to flip reads back wrong.
    expect(readFuses(binary)).toMatchObject({
      runAsNode: true,
      onlyLoadAppFromAsar: false,
      grantFileProtocolExtraPrivileges: true,
    });
    const { FuseV1Options } = await import('@electron/fuses');
    // Same wire order as @electron/fuses (electron-builder's own dependency).
    FUSE_ORDER.forEach((name, index) => {
      const upper = (name.charAt(0).toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options;
      expect(FuseV1Options[upper]).toBe(index);
    });
  });

  it("the check's security baseline is issue 5's fuse list plus file:// privileges off, and the config meets it", () => {
    expect(REQUIRED_FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.electronFuses).toMatchObject(REQUIRED_FUSES);
  });

  it('passes a binary whose fuses match the config and the baseline', () => {
    const packaged = { ...readFuses(fakeElectronBinary()), ...REQUIRED_FUSES };
    expect(fuseProblems(packaged, REQUIRED_FUSES)).toEqual([]);
  });

  it('fails a fuse left as the config does not want it', () => {
    const packaged = { ...REQUIRED_FUSES, loadBrowserProcessSpecificV8Snapshot: false };
    expect(fuseProblems(packaged, { loadBrowserProcessSpecificV8Snapshot: true })).toEqual([
      'fuse loadBrowserProcessSpecificV8Snapshot is false, config wants true',
    ]);
  });

  it('holds the baseline even when the config turns file:// privileges back on', () => {
    const configured = { ...REQUIRED_FUSES, grantFileProtocolExtraPrivileges: true };
    // electron-builder flips what the config says, so the binary agrees with the config.
    const packaged = { ...configured };
    expect(fuseProblems(packaged, configured)).toEqual([
      'fuse grantFileProtocolExtraPrivileges is true, the security baseline requires false',
    ]);
    // A config that leaves the fuse unset keeps Electron's stock state: on.
    const unset = { ...REQUIRED_FUSES };
    delete unset.grantFileProtocolExtraPrivileges;
    expect(fuseProblems({ ...unset, grantFileProtocolExtraPrivileges: true }, unset)).toEqual([
      'fuse grantFileProtocolExtraPrivileges is true, the security baseline requires false',
    ]);
  });
});
