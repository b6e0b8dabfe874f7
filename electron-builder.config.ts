import type { Configuration } from 'electron-builder';
import { APP_ID } from './src-main/shell/app-identity';

/**
 * Packaging config for electron-builder (loaded by it through jiti; also imported by the unit
 * tests and `npm run package:check`). Everything that differs between a developer's build and a
 * signed release comes from environment variables, read once here:
 *
 * - macOS signing: `CSC_LINK` + `CSC_KEY_PASSWORD` (read by electron-builder itself). Without
 *   them the app is left unsigned (ad-hoc on arm64) and notarization is skipped.
 * - macOS notarization: one complete set of `APPLE_API_KEY` + `APPLE_API_KEY_ID` +
 *   `APPLE_API_ISSUER`, or `APPLE_ID` + `APPLE_APP_SPECIFIC_PASSWORD` + `APPLE_TEAM_ID`, or
 *   `APPLE_KEYCHAIN` + `APPLE_KEYCHAIN_PROFILE`. Without one, `mac.notarize` is `false` and
 *   electron-builder logs "skipped macOS notarization" instead of failing.
 * - Windows signing: `WIN_CSC_LINK` + `WIN_CSC_KEY_PASSWORD` (or `CSC_LINK`), read by
 *   electron-builder itself; unsigned installers without them.
 * - Auto-update feed: `DEEL_CONSOLE_UPDATE_URL` (https). With it electron-builder writes
 *   `app-update.yml` into the app and `latest*.yml` next to the installers; without it nothing
 *   update-related is packaged and the updater in the app stays off.
 */

/** The app id main also sets as the Windows AppUserModelID (one constant for both). */
export { APP_ID };
export const PRODUCT_NAME = 'Deel Worker Token Console';
/** Installer file names: no spaces (GitHub release assets and update feeds rewrite them). */
export const ARTIFACT_NAME = '${name}-${version}-${os}-${arch}.${ext}';

type Env = Record<string, string | undefined>;

const APPLE_NOTARIZATION_CREDENTIALS = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'],
] as const;

/** True when one complete set of Apple notarization credentials is in the environment. */
export function hasNotarizationCredentials(env: Env): boolean {
  return APPLE_NOTARIZATION_CREDENTIALS.some((set) => set.every((name) => Boolean(env[name])));
}

/** The update feed to build into the app, or null when none is configured. */
export function updateFeed(env: Env): Configuration['publish'] {
  const url = env.DEEL_CONSOLE_UPDATE_URL?.trim();
  if (!url) return null;
  if (new URL(url).protocol !== 'https:') {
    throw new Error(`DEEL_CONSOLE_UPDATE_URL must be an https: URL, got ${url}`);
  }
  return [{ provider: 'generic', url }];
}

/**
 * The project page written into the deb and rpm metadata (both require one): `DEEL_CONSOLE_HOMEPAGE`,
 * else the repository the GitHub Actions run builds. Outside both, deb/rpm stop with
 * electron-builder's "Please specify project homepage"; the other targets don't need it.
 */
export function homepage(env: Env): string | undefined {
  if (env.DEEL_CONSOLE_HOMEPAGE) return env.DEEL_CONSOLE_HOMEPAGE;
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY) {
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`;
  }
  return undefined;
}

export function createConfig(env: Env = process.env): Configuration {
  const projectPage = homepage(env);
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: 'Copyright © Deel Worker Token Console authors',
    artifactName: ARTIFACT_NAME,
    directories: { output: 'dist', buildResources: 'build' },
    ...(projectPage && { extraMetadata: { homepage: projectPage } }),

    // Only the electron-vite bundles and package.json; electron-builder adds the production
    // dependencies (never devDependencies) from node_modules on its own. The exclusions below
    // drop what no runtime needs from those dependencies: sources, typings, maps, docs.
    files: [
      'package.json',
      'out/**/*',
      '!out/**/*.map',
      '!**/node_modules/**/*.{ts,tsx,mts,cts,map}',
      '!**/node_modules/**/*.{md,markdown}',
      '!**/node_modules/**/{.github,docs,test,tests,__tests__,example,examples}/**',
      '!**/{.env,.env.*}',
    ],
    asar: true,
    // No native modules: nothing to rebuild for Electron's ABI (package:check fails on *.node).
    npmRebuild: false,

    // Electron fuses (issue 5), flipped in the packaged Electron binary before signing.
    electronFuses: {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The renderer is served from app://bundle (src-main/shell/app-protocol.ts), so file://
      // pages need none of Electron's extra privileges (fetching other file:// URLs, etc.).
      grantFileProtocolExtraPrivileges: false,
      // Flipping fuses breaks the ad-hoc signature of unsigned arm64 macOS builds; re-sign ad hoc.
      resetAdHocDarwinSignature: true,
    },

    publish: updateFeed(env),

    mac: {
      target: [
        { target: 'dmg', arch: ['x64', 'arm64'] },
        { target: 'zip', arch: ['x64', 'arm64'] },
      ],
      category: 'public.app-category.business',
      icon: 'build/icon.icns',
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      notarize: hasNotarizationCredentials(env),
    },
    dmg: { writeUpdateInfo: false },

    win: {
      target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
      icon: 'build/icon.ico',
    },
    nsis: {
      // One installer per architecture, so each artifact name carries its arch.
      buildUniversalInstaller: false,
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      shortcutName: PRODUCT_NAME,
      uninstallDisplayName: PRODUCT_NAME,
    },

    linux: {
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
        { target: 'rpm', arch: ['x64'] },
      ],
      executableName: 'deel-worker-token-console',
      icon: 'build/icons',
      category: 'Office',
      synopsis: 'Mint, track and revoke Deel worker access tokens',
      maintainer: 'Deel Worker Token Console maintainers',
      vendor: 'Deel Worker Token Console maintainers',
    },
  };
}

export default createConfig();
