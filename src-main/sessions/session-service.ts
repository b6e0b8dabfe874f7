import { randomUUID } from 'node:crypto';
import type { Session, TokenUnavailableReason, VerifiedIdentity } from '../../src-shared/contract';
import { MINT_CONSENT_WORDING } from '../../src-shared/consent';
import { DeelApiError } from '../deel/errors';
import { ConsoleError } from '../errors/console-error';
import {
  BulkJobRefusal,
  BulkRevokeJob,
  type BulkItemResult,
  type BulkJobView,
} from './bulk-revoke-job';
import { ExpiryScheduler } from './expiry-scheduler';
import {
  OrganizationSweep,
  SweepRefusal,
  type LaunchedSweep,
  type SweepItemResult,
  type SweepPage,
  type SweepView,
} from './organization-sweep';
import { checkIdentity, identityDetail, type ExpectedIdentity } from './identity-check';
import type {
  AuditHistory,
  AuditRecord,
  AuditSink,
  Clipboard,
  MintAnswer,
  Timers,
  WorkerTokenApi,
} from './ports';
import { mintsDeelMayHold, WORKER_TOKEN_LIFETIME_MS } from './rebuild-from-audit';
import {
  loadSessions,
  saveSessions,
  type LoadProblem,
  type LoadResult,
  type StoredSession,
} from './session-file';

/**
 * What a revoke did at Deel. A failure carries the error as thrown: ipc/ makes it wire-safe.
 * `not-sent`: an item of a bulk job that was cancelled or stopped by a connection switch.
 */
export type RevokeOutcome = BulkItemResult;
/** A revoke Deel answered: its token is gone, or it had none. */
export interface RevokeDone {
  workerId: string;
  outcome: 'revoked' | 'no-live-token';
  /** Deel's request id of the answer (shown beside the result, kept in the audit line). */
  requestId?: string;
}

/** A record the console could not write after Deel had acted (an errno code, no path or text). */
export interface SaveProblem {
  what: 'sessions file' | 'audit log';
  code: string;
}

/** Deel caches a 2xx answer for an Idempotency-Key this long: a re-mint inside it may replay. */
export const IDEMPOTENCY_REPLAY_MS = 24 * 60 * 60 * 1000;

/** How long a revealed token stays on screen. */
export const REVEAL_SECONDS = 30;

export interface SessionServiceOptions {
  api: WorkerTokenApi;
  clipboard: Clipboard;
  audit: AuditSink;
  /** Where the non-secret metadata lives, e.g. <userData>/sessions.json; none: memory only. */
  file?: string;
  timers: Timers;
  clipboardClearSeconds: () => number;
  /** Called (coalesced) whenever the list of sessions changed. */
  onChange: (sessions: Session[]) => void;
  /** Told when writing the sessions file starts or stops failing (see saveProblem()). */
  onSaveProblem?: () => void;
  /** Parallel revokes in a bulk run; the client's limiter paces the actual requests. */
  bulkConcurrency?: number;
  /** The bulk revoke journal (beside the sessions file); none: memory only. */
  jobFile?: string;
  /**
   * This connection's audit history: when the sessions file is missing or damaged, the tokens
   * it no longer lists that Deel may hold are rebuilt from it as "outcome unknown".
   */
  auditHistory?: AuditHistory;
  /**
   * Rebuild from the audit log when there is no sessions file at all, not only a damaged one.
   * Only where the audit lines name the connection exactly (a preset: environment and
   * organization fix the host); a custom URL's lines do not name its host, and a first connect
   * to another host with the same organization must not inherit the first one's tokens.
   */
  rebuildWhenMissing?: boolean;
  /** The organization sweep's journal (beside the sessions file); none: memory only. */
  sweepFile?: string;
  /** Told after each change of the sweep (each answer); the caller throttles what it sends. */
  onSweepChange?: (view: SweepView) => void;
}

/** Lists the organization's EOR workers for a sweep, page by page. */
export type ListEorWorkers = (signal: AbortSignal) => AsyncIterable<SweepPage>;

/**
 * Minted worker tokens: mint, reveal once, copy with auto-clear, verify, revoke, bulk revoke,
 * and their expiry. Token values live in this object's memory only, never on disk or in events.
 */
export class SessionService {
  readonly #o: SessionServiceOptions;
  readonly #sessions = new Map<string, StoredSession>();
  readonly #tokens = new Map<string, string>();
  readonly #scheduler: ExpiryScheduler;
  #bulk!: BulkRevokeJob;
  #sweep!: OrganizationSweep;
  #rebuilt = 0;
  #saving: Promise<void> = Promise.resolve();
  #emitPending = false;
  #savePending = false;
  #saveProblem: SaveProblem | undefined;
  /** The clipboard clear of the last copy, until it has run. */
  #pendingClear: { cancel: () => void; clear: () => Promise<void> } | undefined;

  private constructor(options: SessionServiceOptions) {
    this.#o = options;
    this.#scheduler = new ExpiryScheduler(options.timers, (now) => this.#expireDue(now));
  }

  /** Loads the metadata of earlier runs; their tokens are gone, their countdowns are not. */
  static async open(
    options: SessionServiceOptions,
  ): Promise<{ service: SessionService; problem?: LoadProblem }> {
    const service = new SessionService(options);
    service.#bulk = await BulkRevokeJob.open({
      ...(options.jobFile && { file: options.jobFile }),
      now: () => new Date(options.timers.now()),
      ...(options.bulkConcurrency && { concurrency: options.bulkConcurrency }),
    });
    service.#sweep = await OrganizationSweep.open({
      ...(options.sweepFile && { file: options.sweepFile }),
      now: () => new Date(options.timers.now()),
      ...(options.bulkConcurrency && { concurrency: options.bulkConcurrency }),
      ...(options.onSweepChange && { onChange: options.onSweepChange }),
    });
    const loaded: LoadResult = options.file
      ? await loadSessions(options.file, options.timers.now())
      : { sessions: [] };
    let interrupted = false;
    for (const session of loaded.sessions) {
      // A call whose outcome was never written (a crash, a kill): Deel may or may not have acted.
      if (session.state === 'pending' || session.pendingCall === 'revoke') {
        service.#setState(session, 'outcome-unknown', options.timers.now());
        interrupted = true;
      }
      service.#sessions.set(session.id, session);
    }
    const rebuild = loaded.problem || (loaded.missing && options.rebuildWhenMissing === true);
    if (rebuild && options.file && options.auditHistory) {
      interrupted = (await service.#rebuildFromAudit(options.auditHistory)) > 0 || interrupted;
    }
    service.#expireDue(options.timers.now());
    service.#rearm();
    // What could be read is written back at once, so the damaged entries are reported once.
    if (loaded.problem || interrupted) service.#scheduleSave();
    return { service, ...(loaded.problem && { problem: loaded.problem }) };
  }

  /** How many tokens were rebuilt from the audit log at open (the sessions file lost them). */
  rebuiltFromAudit(): number {
    return this.#rebuilt;
  }

  /**
   * Adds, as "outcome unknown", every token the audit log says Deel may still hold for a
   * worker this list does not track: listed, revocable, included in bulk revoke. An audit log
   * that cannot be read adds nothing (the sessions-recovered warning already says tokens may
   * be live). Returns how many were added.
   */
  async #rebuildFromAudit(history: AuditHistory): Promise<number> {
    const now = this.#o.timers.now();
    let lines;
    try {
      lines = await history(new Date(now - WORKER_TOKEN_LIFETIME_MS - 60 * 60 * 1000));
    } catch {
      return 0;
    }
    const tracked = new Set(
      [...this.#sessions.values()]
        .filter((s) => s.state === 'live' || s.state === 'outcome-unknown' || s.state === 'pending')
        .map((s) => s.workerId),
    );
    const stamp = new Date(now).toISOString();
    for (const mint of mintsDeelMayHold(lines, now)) {
      if (tracked.has(mint.workerId)) continue;
      const id = randomUUID();
      this.#sessions.set(id, {
        id,
        workerId: mint.workerId,
        workerName: mint.workerName,
        mintedAt: mint.mintedAt,
        expiresAt: mint.expiresAt,
        state: 'outcome-unknown',
        stateChangedAt: stamp,
        revealed: false,
        ...(mint.requestId && { requestId: mint.requestId }),
      });
      this.#rebuilt++;
    }
    return this.#rebuilt;
  }

  /** Why the last write of the sessions file or the audit log failed, until one succeeds. */
  saveProblem(): SaveProblem | undefined {
    return this.#saveProblem && { ...this.#saveProblem };
  }

  /** The worker token values held right now: the audit's secret guard redacts any of them. */
  heldTokens(): string[] {
    return [...this.#tokens.values()];
  }

  list(): Session[] {
    return [...this.#sessions.values()]
      .map((session) => this.#view(session))
      .sort((a, b) => b.mintedAt.localeCompare(a.mintedAt));
  }

  /**
   * Mints with a write-ahead intent: a `pending` session, with the `Idempotency-Key` the call
   * will carry, is written to disk and an `intent` audit line appended, both durably, before the
   * POST goes out; if either cannot be written nothing is sent. After Deel answers, the outcome
   * is recorded; a failure to record it then is kept as a save problem (shown to the operator),
   * never reported as "nothing changed".
   *
   * When the worker's latest mint is "outcome unknown" (and under 24 h old, Deel's replay
   * window), this is a re-mint: it re-sends that mint's key. If Deel replays the answer
   * (`x-original-request-id`), that session becomes live with the token its mint created: no
   * second session. If not (Deel ignored the key, or that mint never reached it), the new token
   * is a new session that supersedes the one the earlier mint may have created.
   */
  async mint(
    workerId: string,
    workerName: string,
    workerEmail?: string | null,
    reason?: string,
  ): Promise<Session> {
    const why = reason ? { reason } : {};
    const now = this.#o.timers.now();
    const orphan = this.#unknownMintOf(workerId, now);
    const previous = this.#liveFor(workerId).filter((s) => s !== orphan);
    let session: StoredSession;
    let undo: () => void;
    if (orphan) {
      const { state, stateChangedAt } = orphan;
      session = orphan;
      this.#setState(orphan, 'pending', now);
      undo = () => Object.assign(orphan, { state, stateChangedAt });
    } else {
      session = this.#add(workerId, workerName, now, 'pending', null, workerEmail);
      session.pendingCall = 'mint';
      session.idempotencyKey = randomUUID();
      undo = () => this.#sessions.delete(session.id);
    }
    const idempotencyKey = session.idempotencyKey ?? randomUUID();
    // The consent the operator confirmed, word for word, is the mint's evidence.
    await this.#writeIntent(
      { action: 'mint', workerId, workerName, consent: MINT_CONSENT_WORDING, ...why },
      undo,
    );
    this.#changed();
    let answer: MintAnswer;
    try {
      answer = await this.#o.api.createWorkerSession(workerId, { idempotencyKey });
    } catch (error) {
      if (error instanceof DeelApiError && error.kind === 'outcome-unknown') {
        // Deel may or may not have minted (and so superseded the previous token): say so.
        for (const old of previous) this.#setState(old, 'outcome-unknown', now);
        this.#setState(session, 'outcome-unknown', now);
      } else if (orphan) {
        // Deel refused this attempt, so it minted nothing now; the earlier mint's outcome is
        // still unknown, and its key is kept for the next re-mint.
        this.#setState(orphan, 'outcome-unknown', now);
      } else {
        // Deel answered and refused: nothing was minted, nothing to track.
        this.#sessions.delete(session.id);
      }
      this.#changed();
      await this.#recordOutcome({
        action: 'mint',
        workerId,
        workerName,
        ...why,
        ...failureOf(error),
      });
      throw error;
    }
    const { token, expiresAt, requestId, originalRequestId } = answer;
    const replayed = orphan !== undefined && originalRequestId !== undefined;
    let holder = session;
    if (orphan && !replayed) {
      // A fresh answer: this token supersedes whatever the earlier mint created (nobody holds
      // that one). The earlier session stays in the list as superseded, the new one is live.
      this.#setState(orphan, 'superseded', now);
      delete orphan.pendingCall;
      holder = this.#add(
        workerId,
        workerName,
        now,
        'pending',
        null,
        workerEmail ?? orphan.workerEmail,
      );
    }
    const superseded = [...previous, ...(orphan && !replayed ? [orphan] : [])];
    for (const old of previous) this.#setState(old, 'superseded', now);
    holder.expiresAt = new Date(expiresAt).toISOString();
    this.#setState(holder, 'live', now);
    delete holder.pendingCall;
    delete holder.idempotencyKey;
    if (requestId) holder.requestId = requestId;
    if (originalRequestId) holder.originalRequestId = originalRequestId;
    this.#tokens.set(holder.id, token);
    const changed = this.#changed(holder);
    await this.#recordOutcome({
      action: 'mint',
      workerId,
      workerName,
      ...why,
      outcome: 'success',
      detail: mintDetail(
        holder.expiresAt,
        answer,
        orphan === undefined ? 'new' : replayed ? 'replayed' : 'not-replayed',
      ),
      ...(requestId && { requestId }),
    });
    // Each token this mint replaced gets its own line (Deel keeps one token per worker), so a
    // filter on the worker or on "Token superseded" shows what became of it.
    for (const old of superseded) {
      await this.#recordOutcome({
        action: 'token-superseded',
        workerId,
        workerName: old.workerName,
        outcome: 'success',
        detail: supersededDetail(old, requestId),
        ...(old.requestId && { requestId: old.requestId }),
      });
    }
    return changed;
  }

  async reveal(sessionId: string): Promise<{ token: string; hideAt: string }> {
    const { session, token } = this.#usable(sessionId);
    if (session.revealed) {
      throw new ConsoleError(
        'not-allowed',
        'This token was already revealed once. Copy it instead, or mint a new one.',
      );
    }
    await this.#auditRead('reveal', session, `shown on screen for ${REVEAL_SECONDS} s`);
    session.revealed = true;
    this.#changed();
    const hideAt = new Date(this.#o.timers.now() + REVEAL_SECONDS * 1000).toISOString();
    return { token, hideAt };
  }

  /**
   * Reading a worker token is an event (as in Vault's audit devices): its line is on disk
   * before the token leaves main, and when it cannot be written the token does not leave.
   */
  async #auditRead(action: 'reveal' | 'copy', session: StoredSession, detail: string) {
    try {
      await this.#o.audit({
        action,
        workerId: session.workerId,
        workerName: session.workerName,
        ...(session.workerEmail && { workerEmail: session.workerEmail }),
        outcome: 'success',
        detail,
        ...(session.requestId && { requestId: session.requestId }),
      });
    } catch (error) {
      const code = (error as { code?: string } | null)?.code ?? 'write failed';
      throw new ConsoleError(
        'unavailable',
        `Not ${action === 'reveal' ? 'revealed' : 'copied'}: reading a worker token is recorded in the audit log first, and it could not be written (${code}).`,
      );
    }
  }

  /** Copies through main and clears the clipboard later, only if it still holds this token. */
  async copy(
    sessionId: string,
    options: { asCurlFor?: string } = {},
  ): Promise<{ clearsAt: string }> {
    const { session, token } = this.#usable(sessionId);
    const delay = this.#o.clipboardClearSeconds() * 1000;
    const text = options.asCurlFor ? curlOfPeopleMe(options.asCurlFor, token) : token;
    await this.#auditRead(
      'copy',
      session,
      `${options.asCurlFor ? 'copied as a curl call of GET /people/me' : 'copied'} to the clipboard, cleared after ${delay / 1000} s`,
    );
    await this.#o.clipboard.writeText(text);
    this.#pendingClear?.cancel();
    const clear = async () => {
      if (this.#pendingClear === pending) this.#pendingClear = undefined;
      try {
        if ((await this.#o.clipboard.readText()) === text) this.#o.clipboard.clear();
      } catch {
        // The clipboard belongs to the OS; a failed read leaves it as it is.
      }
    };
    const pending = { cancel: this.#o.timers.setTimer(() => void clear(), delay), clear };
    this.#pendingClear = pending;
    return { clearsAt: new Date(this.#o.timers.now() + delay).toISOString() };
  }

  /**
   * Calls `GET /people/me` with the worker token and compares whom it authenticates with the
   * worker the token was minted for: `expected` says what main knows of that worker (its listed
   * ids and emails, the organization); the session's own name is used when it gives none. A
   * mismatch is not thrown (the token works, for someone else): it is returned as fields and
   * audited as a failure naming what differs.
   */
  async verify(
    sessionId: string,
    expected?: (worker: {
      workerId: string;
      workerName: string;
    }) => ExpectedIdentity | Promise<ExpectedIdentity>,
  ): Promise<{
    profile: { id: string; name: string; email: string | null };
    identity: VerifiedIdentity;
    requestId?: string;
  }> {
    const { session, token } = this.#usable(sessionId);
    try {
      const me = await this.#o.api.getMe(token);
      const profile = { id: me.id, name: me.name, email: me.email };
      const known =
        (await expected?.({
          workerId: session.workerId,
          workerName: session.workerName,
        })) ?? {};
      const wanted: ExpectedIdentity = { ...known, name: known.name || session.workerName };
      const identity = checkIdentity(me, wanted);
      await this.#o.audit({
        action: 'verify',
        workerId: session.workerId,
        workerName: session.workerName,
        outcome: identity.matches ? 'success' : 'failure',
        detail: identityDetail(me, wanted, identity),
        ...(me.requestId && { requestId: me.requestId }),
      });
      return { profile, identity, ...(me.requestId && { requestId: me.requestId }) };
    } catch (error) {
      if (error instanceof DeelApiError && error.kind === 'auth') {
        // Deel refused the worker token itself: whatever ended it, it is not live any more.
        this.#setState(session, 'rejected', this.#o.timers.now());
        this.#changed();
      }
      await this.#o.audit({
        action: 'verify',
        workerId: session.workerId,
        workerName: session.workerName,
        ...failureOf(error),
      });
      throw error;
    }
  }

  /**
   * Revokes the worker's token on Deel, with a write-ahead intent like mint's. Deel's own 404
   * means it holds no live token: not a failure.
   */
  async revoke(
    workerId: string,
    action: 'revoke' | 'bulk-revoke' | 'organization-sweep' = 'revoke',
    reason?: string,
  ): Promise<RevokeDone> {
    const why = reason ? { reason } : {};
    const workerName = this.#nameOf(workerId);
    const now = () => this.#o.timers.now();
    const targets = this.#liveFor(workerId);
    const flagged = targets.filter((session) => session.pendingCall === undefined);
    for (const session of flagged) session.pendingCall = 'revoke';
    await this.#writeIntent({ action, workerId, workerName, ...why }, () => {
      for (const session of flagged) delete session.pendingCall;
    });
    const revokedRecord = (detail: string, requestId?: string): AuditRecord => ({
      action,
      ...why,
      workerId,
      workerName,
      outcome: 'success',
      detail,
      ...(requestId && { requestId }),
    });
    const revoked = () => {
      for (const session of targets) {
        this.#setState(session, 'revoked', now());
        delete session.pendingCall;
      }
      this.#changed();
    };
    let answer: { requestId?: string };
    try {
      answer = await this.#o.api.deleteWorkerSession(workerId);
    } catch (error) {
      if (error instanceof DeelApiError && error.kind === 'not-found') {
        revoked();
        await this.#recordOutcome(revokedRecord('no live token on Deel (404)', error.requestId));
        return {
          workerId,
          outcome: 'no-live-token',
          ...(error.requestId && { requestId: error.requestId }),
        };
      }
      // Deel answered otherwise, or not at all: the token may still be live, as before.
      for (const session of flagged) delete session.pendingCall;
      this.#changed();
      await this.#recordOutcome({ action, workerId, workerName, ...why, ...failureOf(error) });
      throw error;
    }
    revoked();
    await this.#recordOutcome(revokedRecord('revoked', answer.requestId));
    return {
      workerId,
      outcome: 'revoked',
      ...(answer.requestId && { requestId: answer.requestId }),
    };
  }

  /** Revokes many; every worker gets exactly one result, in input order. */
  /**
   * Revokes each worker's token as one journaled job (see BulkRevokeJob): the journal is
   * written before the first DELETE, each item's outcome as it comes, and each DELETE still
   * writes its own intent first.
   */
  async bulkRevoke(
    workerIds: string[],
    onProgress: (done: number, result: RevokeOutcome) => void,
    reason?: string,
  ): Promise<RevokeOutcome[]> {
    const items = workerIds.map((workerId) => ({
      workerId,
      workerName: this.#nameOf(workerId) ?? '',
    }));
    return this.#refusedAsConsoleError(() =>
      this.#bulk.start(items, this.#bulkItemFor(reason), (done, _total, result) =>
        onProgress(done, result),
      ),
    );
  }

  /** Sends the items of the last bulk job that are not finished: queued, failed or not sent. */
  async resumeBulkRevoke(
    onProgress: (done: number, total: number, result: RevokeOutcome) => void,
  ): Promise<RevokeOutcome[]> {
    return this.#refusedAsConsoleError(() => this.#bulk.resume(this.#bulkItemFor(), onProgress));
  }

  /** Stops the running bulk job after the requests already sent; whether one was running. */
  cancelBulkRevoke(): boolean {
    return this.#bulk.cancel();
  }

  /** The current or last bulk job, until dismissed. */
  bulkJob(): BulkJobView | undefined {
    return this.#bulk.view();
  }

  async dismissBulkJob(): Promise<void> {
    await this.#bulk.dismiss();
  }

  /** Where a bulk journal that could not be read was copied at open, if one was. */
  unreadableBulkJournal(): string | undefined {
    return this.#bulk.unreadableCopy;
  }

  // ── the organization sweep ───────────────────────────────────────────────────────────────

  /**
   * Starts "sweep the organization" (see OrganizationSweep): it runs on after this resolves,
   * which is once its journal is on disk; progress goes to `onSweepChange`.
   */
  async startSweep(
    organization: string,
    list: ListEorWorkers,
    reason?: string,
  ): Promise<SweepView> {
    return this.#launchSweep(
      () => this.#sweep.launch(organization, this.#sweepPorts(list, reason)),
      reason,
    );
  }

  /** Goes on with the last sweep: what was not listed, and every worker not yet answered. */
  async resumeSweep(list: ListEorWorkers): Promise<SweepView> {
    return this.#launchSweep(() => this.#sweep.launchResume(this.#sweepPorts(list)));
  }

  cancelSweep(): boolean {
    return this.#sweep.cancel();
  }

  sweep(): SweepView | undefined {
    return this.#sweep.view();
  }

  async dismissSweep(): Promise<void> {
    await this.#sweep.dismiss();
  }

  /** Where a sweep journal that could not be read was copied at open, if one was. */
  unreadableSweepJournal(): string | undefined {
    return this.#sweep.unreadableCopy;
  }

  /** Resolves once the sweep runs (or rejects with why it cannot: nothing was sent). */
  async #launchSweep(launch: () => Promise<LaunchedSweep>, reason?: string): Promise<SweepView> {
    let launched: LaunchedSweep;
    try {
      launched = await launch();
    } catch (error) {
      throw error instanceof SweepRefusal ? sweepRefusalError(error) : error;
    }
    void launched.ended.then(
      (view) => this.#recordSweepEnd(view, reason),
      () => undefined,
    );
    return launched.view;
  }

  #sweepPorts(list: ListEorWorkers, reason?: string) {
    return {
      listWorkers: list,
      revoke: (workerId: string, workerName: string) =>
        this.#sweepItem(workerId, workerName, reason),
      beforeRevoking: (listed: number) =>
        this.#o.audit({
          action: 'organization-sweep',
          ...(reason && { reason }),
          outcome: 'intent',
          detail: `about to send a DELETE for each of ${listed} EOR workers (the sweep's journal lists them)`,
        }),
    };
  }

  async #recordSweepEnd(view: SweepView, reason?: string): Promise<void> {
    const counts = `${view.revoked} revoked, ${view.noLiveToken} had none, ${view.failed} failed, ${view.remaining} not answered`;
    await this.#recordOutcome({
      action: 'organization-sweep',
      ...(reason && { reason }),
      outcome: view.state === 'finished' && view.failed === 0 ? 'success' : 'failure',
      detail: `sweep ${view.state}${view.stoppedBecause ? ` (${view.stoppedBecause})` : ''}: ${counts}`,
    });
  }

  /**
   * One worker of a sweep. A token this console tracks is revoked as any revoke is (its own
   * intent first, its session marked revoked); for any other worker the sweep's journal, on
   * disk before the first DELETE, is the intent, and only a token Deel did hold (a 204) or a
   * failure gets an audit line: 50,000 lines of "had none" would drown the log.
   */
  async #sweepItem(
    workerId: string,
    workerName: string,
    reason?: string,
  ): Promise<SweepItemResult> {
    const why = reason ? { reason } : {};
    if (this.#liveFor(workerId).length > 0) {
      try {
        return await this.revoke(workerId, 'organization-sweep', reason);
      } catch (error) {
        return { workerId, outcome: 'failed', error };
      }
    }
    const name = workerName || this.#nameOf(workerId);
    try {
      const answer = await this.#o.api.deleteWorkerSession(workerId);
      await this.#recordOutcome({
        action: 'organization-sweep',
        workerId,
        ...(name && { workerName: name }),
        ...why,
        outcome: 'success',
        detail: 'revoked a token this console did not mint',
        ...(answer.requestId && { requestId: answer.requestId }),
      });
      return {
        workerId,
        outcome: 'revoked',
        ...(answer.requestId && { requestId: answer.requestId }),
      };
    } catch (error) {
      if (error instanceof DeelApiError && error.kind === 'not-found') {
        return {
          workerId,
          outcome: 'no-live-token',
          ...(error.requestId && { requestId: error.requestId }),
        };
      }
      await this.#recordOutcome({
        action: 'organization-sweep',
        workerId,
        ...(name && { workerName: name }),
        ...why,
        ...failureOf(error),
      });
      return { workerId, outcome: 'failed', error };
    }
  }

  /** One item of a bulk job, with the operator's reason (a resume has none of its own). */
  #bulkItemFor(reason?: string) {
    return async (workerId: string): Promise<RevokeOutcome> => {
      try {
        return await this.revoke(workerId, 'bulk-revoke', reason);
      } catch (error) {
        return { workerId, outcome: 'failed', error };
      }
    };
  }

  async #refusedAsConsoleError<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof BulkJobRefusal)) throw error;
      if (error.reason === 'already-running') {
        throw new ConsoleError(
          'not-allowed',
          'A bulk revoke is already running: wait for it to finish, or cancel it.',
        );
      }
      if (error.reason === 'nothing-to-resume') {
        throw new ConsoleError('not-found', 'There is no unfinished bulk revoke to resume.');
      }
      throw new ConsoleError(
        'unavailable',
        `Nothing was sent to Deel: the console could not first write down the bulk revoke (${error.code ?? 'write failed'}), and it never changes Deel without a record. Free some space or fix the folder's permissions, then try again.`,
      );
    }
  }

  /** Resolves once every change so far is on disk. */
  flush(): Promise<void> {
    return this.#saving;
  }

  /**
   * At quit or a connection switch: a copied token still on the clipboard is cleared now (its
   * timer would never fire), token values are dropped, and every change is written.
   */
  async close(reason: TokenUnavailableReason = 'restarted'): Promise<void> {
    // A bulk job stops taking items (the ones sent finish, on this connection) and is kept as
    // "stopped": switching back shows it with Resume.
    await this.#bulk.stop();
    await this.#sweep.stop();
    this.#scheduler.stop();
    const pending = this.#pendingClear;
    pending?.cancel();
    await pending?.clear();
    // A live token whose value goes now is marked with why, so the page can say the true
    // reason later (a restart needs no mark: it is what an unmarked one means).
    if (reason !== 'restarted') {
      for (const id of this.#tokens.keys()) {
        const session = this.#sessions.get(id);
        if (session?.state === 'live') session.tokenDroppedBecause = reason;
      }
      if (this.#tokens.size > 0) this.#scheduleSave();
    }
    this.#tokens.clear();
    await this.flush();
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  /**
   * The write-ahead intent: the sessions file (with the pending state) and an `intent` audit
   * line, both on disk before the call goes out. When either cannot be written, `undo` puts the
   * state back and the call is refused: nothing is sent to Deel.
   */
  async #writeIntent(
    intent: Pick<AuditRecord, 'action' | 'workerId' | 'workerName' | 'reason' | 'consent'>,
    undo: () => void,
  ): Promise<void> {
    try {
      await this.#saveNow();
      await this.#o.audit({ ...intent, outcome: 'intent', detail: 'request about to be sent' });
    } catch (error) {
      undo();
      this.#scheduleSave();
      const { code = 'write failed', holderPid } = (error ?? {}) as {
        code?: string;
        holderPid?: number;
      };
      throw new ConsoleError(
        'unavailable',
        code === 'ELOCKED'
          ? `Nothing was sent to Deel: another console process (pid ${holderPid ?? '?'}) is writing the audit log, and this one never changes Deel without a record. Close the other console, then restart this one.`
          : `Nothing was sent to Deel: the console could not first write down what it was about to do (${code}), and it never changes Deel without a record. Free some space or fix the folder's permissions, then try again.`,
      );
    }
  }

  /**
   * After Deel has answered: the sessions file is written and the outcome audited. Neither
   * failure is thrown (Deel has acted; the page must not hear "nothing changed"): it is kept
   * as a save problem that the page shows until a later write succeeds.
   */
  async #recordOutcome(record: AuditRecord): Promise<void> {
    this.#scheduleSave();
    try {
      await this.#o.audit(record);
    } catch (error) {
      this.#noteSaveProblem('audit log', error);
    }
  }

  /** Writes the sessions file now, after any write already queued; rejects when it fails. */
  async #saveNow(): Promise<void> {
    const file = this.#o.file;
    if (!file) return;
    const write = this.#saving.then(() => saveSessions(file, [...this.#sessions.values()]));
    this.#saving = write.then(
      () => this.#clearSaveProblem('sessions file'),
      (error: unknown) => this.#noteSaveProblem('sessions file', error),
    );
    await write;
  }

  #noteSaveProblem(what: SaveProblem['what'], error: unknown): void {
    const code = (error as NodeJS.ErrnoException | null)?.code ?? 'EUNKNOWN';
    if (this.#saveProblem?.what === what && this.#saveProblem.code === code) return;
    this.#saveProblem = { what, code };
    this.#o.onSaveProblem?.();
  }

  #clearSaveProblem(what: SaveProblem['what']): void {
    if (this.#saveProblem?.what !== what) return;
    this.#saveProblem = undefined;
    this.#o.onSaveProblem?.();
  }

  #add(
    workerId: string,
    workerName: string,
    now: number,
    state: StoredSession['state'],
    expiresAt: string | null,
    workerEmail?: string | null,
  ) {
    const iso = new Date(now).toISOString();
    const session: StoredSession = {
      id: randomUUID(),
      workerId,
      workerName,
      ...(workerEmail !== undefined && { workerEmail }),
      mintedAt: iso,
      expiresAt,
      state,
      stateChangedAt: iso,
      revealed: false,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  #liveFor(workerId: string): StoredSession[] {
    return [...this.#sessions.values()].filter(
      (s) =>
        s.workerId === workerId &&
        (s.state === 'live' || s.state === 'outcome-unknown' || s.state === 'pending'),
    );
  }

  /**
   * The worker's latest mint, when it is "outcome unknown" with the key it was sent with and
   * still inside Deel's 24 h replay window: the mint a re-mint re-sends.
   */
  #unknownMintOf(workerId: string, now: number): StoredSession | undefined {
    // The latest by mint time; of equal times, the one added last (the map keeps that order).
    let latest: StoredSession | undefined;
    for (const session of this.#liveFor(workerId)) {
      if (!latest || session.mintedAt >= latest.mintedAt) latest = session;
    }
    if (
      latest?.state === 'outcome-unknown' &&
      latest.pendingCall === 'mint' &&
      latest.idempotencyKey &&
      now - Date.parse(latest.mintedAt) < IDEMPOTENCY_REPLAY_MS
    ) {
      return latest;
    }
    return undefined;
  }

  #nameOf(workerId: string): string | undefined {
    let name: string | undefined;
    for (const s of this.#sessions.values()) if (s.workerId === workerId) name = s.workerName;
    return name;
  }

  #usable(sessionId: string): { session: StoredSession; token: string } {
    const session = this.#sessions.get(sessionId);
    if (!session) throw new ConsoleError('not-found', 'No such token in this console.');
    if (session.state !== 'live')
      throw new ConsoleError('unavailable', `This token is ${session.state}.`);
    const token = this.#tokens.get(sessionId);
    if (token === undefined) {
      throw new ConsoleError('unavailable', tokenGoneMessage(session.tokenDroppedBecause));
    }
    return { session, token };
  }

  #setState(session: StoredSession, state: StoredSession['state'], now: number): void {
    if (session.state === state) return;
    session.state = state;
    session.stateChangedAt = new Date(now).toISOString();
    if (state !== 'live') this.#tokens.delete(session.id);
  }

  #expireDue(now: number): void {
    let changed = false;
    for (const session of this.#sessions.values()) {
      if (session.state === 'live' && session.expiresAt && Date.parse(session.expiresAt) <= now) {
        this.#setState(session, 'expired', now);
        changed = true;
      }
    }
    if (changed) this.#changed();
    this.#rearm();
  }

  #rearm(): void {
    const expiries: number[] = [];
    for (const s of this.#sessions.values())
      if (s.state === 'live' && s.expiresAt) expiries.push(Date.parse(s.expiresAt));
    this.#scheduler.reschedule(expiries);
  }

  /** One write for a burst of changes (e.g. a bulk revoke), always of the latest state. */
  #scheduleSave(): void {
    const file = this.#o.file;
    if (!file || this.#savePending) return;
    this.#savePending = true;
    this.#saving = this.#saving
      .then(() => {
        this.#savePending = false;
        return saveSessions(file, [...this.#sessions.values()]);
      })
      // Not swallowed: kept (code only, no path or text) and told, so the page can say it.
      .then(
        () => this.#clearSaveProblem('sessions file'),
        (error: unknown) => this.#noteSaveProblem('sessions file', error),
      );
  }

  /** Persists, re-arms the expiry timer, and tells listeners (coalesced to one event per tick). */
  #changed(): Session[];
  #changed(session: StoredSession): Session;
  #changed(session?: StoredSession): Session | Session[] {
    this.#scheduleSave();
    this.#rearm();
    if (!this.#emitPending) {
      this.#emitPending = true;
      queueMicrotask(() => {
        this.#emitPending = false;
        this.#o.onChange(this.list());
      });
    }
    return session ? this.#view(session) : this.list();
  }

  #view(session: StoredSession): Session {
    // The idempotency key is main's own business (a re-mint re-sends it): not shown.
    const { tokenDroppedBecause, ...rest } = session;
    delete rest.idempotencyKey;
    const available = this.#tokens.has(session.id);
    return {
      ...rest,
      available,
      ...(!available &&
        session.state === 'live' && { unavailableBecause: tokenDroppedBecause ?? 'restarted' }),
    };
  }
}

/**
 * The success line's detail. It starts with `expires <time>`, alone for a plain mint (what a
 * sessions file rebuilt from the audit log reads back); a replay names the original request.
 */
function mintDetail(
  expiresAt: string,
  answer: MintAnswer,
  kind: 'new' | 'replayed' | 'not-replayed',
): string {
  const parts = [`expires ${expiresAt}`];
  if (kind === 'replayed') {
    parts.push(
      `replayed original request ${answer.originalRequestId ?? '?'}: Deel returned the token the earlier mint (outcome unknown) created`,
    );
  } else if (kind === 'not-replayed') {
    parts.push(
      'Deel did not replay the earlier mint (outcome unknown) for its idempotency key: a new token, which supersedes any token that mint created',
    );
  }
  if (answer.profileIdField && answer.profileIdField !== 'profile_id') {
    parts.push(`profile sent as ${answer.profileIdField}, the spelling this organization accepts`);
  }
  return parts.join('; ');
}

/**
 * "Copy as curl": `GET /people/me` with the worker token, for a developer to check it. Single
 * quotes, with any quote in a value closed and escaped, so the shell passes both as they are.
 */
export function curlOfPeopleMe(baseUrl: string, token: string): string {
  const quoted = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
  return `curl -sS -H ${quoted(`Authorization: Bearer ${token}`)} ${quoted(`${baseUrl.replace(/\/+$/, '')}/people/me`)}`;
}

/** Why a sweep could not start, as the operator reads it: nothing was sent to Deel. */
function sweepRefusalError(refusal: SweepRefusal): ConsoleError {
  if (refusal.reason === 'already-running') {
    return new ConsoleError(
      'not-allowed',
      'A sweep is already running: wait for it, or cancel it.',
    );
  }
  if (refusal.reason === 'nothing-to-resume') {
    return new ConsoleError('not-found', 'There is no unfinished sweep to resume.');
  }
  return new ConsoleError(
    'unavailable',
    `Nothing was sent to Deel: the console could not first write down the sweep (${refusal.code ?? 'write failed'}), and it never changes Deel without a record. Free some space or fix the folder's permissions, then try again.`,
  );
}

/** The superseded token's line: when it was minted, and which mint replaced it. */
function supersededDetail(old: StoredSession, byRequestId: string | undefined): string {
  return [
    `minted ${old.mintedAt}`,
    old.expiresAt ? `was to expire ${old.expiresAt}` : 'expiry unknown (its mint had no answer)',
    `replaced by a new mint${byRequestId ? ` (request ${byRequestId})` : ''}`,
  ].join('; ');
}

/**
 * A failure's detail starts with the error kind (`validation`, `auth`…) and keeps what Deel
 * said: its HTTP status, and its own message ("…supported for EOR workers only") or field
 * errors, so the line says why, not only what kind of refusal it was.
 */
/** Why a live token cannot be revealed, copied or verified (the same reason the page words). */
function tokenGoneMessage(reason: TokenUnavailableReason | undefined): string {
  const why =
    reason === 'token-forgotten'
      ? 'the organization token was forgotten since it was minted'
      : reason === 'connection-switched'
        ? 'the console connected again (another connection, or a new token) since it was minted'
        : 'the console was restarted since it was minted';
  return `The token value is gone: the console keeps it in memory only, and ${why}. Mint a new one if you need it.`;
}

function failureOf(error: unknown): Pick<AuditRecord, 'outcome' | 'detail' | 'requestId'> {
  const kind =
    error instanceof DeelApiError || error instanceof ConsoleError ? error.kind : 'internal';
  let detail: string = kind;
  if (error instanceof DeelApiError) {
    const said =
      error.details.deelMessage ??
      (error.fieldErrors.length > 0
        ? error.fieldErrors
            .map((field) => (field.path ? `${field.path}: ${field.message}` : field.message))
            .join('; ')
        : undefined);
    if (error.status !== undefined) detail += ` (HTTP ${error.status})`;
    if (said) detail += `: Deel said "${said}"`;
  }
  return {
    outcome: kind === 'outcome-unknown' ? 'unknown' : 'failure',
    detail,
    ...requestIdOf(error),
  };
}

function requestIdOf(error: unknown): { requestId?: string } {
  return error instanceof DeelApiError && error.requestId ? { requestId: error.requestId } : {};
}
