import type { Session } from 'electron';

/** The console needs no browser permission: camera, notifications-by-web-API, geolocation... all denied. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
