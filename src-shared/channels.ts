/**
 * Every IPC channel the preload API may use, keyed by the API method or event that uses it.
 * This module is deliberately dependency-free: the sandboxed preload bundles it without zod.
 * The schemas for each channel live in `contract.ts`, keyed by the same names.
 */
export const invokeChannels = {
  getOverview: 'app:overview',
  getConnection: 'connection:status',
  connect: 'connection:connect',
  useDemo: 'connection:use-demo',
  acknowledgeWarning: 'connection:acknowledge-warning',
  forgetToken: 'connection:forget',
  queryWorkers: 'workers:query',
  listSessions: 'sessions:list',
  mintToken: 'sessions:mint',
  revealToken: 'sessions:reveal',
  copyToken: 'sessions:copy',
  verifyToken: 'sessions:verify',
  revokeToken: 'sessions:revoke',
  bulkRevoke: 'sessions:bulk-revoke',
  getBulkJob: 'sessions:bulk-job',
  cancelBulkRevoke: 'sessions:bulk-cancel',
  resumeBulkRevoke: 'sessions:bulk-resume',
  dismissBulkJob: 'sessions:bulk-dismiss',
  auditPage: 'audit:page',
  exportAudit: 'audit:export',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  getPacing: 'deel:pacing',
  copyRequestId: 'clipboard:copy-request-id',
  startSweep: 'sessions:sweep-start',
  getSweep: 'sessions:sweep',
  cancelSweep: 'sessions:sweep-cancel',
  resumeSweep: 'sessions:sweep-resume',
  dismissSweep: 'sessions:sweep-dismiss',
  showExportedFile: 'audit:show-exported-file',
  listProfiles: 'profiles:list',
  switchProfile: 'profiles:switch',
  updateProfile: 'profiles:update',
  removeProfile: 'profiles:remove',
  listAllTokens: 'profiles:all-tokens',
  revokeAcrossProfiles: 'profiles:revoke-all',
  getWorkerHistory: 'sessions:worker-history',
  getAuditForwarding: 'audit:forwarding',
  setAuditCollectorAuthorization: 'audit:collector-authorization',
} as const;

/** Events main pushes to the page. The page subscribes with `deelConsole.on(name, listener)`. */
export const eventChannels = {
  workersPage: 'workers:page',
  sessionsChanged: 'sessions:changed',
  bulkProgress: 'sessions:bulk-progress',
  connectionChanged: 'connection:changed',
  requestRetrying: 'deel:retrying',
  pacingChanged: 'deel:pacing-changed',
  sweepProgress: 'sessions:sweep-progress',
  profilesChanged: 'profiles:changed',
  allTokensChanged: 'profiles:all-tokens-changed',
} as const;

export type InvokeMethod = keyof typeof invokeChannels;
export type InvokeChannel = (typeof invokeChannels)[InvokeMethod];
export type EventName = keyof typeof eventChannels;
export type EventChannel = (typeof eventChannels)[EventName];

/** The name of the single object the preload exposes on `window`. */
export const PRELOAD_API_KEY = 'deelConsole';
