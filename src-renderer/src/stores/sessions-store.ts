import { create } from 'zustand';
import type { RevokeResult, Session, VerifiedIdentity } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import { latestByWorker, liveSessionsByExpiry, revocableByWorker } from '../lib/sessions';
import { call } from './call';

export type TokenAction = 'mint' | 'reveal' | 'copy' | 'verify' | 'revoke';

/** What happened to the last actions on one worker's token, shown next to its buttons. */
export interface TokenActivity {
  busy?: TokenAction;
  retrying?: boolean;
  error?: { action: TokenAction; error: IpcError };
  copiedClearsAt?: string;
  verified?: {
    sessionId: string;
    profile: { id: string; name: string; email: string | null };
    /** Whom the token authenticates, compared with the worker it was minted for. */
    identity: VerifiedIdentity;
    /** Deel's request id of the answer, shown beside the result. */
    requestId?: string;
  };
  revokeNote?: RevokeResult['outcome'];
  /** The mint timed out or failed in a way that leaves Deel's state unknown. */
  outcomeUnknown?: IpcError;
}

/** The one place a worker token value may live in the page, and only until `hideAt`. */
export interface Reveal {
  sessionId: string;
  workerId: string;
  token: string;
  hideAt: string;
}

export interface WorkerRef {
  workerId: string;
  workerName: string;
  /** As main recorded it with the session, where known: tells namesakes apart. */
  workerEmail?: string | null;
}

export interface MintDialog extends WorkerRef {
  consent: boolean;
  /** The operator's reason or ticket reference (kept in the audit log). */
  reason: string;
  /** A live token exists and minting will supersede it. */
  supersedes: boolean;
  busy: boolean;
  retrying: boolean;
  error: IpcError | undefined;
}

export interface RevokeDialog extends WorkerRef {
  busy: boolean;
  /** The operator's reason or ticket reference (kept in the audit log). */
  reason: string;
}

interface SessionsStore {
  sessions: Session[];
  /** The latest session per worker: the source of each row's token state. */
  latest: Map<string, Session>;
  /** Live sessions, soonest expiry first. */
  live: Session[];
  /**
   * One session per worker whose token Deel may hold (live or outcome unknown), soonest expiry
   * first: what the Live tokens list shows and bulk revoke covers.
   */
  revocable: Session[];
  loadError: IpcError | undefined;
  activity: Record<string, TokenActivity>;
  reveal: Reveal | undefined;
  mintDialog: MintDialog | undefined;
  revokeDialog: RevokeDialog | undefined;

  load(): Promise<void>;
  subscribe(): () => void;
  openMint(worker: WorkerRef): void;
  setConsent(consent: boolean): void;
  closeMint(): void;
  confirmMint(): Promise<void>;
  openRevoke(worker: WorkerRef): void;
  closeRevoke(): void;
  confirmRevoke(): Promise<void>;
  /** The reason typed in the open mint or revoke dialog. */
  setDialogReason(reason: string): void;
  /** After an outcome-unknown mint: revoke whatever Deel may hold, without another dialog. */
  revokeToBeSure(worker: WorkerRef): Promise<void>;
  revealToken(session: Session): Promise<void>;
  hideReveal(): void;
  /** Copy through main: the token, or (`curl`) a ready `GET /people/me` call with it. */
  copyToken(session: Session, format?: 'token' | 'curl'): Promise<void>;
  verifyToken(session: Session): Promise<void>;
  dismissError(workerId: string): void;
}

let hideTimer: ReturnType<typeof setTimeout> | undefined;

function derive(sessions: Session[]) {
  return {
    sessions,
    latest: latestByWorker(sessions),
    live: liveSessionsByExpiry(sessions),
    revocable: revocableByWorker(sessions),
  };
}

export const useSessionsStore = create<SessionsStore>((set, get) => {
  const patch = (workerId: string, change: Partial<TokenActivity> | undefined) =>
    set((state) => ({
      activity: {
        ...state.activity,
        [workerId]: change === undefined ? {} : { ...state.activity[workerId], ...change },
      },
    }));

  const replaceSessions = (sessions: Session[]) => {
    set(derive(sessions));
    const { reveal } = get();
    if (reveal && !sessions.some((s) => s.id === reveal.sessionId && s.state === 'live')) {
      get().hideReveal();
    }
  };

  const upsert = (session: Session) => {
    const others = get().sessions.filter((s) => s.id !== session.id);
    replaceSessions([session, ...others]);
  };

  const isBusy = (workerId: string) => get().activity[workerId]?.busy !== undefined;

  const revoke = async (workerId: string, reason?: string) => {
    if (isBusy(workerId)) return;
    patch(workerId, {
      busy: 'revoke',
      error: undefined,
      revokeNote: undefined,
      retrying: false,
    });
    const result = await call(
      () => consoleApi().revokeToken({ workerId, ...(reason && { reason }) }),
      {
        onRetrying: () => patch(workerId, { retrying: true }),
        retryNotices: true,
      },
    );
    if (!result.ok) {
      patch(workerId, {
        busy: undefined,
        retrying: false,
        error: { action: 'revoke', error: result.error },
      });
      return;
    }
    const { outcome, error } = result.data;
    if (outcome === 'failed') {
      patch(workerId, {
        busy: undefined,
        retrying: false,
        error: {
          action: 'revoke',
          error: error ?? { kind: 'internal', message: 'The revoke failed.' },
        },
      });
      return;
    }
    if (get().reveal?.workerId === workerId) get().hideReveal();
    patch(workerId, {
      busy: undefined,
      retrying: false,
      revokeNote: outcome,
      outcomeUnknown: undefined,
      copiedClearsAt: undefined,
      verified: undefined,
    });
  };

  return {
    sessions: [],
    latest: new Map(),
    live: [],
    revocable: [],
    loadError: undefined,
    activity: {},
    reveal: undefined,
    mintDialog: undefined,
    revokeDialog: undefined,

    async load() {
      const result = await call(() => consoleApi().listSessions());
      if (result.ok) {
        replaceSessions(result.data);
        set({ loadError: undefined });
      } else {
        set({ loadError: result.error });
      }
    },

    subscribe() {
      return consoleApi().on('sessionsChanged', (sessions) => replaceSessions(sessions));
    },

    openMint(worker) {
      if (isBusy(worker.workerId)) return;
      set({
        mintDialog: {
          ...worker,
          consent: false,
          reason: '',
          supersedes: get().latest.get(worker.workerId)?.state === 'live',
          busy: false,
          retrying: false,
          error: undefined,
        },
      });
    },
    setConsent(consent) {
      const dialog = get().mintDialog;
      if (dialog) set({ mintDialog: { ...dialog, consent, error: undefined } });
    },
    closeMint() {
      if (!get().mintDialog?.busy) set({ mintDialog: undefined });
    },
    async confirmMint() {
      const dialog = get().mintDialog;
      if (!dialog || dialog.busy) return;
      if (!dialog.consent) {
        set({
          mintDialog: {
            ...dialog,
            error: {
              kind: 'invalid-argument',
              message: "Confirm that the worker's consent was obtained before minting.",
            },
          },
        });
        return;
      }
      const { workerId, workerName } = dialog;
      set({ mintDialog: { ...dialog, busy: true, error: undefined } });
      patch(workerId, { busy: 'mint' });
      const result = await call(
        () =>
          consoleApi().mintToken({
            workerId,
            workerName,
            consentConfirmed: true,
            ...(dialog.reason.trim() && { reason: dialog.reason.trim() }),
          }),
        {
          onRetrying: () => {
            const current = get().mintDialog;
            if (current) set({ mintDialog: { ...current, retrying: true } });
          },
        },
      );
      if (result.ok) {
        if (get().reveal?.workerId === workerId) get().hideReveal();
        upsert(result.data);
        set({ mintDialog: undefined });
        patch(workerId, undefined);
        return;
      }
      if (result.error.kind === 'outcome-unknown') {
        set({ mintDialog: undefined });
        patch(workerId, { busy: undefined, outcomeUnknown: result.error });
        return;
      }
      set({ mintDialog: { ...dialog, busy: false, retrying: false, error: result.error } });
      patch(workerId, { busy: undefined });
    },

    openRevoke(worker) {
      if (isBusy(worker.workerId)) return;
      set({ revokeDialog: { ...worker, busy: false, reason: '' } });
    },
    closeRevoke() {
      if (!get().revokeDialog?.busy) set({ revokeDialog: undefined });
    },
    async confirmRevoke() {
      const dialog = get().revokeDialog;
      if (!dialog || dialog.busy) return;
      set({ revokeDialog: { ...dialog, busy: true } });
      await revoke(dialog.workerId, dialog.reason.trim() || undefined);
      set({ revokeDialog: undefined });
    },
    setDialogReason(reason) {
      const { mintDialog, revokeDialog } = get();
      if (mintDialog && !mintDialog.busy) set({ mintDialog: { ...mintDialog, reason } });
      else if (revokeDialog && !revokeDialog.busy)
        set({ revokeDialog: { ...revokeDialog, reason } });
    },
    async revokeToBeSure(worker) {
      await revoke(worker.workerId);
    },

    async revealToken(session) {
      const { workerId } = session;
      if (session.revealed || isBusy(workerId)) return;
      patch(workerId, { busy: 'reveal', error: undefined });
      const result = await call(() => consoleApi().revealToken({ sessionId: session.id }), {
        onRetrying: () => patch(workerId, { retrying: true }),
      });
      if (!result.ok) {
        patch(workerId, {
          busy: undefined,
          retrying: false,
          error: { action: 'reveal', error: result.error },
        });
        return;
      }
      const current = get().sessions.find((s) => s.id === session.id);
      if (current) upsert({ ...current, revealed: true });
      clearTimeout(hideTimer);
      set({ reveal: { sessionId: session.id, workerId, ...result.data } });
      hideTimer = setTimeout(
        () => get().hideReveal(),
        Math.max(0, Date.parse(result.data.hideAt) - Date.now()),
      );
      patch(workerId, { busy: undefined, retrying: false });
    },
    hideReveal() {
      clearTimeout(hideTimer);
      hideTimer = undefined;
      set({ reveal: undefined });
    },

    async copyToken(session, format = 'token') {
      const { workerId } = session;
      if (isBusy(workerId)) return;
      patch(workerId, { busy: 'copy', error: undefined, copiedClearsAt: undefined });
      const result = await call(() => consoleApi().copyToken({ sessionId: session.id, format }), {
        onRetrying: () => patch(workerId, { retrying: true }),
      });
      patch(
        workerId,
        result.ok
          ? { busy: undefined, retrying: false, copiedClearsAt: result.data.clearsAt }
          : { busy: undefined, retrying: false, error: { action: 'copy', error: result.error } },
      );
    },

    async verifyToken(session) {
      const { workerId } = session;
      if (isBusy(workerId)) return;
      patch(workerId, { busy: 'verify', error: undefined, verified: undefined });
      const result = await call(() => consoleApi().verifyToken({ sessionId: session.id }), {
        onRetrying: () => patch(workerId, { retrying: true }),
        retryNotices: true,
        // Verify calls Deel with the worker token: a 401 means that token is dead, not the
        // organization token, so it is shown in the panel instead of sending the operator away.
        noAuthRedirect: true,
      });
      patch(
        workerId,
        result.ok
          ? {
              busy: undefined,
              retrying: false,
              verified: {
                sessionId: session.id,
                profile: result.data.profile,
                identity: result.data.identity,
                ...(result.data.requestId && { requestId: result.data.requestId }),
              },
            }
          : { busy: undefined, retrying: false, error: { action: 'verify', error: result.error } },
      );
    },

    dismissError(workerId) {
      patch(workerId, { error: undefined });
    },
  };
});
