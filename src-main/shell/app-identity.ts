/**
 * Reverse-DNS id: the macOS bundle id and the Windows AppUserModelID (which ties the console's
 * notifications and taskbar entry to the installed app). The packaging config uses this same
 * constant. Never change it after a release.
 */
export const APP_ID = 'com.deel-worker-token-console.app';
