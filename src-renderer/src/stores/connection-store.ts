import { create } from 'zustand';
import type { ConnectionStatus, DismissibleWarningCode } from '../../../src-shared/contract';
import type { IpcError } from '../../../src-shared/errors';
import { consoleApi } from '../api';
import {
  organizationChangeOf,
  profileFields,
  profileNameProblem,
  savedProfileActive,
  type OrganizationChange,
  type SaveChoice,
} from '../lib/profiles';
import { call } from './call';
import { useNavStore } from './nav-store';

export type ConnectChoice = 'production' | 'sandbox' | 'sandbox-staging' | 'custom' | 'demo';

export const connectChoices: { value: ConnectChoice; label: string }[] = [
  { value: 'production', label: 'Production' },
  { value: 'sandbox', label: 'Sandbox' },
  { value: 'sandbox-staging', label: 'Sandbox (staging host)' },
  { value: 'custom', label: 'Custom URL' },
  { value: 'demo', label: 'Use demo data (built-in simulator)' },
];

export type CheckState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'ok'; organization: string }
  | { status: 'error'; error: IpcError };

interface ConnectionStore {
  status: ConnectionStatus | undefined;
  loadError: IpcError | undefined;
  environment: ConnectChoice;
  customUrl: string;
  /** The org token being typed. Cleared the moment a connect succeeds; never persisted. */
  tokenDraft: string;
  /** Bumped whenever the draft is cleared, so the (uncontrolled) password field is emptied too. */
  tokenFieldKey: number;
  check: CheckState;
  forgetting: boolean;
  confirmingForget: boolean;
  forgetError: IpcError | undefined;
  /** The name for a new profile (optional from demo: main then names it after the organization). */
  profileName: string;
  /** With a saved profile active: save the token as a new profile, or replace this one's token. */
  saveChoice: SaveChoice;
  /**
   * Main refused a replace because the token belongs to another organization: the question
   * waits for the operator (the typed token is kept until they answer).
   */
  organizationChange: OrganizationChange | undefined;
  load(): Promise<void>;
  setEnvironment(environment: ConnectChoice): void;
  setCustomUrl(url: string): void;
  setTokenDraft(token: string): void;
  clearTokenDraft(): void;
  setProfileName(name: string): void;
  setSaveChoice(choice: SaveChoice): void;
  submit(options?: { confirmOrganizationChange?: boolean }): Promise<void>;
  /** "Replace anyway": sends the same token again, confirming the change of organization. */
  confirmOrganizationChange(): Promise<void>;
  /** Keeps the profile as it is: the question closes and the typed token is dropped. */
  cancelOrganizationChange(): void;
  askForget(): void;
  cancelForget(): void;
  forget(): Promise<void>;
  /** Dismisses a warning about a damaged file once the operator has read it. */
  acknowledgeWarning(code: DismissibleWarningCode): Promise<void>;
  /** Subscribes to connectionChanged; returns the unsubscribe. */
  subscribe(): () => void;
}

/** What the connect form can send as it stands, or why not. */
export function connectProblem(state: {
  environment: ConnectChoice;
  customUrl: string;
  tokenDraft: string;
}): string | undefined {
  if (state.environment === 'demo') return undefined;
  if (state.environment === 'custom' && !state.customUrl.trim())
    return 'Enter the custom base URL.';
  if (!state.tokenDraft.trim()) return 'Paste the organization token.';
  return undefined;
}

export const useConnectionStore = create<ConnectionStore>((set, get) => ({
  status: undefined,
  loadError: undefined,
  environment: 'demo',
  customUrl: '',
  tokenDraft: '',
  tokenFieldKey: 0,
  check: { status: 'idle' },
  forgetting: false,
  confirmingForget: false,
  forgetError: undefined,
  profileName: '',
  saveChoice: 'replace',
  organizationChange: undefined,

  async load() {
    const result = await call(() => consoleApi().getConnection());
    if (result.ok) {
      set({ status: result.data, loadError: undefined });
      if (result.data.environment) set({ environment: result.data.environment });
      if (result.data.mode === 'unconfigured') useNavStore.getState().go('connect');
    } else {
      set({ loadError: result.error });
    }
  },

  async acknowledgeWarning(code) {
    const result = await call(() => consoleApi().acknowledgeWarning({ code }));
    if (result.ok) set({ status: result.data });
    else set({ loadError: result.error });
  },

  setEnvironment(environment) {
    set({ environment, check: { status: 'idle' } });
  },
  setCustomUrl(customUrl) {
    set({ customUrl });
  },
  setTokenDraft(tokenDraft) {
    set({ tokenDraft });
  },
  clearTokenDraft() {
    set((state) => ({
      tokenDraft: '',
      tokenFieldKey: state.tokenFieldKey + 1,
      organizationChange: undefined,
    }));
  },
  setProfileName(profileName) {
    set({ profileName });
  },
  setSaveChoice(saveChoice) {
    set({ saveChoice, check: { status: 'idle' } });
  },

  async submit(options = {}) {
    const { environment, customUrl, tokenDraft, status, saveChoice, profileName } = get();
    const savedActive = savedProfileActive(status);
    const problem =
      connectProblem({ environment, customUrl, tokenDraft }) ??
      (environment === 'demo'
        ? undefined
        : profileNameProblem({ savedActive, choice: saveChoice, profileName }));
    if (problem) {
      set({ check: { status: 'error', error: { kind: 'invalid-argument', message: problem } } });
      return;
    }
    set({ check: { status: 'checking' }, organizationChange: undefined });
    const result = await call(
      () =>
        environment === 'demo'
          ? consoleApi().useDemo()
          : consoleApi().connect({
              environment,
              token: tokenDraft,
              ...(environment === 'custom' && { customUrl: customUrl.trim() }),
              ...profileFields({
                savedActive,
                choice: saveChoice,
                profileName,
                confirmOrganizationChange: options.confirmOrganizationChange,
              }),
            }),
      { noAuthRedirect: true },
    );
    if (result.ok) {
      get().clearTokenDraft();
      set({
        status: result.data,
        profileName: '',
        saveChoice: 'replace',
        check: {
          status: 'ok',
          organization: result.data.organization?.name ?? 'your organization',
        },
      });
      useNavStore.getState().clearAuthError();
    } else {
      const change = organizationChangeOf(result.error);
      set(
        change && !options.confirmOrganizationChange
          ? { check: { status: 'idle' }, organizationChange: change }
          : { check: { status: 'error', error: result.error } },
      );
    }
  },

  async confirmOrganizationChange() {
    if (!get().organizationChange) return;
    await get().submit({ confirmOrganizationChange: true });
  },
  cancelOrganizationChange() {
    get().clearTokenDraft();
  },

  askForget() {
    set({ confirmingForget: true, forgetError: undefined });
  },
  cancelForget() {
    if (!get().forgetting) set({ confirmingForget: false });
  },
  async forget() {
    set({ forgetting: true, forgetError: undefined });
    const result = await call(() => consoleApi().forgetToken());
    if (result.ok) {
      set({
        status: result.data,
        forgetting: false,
        confirmingForget: false,
        check: { status: 'idle' },
      });
    } else {
      set({ forgetting: false, confirmingForget: false, forgetError: result.error });
    }
  },

  subscribe() {
    return consoleApi().on('connectionChanged', (status) => set({ status }));
  },
}));

// An auth failure after connecting makes the last "Connected to …" result stale: the Connect
// screen shows why the operator is back instead.
useNavStore.subscribe((nav, before) => {
  if (nav.authError && nav.authError !== before.authError) {
    useConnectionStore.setState({ check: { status: 'idle' } });
  }
});
