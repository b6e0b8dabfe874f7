import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import config, {
  APP_ID,
  createConfig,
  hasNotarizationCredentials,
  homepage,
} from '../../../electron-builder.config';

const ROOT = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
/** electron-builder's own JSON schema, shipped in its npm package (app-builder-lib). */
const schema = JSON.parse(
  readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

type TargetEntry = { target: string; arch?: string[] };
const targetsOf = (platform: { target?: unknown } | null | undefined): TargetEntry[] =>
  (platform?.target ?? []) as TargetEntry[];
const archsFor = (platform: { target?: unknown } | null | undefined, name: string) =>
  targetsOf(platform).find((entry) => entry.target === name)?.arch ?? [];

function expectValid(candidate: Configuration) {
  const valid = validate(JSON.parse(JSON.stringify(candidate)));
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
}

describe('electron-builder config', () => {
  it("passes electron-builder's own JSON schema, with and without release env", () => {
    expectValid(config);
    expectValid(createConfig({}));
    expectValid(
      createConfig({
        DEEL_CONSOLE_UPDATE_URL: 'https://updates.example.com/deel-console',
        APPLE_ID: 'ops@example.com',
        APPLE_APP_SPECIFIC_PASSWORD: 'x',
        APPLE_TEAM_ID: 'TEAM',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/deel-console',
      }),
    );
  });

  it('the schema check is live: it rejects a wrong config', () => {
    expect(validate({ ...config, asar: 'yes please', notAnOption: 1 })).toBe(false);
  });

  it('names the app and its installers', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Deel Worker Token Console');
    for (const macro of ['${version}', '${os}', '${arch}', '${ext}']) {
      expect(config.artifactName).toContain(macro);
    }
    expect(config.artifactName).not.toMatch(/\s/);
  });

  it('macOS: dmg and zip for x64 and arm64, hardened runtime, entitlements in build/', () => {
    expect(archsFor(config.mac, 'dmg').sort()).toEqual(['arm64', 'x64']);
    expect(archsFor(config.mac, 'zip').sort()).toEqual(['arm64', 'x64']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toMatch(/^build\//);
      const plist = readFileSync(join(ROOT, file!), 'utf8');
      expect(plist).toContain('com.apple.security.cs.allow-jit');
      // Nothing beyond the JIT exception that Electron needs.
      expect(plist.match(/<key>/g)).toHaveLength(1);
    }
  });

  it('macOS notarization runs only with a complete set of Apple credentials', () => {
    expect(createConfig({}).mac?.notarize).toBe(false);
    expect(createConfig({ APPLE_ID: 'ops@example.com' }).mac?.notarize).toBe(false);
    const appleId = { APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' };
    const apiKey = { APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'iss' };
    const keychain = { APPLE_KEYCHAIN: 'k', APPLE_KEYCHAIN_PROFILE: 'p' };
    for (const env of [appleId, apiKey, keychain]) {
      expect(hasNotarizationCredentials(env)).toBe(true);
      expect(createConfig(env).mac?.notarize).toBe(true);
    }
  });

  it('Windows: nsis for x64 and arm64, one installer per arch; signing is env-driven', () => {
    expect(archsFor(config.win, 'nsis').sort()).toEqual(['arm64', 'x64']);
    expect(config.nsis?.buildUniversalInstaller).toBe(false);
    // Certificates come from WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD, never from the config file.
    expect(JSON.stringify(config)).not.toMatch(/cscLink|cscKeyPassword|certificateFile/);
  });

  it('Linux: AppImage, deb and rpm', () => {
    expect(targetsOf(config.linux).map((entry) => entry.target)).toEqual([
      'AppImage',
      'deb',
      'rpm',
    ]);
    expect(config.linux?.executableName).toMatch(/^[a-z0-9-]+$/);
  });

  it('deb/rpm homepage comes from the environment or the GitHub Actions repository', () => {
    expect(homepage({})).toBeUndefined();
    expect(createConfig({}).extraMetadata).toBeUndefined();
    expect(homepage({ DEEL_CONSOLE_HOMEPAGE: 'https://ops.example.com' })).toBe(
      'https://ops.example.com',
    );
    expect(
      createConfig({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/console' })
        .extraMetadata,
    ).toEqual({ homepage: 'https://github.com/acme/console' });
  });

  it('flips the Electron fuses from the security issue', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('turns off the extra file:// privileges: the renderer is served from app://bundle', () => {
    // Explicitly false: left unset, the packaged Electron keeps its stock state (on).
    expect(config.electronFuses?.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('ships an asar with only the built bundles and production dependencies', () => {
    expect(config.asar).toBe(true);
    const files = config.files as string[];
    const includes = files.filter((pattern) => !pattern.startsWith('!'));
    expect(includes.sort()).toEqual(['out/**/*', 'package.json']);
    expect(files).toContain('!out/**/*.map');
    expect(files.some((pattern) => pattern.startsWith('!') && pattern.includes('.env'))).toBe(true);
    expect(config.npmRebuild).toBe(false);
  });

  it('packages an update feed only when DEEL_CONSOLE_UPDATE_URL is set, and only https', () => {
    expect(createConfig({}).publish).toBeNull();
    expect(
      createConfig({ DEEL_CONSOLE_UPDATE_URL: 'https://updates.example.com/console' }).publish,
    ).toEqual([{ provider: 'generic', url: 'https://updates.example.com/console' }]);
    expect(() => createConfig({ DEEL_CONSOLE_UPDATE_URL: 'http://updates.example.com' })).toThrow(
      /https/,
    );
  });

  it('the icon set generated from the one source image is committed', () => {
    expect(existsSync(join(ROOT, 'build/icon.svg'))).toBe(true);
    const icns = readFileSync(join(ROOT, String(config.mac?.icon)));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    const ico = readFileSync(join(ROOT, String(config.win?.icon)));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(join(ROOT, String(config.linux?.icon), `${size}x${size}.png`));
      // PNG IHDR: width and height, big-endian, at bytes 16..23.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
