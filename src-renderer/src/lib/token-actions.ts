import type { TokenState } from './labels';
import type { MintEligibility } from './mint-eligibility';

/** How the token panel offers its actions, from the worker's token state. */
export interface PanelActions {
  /**
   * `outcome-unknown`: a mint's outcome is unknown, so only Re-mint and Revoke to be sure are
   * offered (in the note that explains it); `normal`: the usual row of actions.
   */
  mode: 'normal' | 'outcome-unknown';
  mint: {
    label: 'Mint token' | 'Replace token';
    /** Primary while there is no token; danger when it replaces a live one; plain otherwise. */
    tone: 'primary' | 'danger' | 'plain';
    /** Set when the mint cannot work: the button is disabled and this says why, up front. */
    disabledReason?: string;
  };
  /** The usable live token's Copy is the primary action (and takes focus after a mint). */
  copyPrimary: boolean;
}

export function panelActionsOf(input: {
  state: TokenState;
  /** The live token's value is in main's memory (this run). */
  available: boolean;
  /** This run's mint came back "outcome unknown". */
  outcomeUnknown: boolean;
  eligibility: MintEligibility;
}): PanelActions {
  const { state, available, outcomeUnknown, eligibility } = input;
  const mode = outcomeUnknown || state === 'outcome-unknown' ? 'outcome-unknown' : 'normal';
  const live = state === 'live';
  const disabledReason = eligibility.allowed ? undefined : eligibility.reason;
  return {
    mode,
    mint: {
      label: live ? 'Replace token' : 'Mint token',
      tone: disabledReason ? 'plain' : live ? 'danger' : 'primary',
      ...(disabledReason && { disabledReason }),
    },
    copyPrimary: live && available,
  };
}

/** The mint dialog's words: a first mint, or the replacement of a live token. */
export interface MintWording {
  title: string;
  submit: string;
  busy: string;
  /** What happens to the token the worker has, when there is one. */
  warning: string | undefined;
  tone: 'primary' | 'danger';
}

export function mintWordingOf(workerName: string, replaces: boolean): MintWording {
  return replaces
    ? {
        title: `Replace ${workerName}'s token?`,
        submit: 'Replace token',
        busy: 'Replacing…',
        warning: `${workerName} already has a live token. Replacing it mints a new one and the old token stops working at once: anyone using it is signed out.`,
        tone: 'danger',
      }
    : {
        title: `Mint a token for ${workerName}`,
        submit: 'Mint token',
        busy: 'Minting…',
        warning: undefined,
        tone: 'primary',
      };
}
