/**
 * Content-Security-Policy of the renderer. Production allows only the app's own bundles and
 * no network at all (`connect-src 'none'`): main makes every Deel call. The dev server needs
 * inline React-refresh preamble and its websocket, and gets them only in dev.
 */
export const PRODUCTION_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
].join('; ');

export function devCsp(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return PRODUCTION_CSP.replace(
    "script-src 'self'",
    `script-src 'self' 'unsafe-inline' ${devServerOrigin}`,
  )
    .replace("style-src 'self'", `style-src 'self' 'unsafe-inline' ${devServerOrigin}`)
    .replace("connect-src 'none'", `connect-src ${devServerOrigin} ${ws}`);
}
