import type { WorkerRow } from '../../../src-shared/contract';
import { hiringTypeLabels, labelOf } from './labels';

/** Where a row came from: `/people` (a hiring type) or `/contracts` (a contract type). */
export type RowSource = 'people' | 'contracts';

/** Deel's hiring types that are known not to be EOR (people.yml `hiring_types`). */
const NON_EOR_HIRING_TYPES = new Set([
  'contractor',
  'peo',
  'hris_direct_employee',
  'hris_direct_contractor',
  'direct_employee',
  'contractor_outside_deel',
  'person_without_contract',
]);

export type MintEligibility =
  | {
      allowed: true;
      /** Shown beside the mint when the console cannot tell in advance. */ note?: string;
    }
  | { allowed: false; reason: string };

/**
 * Whether a mint can work for this worker. Deel mints worker tokens for EOR workers only, so a
 * worker whose hiring type is known and not EOR gets the reason, not a mint that Deel refuses.
 * When the type is unknown (none given, a type this console does not know, or a row from the
 * Contracts source, which shows one contract's type, not the worker's hiring type) the mint
 * stays possible and Deel's answer decides.
 */
export function mintEligibility(
  worker: Pick<WorkerRow, 'hiringType'>,
  from: RowSource,
): MintEligibility {
  const type = worker.hiringType;
  if (type === 'eor') return { allowed: true };
  if (from === 'people' && type !== null && NON_EOR_HIRING_TYPES.has(type)) {
    return {
      allowed: false,
      reason: `Deel mints worker tokens for EOR workers only. This worker's hiring type is ${labelOf(hiringTypeLabels, type)}.`,
    };
  }
  return {
    allowed: true,
    note:
      from === 'contracts' && type !== null
        ? `This row shows a contract (${labelOf(hiringTypeLabels, type)}), not the worker's hiring type: Deel decides whether a token can be minted (EOR workers only).`
        : "The worker's hiring type is not known: Deel decides whether a token can be minted (EOR workers only).",
  };
}
