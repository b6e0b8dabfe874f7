import type { WebContents } from 'electron';

/** Documentation hosts a link in the console may open, in the system browser only. */
export const EXTERNAL_LINK_HOSTS = new Set([
  'developer.deel.com',
  'help.letsdeel.com',
  'www.deel.com',
]);

export function isAllowedExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_LINK_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * The page may never navigate away, open windows or attach webviews. Allow-listed https
 * documentation links go to the system browser instead.
 */
export function guardNavigation(
  contents: WebContents,
  openExternal: (url: string) => unknown,
): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void openExternal(url);
    return { action: 'deny' };
  });
}
