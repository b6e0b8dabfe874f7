import { z } from 'zod';
import { eventChannels, invokeChannels, type EventName, type InvokeMethod } from './channels';
import { auditActions, auditOutcomes } from './audit-vocabulary';
import { ipcErrorSchema, type IpcResult } from './errors';

export { auditActions, auditOutcomes };

/**
 * The IPC contract: for each preload API method its channel, the schema main parses the
 * arguments with, and the schema of what it returns; for each event its payload. Main, preload
 * and renderer derive their types from this module; nothing is declared twice.
 * No schema here has room for the organization token on the way out.
 */

const guid = z.guid();
const isoTime = z.iso.datetime({ offset: true });
const shortText = z.string().max(200);

export const environmentSchema = z.enum([
  'production',
  'sandbox',
  'sandbox-staging',
  'custom',
  'demo',
]);
export type Environment = z.infer<typeof environmentSchema>;
/** Environments that talk to a real Deel host (demo runs on the built-in simulator). */
export type LiveEnvironment = Exclude<Environment, 'demo'>;

export const overviewSchema = z.object({
  environment: environmentSchema,
  organization: z.object({ id: z.string(), name: z.string() }),
  workerCount: z.number().int().nonnegative(),
});
export type Overview = z.infer<typeof overviewSchema>;

// ── connection ───────────────────────────────────────────────────────────────────────────────

/** Why the org token is not (or not durably) held: the vault raises these, the page explains them. */
export const connectionWarningCodes = [
  'basic-text-keyring',
  'keyring-unavailable',
  'token-unavailable',
  'store-recovered',
  'sessions-recovered',
  'sessions-unsaved',
  'clock-skew',
  'audit-locked',
  'audit-recovered',
] as const;
export type ConnectionWarningCode = (typeof connectionWarningCodes)[number];
/** Warnings about something that already happened: the operator may dismiss them. */
export const dismissibleWarningCodes = [
  'store-recovered',
  'sessions-recovered',
  'audit-recovered',
] as const satisfies readonly ConnectionWarningCode[];
export type DismissibleWarningCode = (typeof dismissibleWarningCodes)[number];

export const connectionWarningSchema = z.object({
  code: z.enum(connectionWarningCodes),
  message: z.string(),
});
export type ConnectionWarning = z.infer<typeof connectionWarningSchema>;

export const connectionStatusSchema = z.object({
  mode: z.enum(['demo', 'live', 'unconfigured']),
  environment: environmentSchema.optional(),
  baseUrl: z.string().optional(),
  organization: z.object({ id: z.string(), name: z.string() }).optional(),
  /** The last 4 characters of the organization token, e.g. "…f3a9". Never more. */
  tokenHint: z.string().max(8).optional(),
  /** Whether the token is stored encrypted on disk, or held for this run only. */
  persisted: z.boolean(),
  /** When the operator entered the organization token in use (rotation reminders count from it). */
  tokenEnteredAt: isoTime.optional(),
  warnings: z.array(connectionWarningSchema),
  /** The connection profile in use (`demo`: the built-in demo profile). */
  profile: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

// ── connection profiles ──────────────────────────────────────────────────────────────────────

/** The built-in demo profile's id: always there, never saved, never removed. */
export const DEMO_PROFILE_ID = 'demo';

export const profileIdSchema = z.string().regex(/^(demo|p-[a-z0-9]{6,32})$/, 'Not a profile id.');

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the profile a name.')
  .max(60, 'At most 60 characters.');

/** What the page may know of a saved profile: never its token, only the token's hint. */
export const profileSchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: environmentSchema,
  baseUrl: z.string().optional(),
  organization: z.object({ id: z.string(), name: z.string() }).optional(),
  tokenHint: z.string().max(8).optional(),
  tokenEnteredAt: isoTime.optional(),
  /** The saved token opens (false: the keyring refused it; enter it again). */
  available: z.boolean(),
  active: z.boolean(),
  /** Mint, revoke and sweep in this profile refuse without a reason or ticket reference. */
  requireReason: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

export const profileListSchema = z.object({
  activeId: z.string(),
  profiles: z.array(profileSchema),
});
export type ProfileList = z.infer<typeof profileListSchema>;

export const updateProfileInputSchema = z
  .object({
    profileId: profileIdSchema,
    name: profileNameSchema.optional(),
    requireReason: z.boolean().optional(),
  })
  .strict();

/**
 * A token Deel may hold in any profile (live or outcome unknown), for the cross-profile
 * "Live tokens (all)" view: metadata only, never a token value.
 */
export const crossProfileTokenSchema = z.object({
  /** Absent: kept by this console for an organization no saved profile names any longer. */
  profileId: z.string().optional(),
  profileName: z.string(),
  environment: environmentSchema.optional(),
  organizationName: z.string().optional(),
  active: z.boolean(),
  session: z.lazy(() => sessionSchema),
});
export type CrossProfileToken = z.infer<typeof crossProfileTokenSchema>;

/** A bulk revoke or sweep of a profile that is not finished (running, paused or interrupted). */
export const crossProfileJobSchema = z.object({
  profileId: z.string().optional(),
  profileName: z.string(),
  kind: z.enum(['bulk-revoke', 'sweep']),
  /** `running`: going on now, in the background when the profile is not active. */
  state: z.enum(['running', 'paused']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
});
export type CrossProfileJob = z.infer<typeof crossProfileJobSchema>;

export const crossProfileTokensSchema = z.object({
  tokens: z.array(crossProfileTokenSchema),
  jobs: z.array(crossProfileJobSchema),
});
export type CrossProfileTokens = z.infer<typeof crossProfileTokensSchema>;

/** What the operator types to revoke every token this console minted, in every profile. */
export const ACROSS_PROFILES_CONFIRMATION = 'all profiles';

/** Per profile: its bulk revoke started (journaled, in the background), or why not. */
export const revokeAcrossProfilesResultSchema = z.object({
  profiles: z.array(
    z.object({
      profileId: z.string().optional(),
      profileName: z.string(),
      tokens: z.number().int().nonnegative(),
      started: z.boolean(),
      notStartedBecause: z
        .enum(['job-running', 'token-unavailable', 'no-profile', 'journal-unwritable'])
        .optional(),
    }),
  ),
});
export type RevokeAcrossProfilesResult = z.infer<typeof revokeAcrossProfilesResultSchema>;

export const connectInputSchema = z
  .object({
    environment: environmentSchema.exclude(['demo']),
    customUrl: z.string().trim().max(2048).optional(),
    token: z
      .string()
      .trim()
      .min(8, 'The token looks too short.')
      .max(4096, 'The token looks too long.')
      .regex(/^[\x21-\x7e]+$/, 'A token has no spaces or special characters.'),
    /**
     * A rotation: the new token must belong to the organization connected now, or nothing
     * changes (a replace may switch organization; a rotation never does).
     */
    rotate: z.literal(true).optional(),
    /**
     * Save as a new connection profile with this name (from demo, a connect always saves a new
     * profile, named after the organization unless named here).
     */
    profileName: profileNameSchema.optional(),
    /**
     * A replace of the active profile's token by one of another organization: refused (kind
     * `not-allowed`, `organizationChange` set) unless the operator confirmed it.
     */
    confirmOrganizationChange: z.literal(true).optional(),
  })
  .strict()
  .refine((input) => input.environment !== 'custom' || Boolean(input.customUrl), {
    message: 'A custom environment needs its base URL.',
    path: ['customUrl'],
  });
export type ConnectInput = z.input<typeof connectInputSchema>;

// ── workers ──────────────────────────────────────────────────────────────────────────────────

export const workerSortKeys = [
  'full_name',
  'email',
  'country',
  'hiring_type',
  'hiring_status',
  'start_date',
] as const;

export const workerQuerySchema = z
  .object({
    source: z.enum(['people', 'contracts']).default('people'),
    search: z.string().trim().max(200).optional(),
    hiringTypes: z
      .array(z.string().regex(/^[a-z_]{1,40}$/))
      .max(10)
      .optional(),
    hiringStatuses: z
      .array(z.string().regex(/^[a-z_]{1,40}$/))
      .max(10)
      .optional(),
    sortBy: z.enum(workerSortKeys).optional(),
    sortOrder: z.enum(['asc', 'desc']).optional(),
  })
  .strict();
export type WorkerQuery = z.input<typeof workerQuerySchema>;

export const workerRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  country: z.string().nullable(),
  jobTitle: z.string().nullable(),
  hiringType: z.string().nullable(),
  hiringStatus: z.string().nullable(),
  /** Deel's numeric `worker_id` (from `/people`; contracts do not carry it). */
  workerId: z.string().nullable().optional(),
});
export type WorkerRow = z.infer<typeof workerRowSchema>;

export const workersPageSchema = z.object({
  queryId: z.string(),
  rows: z.array(workerRowSchema),
  loaded: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  done: z.boolean(),
  error: ipcErrorSchema.optional(),
  /**
   * Every row of this page came back with its name and email null: the organization token's
   * "sensitive data" toggles are off. Search by worker id or profile id still works.
   */
  piiHidden: z.literal(true).optional(),
});
export type WorkersPage = z.infer<typeof workersPageSchema>;

// ── worker tokens (sessions) ─────────────────────────────────────────────────────────────────

export const sessionStates = [
  'live',
  'expired',
  'revoked',
  'superseded',
  'outcome-unknown',
  /** A Verify was refused (401): Deel no longer accepts the token, whatever ended it. */
  'rejected',
  /** A mint written down and sent; Deel's answer has not come yet. */
  'pending',
] as const;
export type SessionState = (typeof sessionStates)[number];

/**
 * Why a live token's value is not in main's memory: the console quit since it was minted
 * (`restarted`), the organization token was forgotten, or the console switched (or reconnected)
 * to a connection and back. The page words it; main only names it.
 */
export const tokenUnavailableReasons = [
  'restarted',
  'token-forgotten',
  'connection-switched',
] as const;
export type TokenUnavailableReason = (typeof tokenUnavailableReasons)[number];

export const sessionSchema = z.object({
  id: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  /**
   * The worker's email as main listed it when minting (never the page's word); null or absent:
   * main did not know it (sessions minted before it was kept, or Deel hides it).
   */
  workerEmail: z.string().nullable().optional(),
  mintedAt: isoTime,
  expiresAt: isoTime.nullable(),
  state: z.enum(sessionStates),
  stateChangedAt: isoTime,
  /** The token value is in main's memory (this run) and can be revealed, copied or verified. */
  available: z.boolean(),
  /** Reveal is allowed once per mint. */
  revealed: z.boolean(),
  /** Set on a live session whose value is not available: why it is not. */
  unavailableBecause: z.enum(tokenUnavailableReasons).optional(),
  requestId: z.string().optional(),
  /** Set while a mint or revoke is on its way, and on an outcome-unknown session: which call. */
  pendingCall: z.enum(['mint', 'revoke']).optional(),
  /**
   * Deel replayed an earlier mint with the same Idempotency-Key (a re-mint of an "outcome
   * unknown" mint): the request id of that mint, whose token this is.
   */
  originalRequestId: z.string().optional(),
});
export type Session = z.infer<typeof sessionSchema>;

const sessionRef = z.object({ sessionId: z.string().min(1).max(100) }).strict();

/** What a Verify compares between `/people/me` and the worker the token was minted for. */
export const identityFields = ['id', 'email', 'name', 'organization'] as const;
export type IdentityField = (typeof identityFields)[number];

export const verifiedIdentitySchema = z.object({
  /** Whom `/people/me` says the token authenticates. */
  name: z.string(),
  email: z.string().nullable(),
  /** No compared field differs. */
  matches: z.boolean(),
  mismatches: z.array(z.enum(identityFields)),
  /** The fields both sides knew, so were compared (none: nothing could be confirmed). */
  checked: z.array(z.enum(identityFields)),
});
export type VerifiedIdentity = z.infer<typeof verifiedIdentitySchema>;

/** A reason or ticket reference for a change at Deel, kept in the audit log. */
export const reasonSchema = z.string().trim().max(200, 'At most 200 characters.').optional();

export const mintInputSchema = z
  .object({
    workerId: guid,
    workerName: shortText,
    consentConfirmed: z.literal(true, 'Confirm that the worker consented before minting a token.'),
    reason: reasonSchema,
  })
  .strict();

export const revokeResultSchema = z.object({
  workerId: z.string(),
  /** `not-sent`: a bulk item the operator cancelled, or a connection switch stopped. */
  outcome: z.enum(['revoked', 'no-live-token', 'failed', 'not-sent']),
  error: ipcErrorSchema.optional(),
  notSentBecause: z.enum(['cancelled', 'connection-switch']).optional(),
  /** Deel's request id of the answer that revoked it (or said it had none). */
  requestId: z.string().optional(),
});
export type RevokeResult = z.infer<typeof revokeResultSchema>;

export const bulkProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  result: revokeResultSchema,
});

/** A bulk revoke item's state in its journal (`queued`: not finished, maybe sent). */
export const bulkItemStates = ['queued', 'revoked', 'no-live-token', 'failed', 'not-sent'] as const;
/**
 * `interrupted`: the console ended while it ran; `stopped`: a connection switch stopped it;
 * both can be resumed, like a cancelled job or one with failures.
 */
export const bulkJobStates = [
  'running',
  'interrupted',
  'stopped',
  'cancelled',
  'finished',
] as const;

export const bulkJobSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  state: z.enum(bulkJobStates),
  items: z.array(
    z.object({
      workerId: z.string(),
      workerName: z.string(),
      state: z.enum(bulkItemStates),
    }),
  ),
});
export type BulkJob = z.infer<typeof bulkJobSchema>;

// ── organization sweep ───────────────────────────────────────────────────────────────────────

/**
 * `interrupted`: the console ended while it ran; `stopped`: see `stoppedBecause`; both, and a
 * cancelled sweep, can be resumed.
 */
export const sweepStates = ['running', 'interrupted', 'stopped', 'cancelled', 'finished'] as const;
/**
 * Why a sweep stopped before its end: a connection switch, listing the workers failed, its
 * journal could not be written (nothing more is sent without it), or revokes kept failing.
 */
export const sweepStopReasons = [
  'connection-switch',
  'list-failed',
  'journal-unwritable',
  'too-many-failures',
] as const;

const count = z.number().int().nonnegative();
export const sweepViewSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  organization: z.string(),
  state: z.enum(sweepStates),
  phase: z.enum(['listing', 'revoking']),
  stoppedBecause: z.enum(sweepStopReasons).optional(),
  /** EOR workers listed so far; `listComplete` once every page is in. */
  listed: count,
  listComplete: z.boolean(),
  /** Deel's count of the organization's EOR workers, when it gave one. */
  expectedTotal: count.nullable(),
  revoked: count,
  noLiveToken: count,
  failed: count,
  /** Listed workers whose answer is not written down yet: what a resume sends. */
  remaining: count,
  lastError: ipcErrorSchema.optional(),
  /** The journal could not be written (an errno code): the sweep stopped sending. */
  writeProblem: z.string().optional(),
});
export type SweepViewWire = z.infer<typeof sweepViewSchema>;

// ── audit ────────────────────────────────────────────────────────────────────────────────────

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  time: z.string(),
  action: z.enum(auditActions),
  environment: z.string(),
  organization: z.string(),
  workerId: z.string().optional(),
  workerName: z.string().optional(),
  workerEmail: z.string().optional(),
  outcome: z.enum(auditOutcomes),
  requestId: z.string().optional(),
  detail: z.string().optional(),
  /** Who did it: the OS account, and the display name from Settings when one is set. */
  operatorAccount: z.string().optional(),
  operatorName: z.string().optional(),
  /** The reason or ticket reference the operator gave. */
  reason: z.string().optional(),
  /** The consent wording the operator confirmed before a mint. */
  consent: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** What the Audit screen filters by; the export takes the same, so it saves what is shown. */
const auditFilterShape = {
  action: z.enum(auditActions).optional(),
  workerId: z.string().max(100).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  /** An organization's name, exactly as the log names it. */
  organization: z.string().max(500).optional(),
  environment: environmentSchema.optional(),
  /** Found in the worker's name, email or id (case-insensitive). */
  worker: z.string().trim().max(200).optional(),
  /** Lines written at or after `from` and before `to` (ISO instants). */
  from: isoTime.optional(),
  to: isoTime.optional(),
};
const fromBeforeTo = (filter: { from?: string | undefined; to?: string | undefined }) =>
  !filter.from || !filter.to || Date.parse(filter.from) <= Date.parse(filter.to);
const fromBeforeToError = { message: 'The start of the range is after its end.', path: ['to'] };

export const auditFilterSchema = z
  .object(auditFilterShape)
  .strict()
  .refine(fromBeforeTo, fromBeforeToError);
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** What an export is written as: CSV for a spreadsheet, NDJSON (every stored field) to verify. */
export const auditExportFormats = ['csv', 'ndjson'] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

/** The export's filters (as the page's) and its format; CSV when none is given. */
export const auditExportInputSchema = z
  .object({ ...auditFilterShape, format: z.enum(auditExportFormats).optional() })
  .strict()
  .refine(fromBeforeTo, fromBeforeToError);

export const auditPageInputSchema = z
  .object({
    offset: z.number().int().nonnegative().max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
    ...auditFilterShape,
  })
  .strict()
  .refine(fromBeforeTo, fromBeforeToError);

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  total: z.number().int().nonnegative(),
  /** Every organization the log names, whatever the filters (the organization filter's choices). */
  organizations: z.array(z.string()),
  chain: z.object({
    ok: z.boolean(),
    brokenAtLine: z.number().int().optional(),
    reason: z.string().optional(),
    /** Whether the log's end is anchored under the keyring (so removed entries show). */
    anchored: z.boolean(),
    /** Why it is not, or why its newest entries are not yet. */
    anchorNote: z.string().optional(),
    /** What the log recorded about itself: torn lines set aside, entries found missing. */
    incidents: z.array(z.object({ time: z.string(), detail: z.string(), lost: z.boolean() })),
  }),
});

export type AuditPage = z.infer<typeof auditPageSchema>;
/** What verify says about the whole log: its chain, its anchor and its own incidents. */
export type AuditChainStatus = AuditPage['chain'];

/** Main is retrying a Deel call by itself (GET or DELETE): a 429 shows as "rate limited, retrying". */
/** How main paces the organization's shared Deel budget right now (the status bar). */
export const pacingSchema = z.object({
  ratePerSecond: z.number().nonnegative(),
  ceiling: z.number().positive(),
  recent429s: z.number().int().nonnegative(),
  /** Epoch ms until which every request waits after a 429, when in the future. */
  waitingUntil: z.number().optional(),
});
export type Pacing = z.infer<typeof pacingSchema>;

export const retryNoticeSchema = z.object({
  status: z.number().int().nullable(),
  attempt: z.number().int().positive(),
});

// ── settings ─────────────────────────────────────────────────────────────────────────────────

export const settingsSchema = z.object({
  clipboardClearSeconds: z.number().int().min(5).max(600),
  notifyBeforeExpiry: z.boolean(),
  requestsPerSecond: z.number().min(0.5).max(5),
  /** How long a list page or a revoke waits out a storm of 429s before it fails. */
  rateLimitPatienceMinutes: z.number().int().min(1).max(60),
  /**
   * Developer setting: an installed build may send the org token to a loopback Deel host
   * (http://127.0.0.1, a local simulator). Off by default; development builds always may.
   */
  allowLoopbackHost: z.boolean(),
  /** How every timestamp is shown: the machine's local time zone, or UTC. */
  timeZone: z.enum(['local', 'utc']),
  /** An in-app banner when a token this console minted expires within 10 minutes. */
  expiryBanner: z.boolean(),
  /** Remind to rotate the organization token this many days after it was entered (Deel: quarterly). */
  rotationReminderDays: z.number().int().min(7).max(365),
  /** Shown beside the OS account on every audit line (optional). */
  operatorName: z.string().trim().max(100),
  /** Mint, revoke and sweep refuse without a reason or ticket reference. */
  requireReason: z.boolean(),
  /**
   * Where the audit log is forwarded ('' = off): a collector's https URL (a SIEM's HTTP event
   * endpoint); http only to a loopback collector, which main allows as it allows a loopback Deel host.
   */
  auditForwardUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((url) => url === '' || /^https?:\/\//i.test(url), {
      message: 'A collector URL starting with https://, or empty (off).',
    }),
});
export type Settings = z.infer<typeof settingsSchema>;

// ── a worker's token history ─────────────────────────────────────────────────────────────────

/**
 * What became of a token this console minted: still `live`; `replaced` by a later mint (Deel
 * keeps one per worker); `revoked`; `expired` (past its expiry, nothing ended it first);
 * `outcome-unknown` (its mint, or a revoke of it, was sent and the answer never came);
 * `rejected` (a Verify was refused: Deel no longer accepts it); `pending` (a call on its way).
 */
export const tokenHistoryStates = [
  'live',
  'replaced',
  'revoked',
  'expired',
  'outcome-unknown',
  'rejected',
  'pending',
] as const;
export type TokenHistoryState = (typeof tokenHistoryStates)[number];

/** Who did it, as the audit line names them: the OS account and the Settings display name. */
const operatorSchema = z.object({
  account: z.string().optional(),
  name: z.string().optional(),
});
export type HistoryOperator = z.infer<typeof operatorSchema>;

/** One token of a worker, as the audit log and the sessions know it. Never its value. */
export const tokenHistoryRowSchema = z.object({
  /** The seq of the audit line that started it (stable: the page's key). */
  id: z.number().int(),
  mintedAt: isoTime,
  /** `unknown`: the mint's answer never came, so Deel may or may not have created the token. */
  mint: z.enum(['success', 'unknown']),
  mintedBy: operatorSchema,
  reason: z.string().optional(),
  requestId: z.string().optional(),
  /** Deel's expiry, or the mint time plus 24 h when Deel's answer did not say. */
  expiresAt: isoTime,
  state: z.enum(tokenHistoryStates),
  /** When it reached that state (absent while live). */
  endedAt: isoTime.optional(),
  endedBy: operatorSchema.optional(),
  /** How a revoke was made: from the panel, a bulk revoke, or the organization sweep. */
  revokedBy: z.enum(['single', 'bulk', 'sweep']).optional(),
  /** The revoke's reason or ticket reference. */
  endReason: z.string().optional(),
  /** Deel answered the revoke with 404: it held no live token any more. */
  deelHadNone: z.literal(true).optional(),
  /** For `outcome-unknown` and `pending`: which call it waits on. */
  call: z.enum(['mint', 'revoke']).optional(),
});
export type TokenHistoryRow = z.infer<typeof tokenHistoryRowSchema>;

/** What Settings shows about audit forwarding. */
export const auditForwardingSchema = z.object({
  enabled: z.boolean(),
  /** The last entry the collector acknowledged. */
  acknowledgedSeq: z.number().int().nonnegative(),
  /** Entries written and not yet acknowledged. */
  pending: z.number().int().nonnegative(),
  /** Why the last attempt failed, or why the URL is refused. */
  lastError: z.string().optional(),
  /** Epoch ms: when the current run of failures began. */
  failingSince: z.number().optional(),
  /** Epoch ms: when the next retry is due. */
  retryAt: z.number().optional(),
  /** The collector's sealed `Authorization` header value: whether set, and its hint only. */
  authorization: z
    .object({
      set: z.boolean(),
      hint: z.string().max(8).optional(),
      persisted: z.boolean(),
      unavailable: z.literal(true).optional(),
    })
    .optional(),
});
export type AuditForwarding = z.infer<typeof auditForwardingSchema>;

// ── the contract ─────────────────────────────────────────────────────────────────────────────

const noArguments = z.undefined();

export const contract = {
  getOverview: { channel: invokeChannels.getOverview, input: noArguments, output: overviewSchema },
  getConnection: {
    channel: invokeChannels.getConnection,
    input: noArguments,
    output: connectionStatusSchema,
  },
  connect: {
    channel: invokeChannels.connect,
    input: connectInputSchema,
    output: connectionStatusSchema,
  },
  useDemo: { channel: invokeChannels.useDemo, input: noArguments, output: connectionStatusSchema },
  acknowledgeWarning: {
    channel: invokeChannels.acknowledgeWarning,
    // Only a warning about something that already happened can be dismissed; the others last
    // as long as their cause.
    input: z.object({ code: z.enum(dismissibleWarningCodes) }).strict(),
    output: connectionStatusSchema,
  },
  forgetToken: {
    channel: invokeChannels.forgetToken,
    input: noArguments,
    output: connectionStatusSchema,
  },
  queryWorkers: {
    channel: invokeChannels.queryWorkers,
    input: workerQuerySchema,
    output: z.object({ queryId: z.string() }),
  },
  listSessions: {
    channel: invokeChannels.listSessions,
    input: noArguments,
    output: z.array(sessionSchema),
  },
  mintToken: { channel: invokeChannels.mintToken, input: mintInputSchema, output: sessionSchema },
  revealToken: {
    channel: invokeChannels.revealToken,
    input: sessionRef,
    output: z.object({ token: z.string(), hideAt: isoTime }),
  },
  copyToken: {
    channel: invokeChannels.copyToken,
    // `curl`: a ready `GET /people/me` call with the token, for a developer to check it.
    input: z
      .object({
        sessionId: z.string().min(1).max(100),
        format: z.enum(['token', 'curl']).optional(),
      })
      .strict(),
    output: z.object({ clearsAt: isoTime }),
  },
  verifyToken: {
    channel: invokeChannels.verifyToken,
    input: sessionRef,
    output: z.object({
      profile: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
      identity: verifiedIdentitySchema,
      /** Deel's request id of the `/people/me` answer. */
      requestId: z.string().optional(),
    }),
  },
  revokeToken: {
    channel: invokeChannels.revokeToken,
    input: z.object({ workerId: guid, reason: reasonSchema }).strict(),
    output: revokeResultSchema,
  },
  bulkRevoke: {
    channel: invokeChannels.bulkRevoke,
    input: z
      .object({ workerIds: z.array(guid).min(1).max(1000), reason: reasonSchema })
      .strict()
      .refine((input) => new Set(input.workerIds).size === input.workerIds.length, {
        message: 'Each worker may appear once.',
        path: ['workerIds'],
      }),
    output: z.object({ results: z.array(revokeResultSchema) }),
  },
  getBulkJob: {
    channel: invokeChannels.getBulkJob,
    input: noArguments,
    output: bulkJobSchema.nullable(),
  },
  cancelBulkRevoke: {
    channel: invokeChannels.cancelBulkRevoke,
    input: noArguments,
    output: z.object({ cancelled: z.boolean() }),
  },
  resumeBulkRevoke: {
    channel: invokeChannels.resumeBulkRevoke,
    input: noArguments,
    output: z.object({ results: z.array(revokeResultSchema) }),
  },
  dismissBulkJob: {
    channel: invokeChannels.dismissBulkJob,
    input: noArguments,
    output: z.null(),
  },
  auditPage: {
    channel: invokeChannels.auditPage,
    input: auditPageInputSchema,
    output: auditPageSchema,
  },
  exportAudit: {
    channel: invokeChannels.exportAudit,
    // The filters shown (none: every entry), and the format (CSV unless told).
    input: auditExportInputSchema,
    output: z.object({
      saved: z.boolean(),
      rows: z.number().int().nonnegative(),
      /** Where the file went, to say so (the page never sends a path back). */
      fileName: z.string().optional(),
      folder: z.string().optional(),
    }),
  },
  getSettings: { channel: invokeChannels.getSettings, input: noArguments, output: settingsSchema },
  updateSettings: {
    channel: invokeChannels.updateSettings,
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  },
  getPacing: { channel: invokeChannels.getPacing, input: noArguments, output: pacingSchema },
  copyRequestId: {
    channel: invokeChannels.copyRequestId,
    // Only what a Deel request id looks like: the page cannot use this to copy arbitrary text.
    input: z
      .object({ requestId: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'Not a request id.') })
      .strict(),
    output: z.object({ copied: z.literal(true) }),
  },
  startSweep: {
    channel: invokeChannels.startSweep,
    // The typed confirmation: the organization's name, which main compares with its own.
    input: z
      .object({ confirmOrganization: z.string().trim().min(1).max(500), reason: reasonSchema })
      .strict(),
    output: sweepViewSchema,
  },
  getSweep: {
    channel: invokeChannels.getSweep,
    input: noArguments,
    output: sweepViewSchema.nullable(),
  },
  cancelSweep: {
    channel: invokeChannels.cancelSweep,
    input: noArguments,
    output: z.object({ cancelled: z.boolean() }),
  },
  resumeSweep: { channel: invokeChannels.resumeSweep, input: noArguments, output: sweepViewSchema },
  dismissSweep: { channel: invokeChannels.dismissSweep, input: noArguments, output: z.null() },
  showExportedFile: {
    channel: invokeChannels.showExportedFile,
    // Nothing: main shows the file it saved last, never a path the page names.
    input: noArguments,
    output: z.object({ shown: z.literal(true) }),
  },
  listProfiles: {
    channel: invokeChannels.listProfiles,
    input: noArguments,
    output: profileListSchema,
  },
  switchProfile: {
    channel: invokeChannels.switchProfile,
    // One step, no token re-entry: the profile's own sealed token is used.
    input: z.object({ profileId: profileIdSchema }).strict(),
    output: connectionStatusSchema,
  },
  updateProfile: {
    channel: invokeChannels.updateProfile,
    input: updateProfileInputSchema,
    output: profileListSchema,
  },
  removeProfile: {
    channel: invokeChannels.removeProfile,
    // Refused while Deel may hold a token of it or one of its jobs is unfinished.
    input: z.object({ profileId: profileIdSchema }).strict(),
    output: profileListSchema,
  },
  listAllTokens: {
    channel: invokeChannels.listAllTokens,
    input: noArguments,
    output: crossProfileTokensSchema,
  },
  revokeAcrossProfiles: {
    channel: invokeChannels.revokeAcrossProfiles,
    // The typed confirmation: the words ACROSS_PROFILES_CONFIRMATION, which main compares.
    input: z
      .object({ confirmation: z.string().trim().min(1).max(100), reason: reasonSchema })
      .strict(),
    output: revokeAcrossProfilesResultSchema,
  },
  getWorkerHistory: {
    channel: invokeChannels.getWorkerHistory,
    input: z.object({ workerId: guid }).strict(),
    /** Newest first: one row per token the active connection's audit log knows. */
    output: z.array(tokenHistoryRowSchema),
  },
  getAuditForwarding: {
    channel: invokeChannels.getAuditForwarding,
    input: noArguments,
    output: auditForwardingSchema,
  },
  setAuditCollectorAuthorization: {
    channel: invokeChannels.setAuditCollectorAuthorization,
    // The header value as the SIEM gives it (e.g. `Splunk 1234-…`); '' removes it. Write-only:
    // main seals it and answers with its hint, never the value.
    input: z
      .object({
        value: z
          .string()
          .trim()
          .max(4096, 'At most 4,096 characters.')
          .regex(/^[\x20-\x7e]*$/, 'A header value has printable characters only.'),
      })
      .strict(),
    output: auditForwardingSchema,
  },
} as const satisfies {
  [M in InvokeMethod]: {
    channel: (typeof invokeChannels)[M];
    input: z.ZodType;
    output: z.ZodType;
  };
};

export const events = {
  workersPage: { channel: eventChannels.workersPage, payload: workersPageSchema },
  sessionsChanged: { channel: eventChannels.sessionsChanged, payload: z.array(sessionSchema) },
  bulkProgress: { channel: eventChannels.bulkProgress, payload: bulkProgressSchema },
  connectionChanged: { channel: eventChannels.connectionChanged, payload: connectionStatusSchema },
  requestRetrying: { channel: eventChannels.requestRetrying, payload: retryNoticeSchema },
  pacingChanged: { channel: eventChannels.pacingChanged, payload: pacingSchema },
  sweepProgress: { channel: eventChannels.sweepProgress, payload: sweepViewSchema },
  profilesChanged: { channel: eventChannels.profilesChanged, payload: profileListSchema },
  /** Any profile's tokens or jobs changed (the active one's, or one working in the background). */
  allTokensChanged: { channel: eventChannels.allTokensChanged, payload: crossProfileTokensSchema },
} as const satisfies {
  [E in EventName]: { channel: (typeof eventChannels)[E]; payload: z.ZodType };
};

/** The IPC contract's type (not to be confused with a Deel employment contract). */
export type IpcContract = typeof contract;
export type InputOf<M extends InvokeMethod> = z.input<IpcContract[M]['input']>;
export type ParsedInputOf<M extends InvokeMethod> = z.output<IpcContract[M]['input']>;
export type OutputOf<M extends InvokeMethod> = z.output<IpcContract[M]['output']>;
export type PayloadOf<E extends EventName> = z.output<(typeof events)[E]['payload']>;

type MethodSignature<M extends InvokeMethod> = [InputOf<M>] extends [undefined]
  ? () => Promise<IpcResult<OutputOf<M>>>
  : (input: InputOf<M>) => Promise<IpcResult<OutputOf<M>>>;

/** What `window.deelConsole` is: exactly the contract's operations and `on`, nothing else. */
export type DeelConsoleApi = { readonly [M in InvokeMethod]: MethodSignature<M> } & {
  /** Subscribes to an event from main; returns the function that unsubscribes. */
  readonly on: <E extends EventName>(
    event: E,
    listener: (payload: PayloadOf<E>) => void,
  ) => () => void;
};
