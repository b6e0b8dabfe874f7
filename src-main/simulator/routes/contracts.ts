/** `GET /contracts`: cursor pagination (`page.cursor` -> `after_cursor`), one contract per worker. */
import type { ApiRequest, Route, SimContext } from '../context.js';
import type { Worker } from '../data.js';
import { badRequest } from '../errors.js';
import { queryEnum, queryEnumList, queryInt, queryList } from '../params.js';
import { fnv1a } from '../prng.js';
import { searchNeedle, type SortValue } from '../query.js';
import { contractJson } from '../serialize.js';

export const CONTRACTS_MAX_LIMIT = 100;
export const CONTRACTS_DEFAULT_LIMIT = 10;

// Enums copied from contracts.yml (ContractsGetParameters*).
const CONTRACT_TYPES = [
  'ongoing_time_based',
  'milestones',
  'time_based',
  'pay_as_you_go_time_based',
  'commission',
  'payg_milestones',
  'payg_tasks',
  'eor',
  'peo',
  'unknown',
  'employee',
  'global_payroll',
  'shield_msa',
  'hris_direct_employee',
  'contractor_outside_deel',
] as const;
const CONTRACT_STATUSES = [
  'new',
  'under_review',
  'waiting_for_employee_contract',
  'waiting_for_client_sign',
  'processing_payment',
  'waiting_for_contractor_sign',
  'waiting_for_eor_sign',
  'waiting_for_employee_sign',
  'awaiting_deposit_payment',
  'in_progress',
  'completed',
  'cancelled',
  'user_cancelled',
  'rejected',
  'waiting_for_client_payment',
  'onboarding',
  'onboarded',
] as const;
const SORT_BY = ['contract_title', 'worker_name'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;

/** Sort keys for the contract index (prefixed so they never clash with people keys). */
export const CONTRACT_SORT_VALUES: Record<string, SortValue> = {
  'contract:contract_title': (w) => w.foldedTitle,
  'contract:worker_name': (w) => w.foldedName,
};

/** Cursor: opaque base64url of `<query fingerprint>.<position>`; tied to the query it came from. */
function encodeCursor(fingerprint: string, position: number): string {
  return Buffer.from(`${fingerprint}.${position}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, fingerprint: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^([0-9a-f]{8})\.(\d+)$/.exec(text);
  if (!m) throw badRequest('after_cursor is not a valid cursor', 'after_cursor');
  if (m[1] !== fingerprint) {
    throw badRequest('after_cursor belongs to a different query', 'after_cursor');
  }
  return Number(m[2]);
}

function listContracts(req: ApiRequest, ctx: SimContext) {
  const q = req.query;
  const limit = queryInt(q, 'limit', {
    min: 1,
    max: CONTRACTS_MAX_LIMIT,
    fallback: CONTRACTS_DEFAULT_LIMIT,
  });
  const types = queryEnumList(q, 'types', CONTRACT_TYPES);
  const statuses = queryEnumList(q, 'statuses', CONTRACT_STATUSES);
  const countries = queryList(q, 'countries').map((c) => c.toUpperCase());
  const teamId = q.get('team_id') ?? '';
  const sortBy = queryEnum(q, 'sort_by', SORT_BY);
  const direction = queryEnum(q, 'order_direction', DIRECTIONS) ?? 'asc';
  const search = q.get('search') ?? '';

  const filters: ((w: Worker) => boolean)[] = [];
  const keyParts: string[] = [];
  if (types) {
    const set = new Set<string>(types);
    filters.push((w) => set.has(w.contract.type));
    keyParts.push(`t=${[...set].sort().join(',')}`);
  }
  if (statuses) {
    const set = new Set<string>(statuses);
    filters.push((w) => set.has(w.contract.status));
    keyParts.push(`s=${[...set].sort().join(',')}`);
  }
  if (countries.length > 0) {
    const set = new Set(countries);
    filters.push((w) => set.has(w.country.code));
    keyParts.push(`c=${[...set].sort().join(',')}`);
  }
  if (teamId) {
    const idx = ctx.ds.org.teams.findIndex((t) => t.id === teamId.toLowerCase());
    filters.push((w) => w.team === idx);
    keyParts.push(`team=${teamId.toLowerCase()}`);
  }
  const filterKey = keyParts.join('&');
  const sortKey = sortBy ? `contract:${sortBy}` : undefined;
  const fingerprint = fnv1a(
    `${searchNeedle(search)}\u0000${filterKey}\u0000${sortKey ?? ''}\u0000${direction}`,
  )
    .toString(16)
    .padStart(8, '0');

  const afterCursor = q.get('after_cursor');
  const start = afterCursor ? decodeCursor(afterCursor, fingerprint) : 0;
  const matches = ctx.people.run({
    search,
    searchIn: 'contract',
    filters,
    filterKey,
    sortKey,
    descending: direction === 'desc',
  });
  const end = Math.min(matches.length, start + limit);
  const data: Record<string, unknown>[] = [];
  for (let k = start; k < end; k++) {
    const w = ctx.ds.workers[matches[k] ?? -1];
    if (w) data.push(contractJson(ctx.ds.org, w));
  }
  const filtered = filterKey !== '' || search.trim() !== '';
  const totalRows =
    filtered && ctx.faults.get().contractsTotalRowsIgnoresFilters
      ? ctx.ds.workers.length
      : matches.length;
  return {
    status: 200,
    body: {
      data,
      // The last page carries an empty cursor: there is nothing after it.
      page: {
        cursor: end < matches.length ? encodeCursor(fingerprint, end) : '',
        total_rows: totalRows,
      },
    },
  };
}

export const contractRoutes: readonly Route[] = [
  {
    method: 'GET',
    template: '/contracts',
    scope: 'contracts:read',
    tokenKinds: ['organization', 'personal'],
    handle: listContracts,
  },
];
