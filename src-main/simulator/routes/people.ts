/** `GET /people`, `GET /people/{id}`, `GET /people/me`. */
import type { Worker } from '../data.js';
import type { ApiRequest, Route, SimContext } from '../context.js';
import { badRequest, HttpError, notFound } from '../errors.js';
import { queryEnum, queryEnumList, queryInt, queryList, UUID_RE } from '../params.js';
import type { SortValue } from '../query.js';
import { personalMeJson, personJson, pickFields, workerMeJson } from '../serialize.js';
import { fold } from '../text.js';

/** Deel documents no maximum; the console pages by 100, so the simulator enforces exactly that. */
export const PEOPLE_MAX_LIMIT = 100;
export const PEOPLE_DEFAULT_LIMIT = 50;

// Enums copied from people.yml (PeopleGetParameters*).
export const PEOPLE_SORT_BY = [
  'id',
  'first_name',
  'last_name',
  'full_name',
  'email',
  'country',
  'birth_date',
  'hiring_type',
  'start_date',
  'team',
  'job_title',
  'hiring_status',
  'completion_date',
  'direct_manager',
  'direct_reports_count',
  'band_placement',
  'comparative_ratio',
] as const;
const HIRING_STATUSES = [
  'pending_invite',
  'draft',
  'invited',
  'onboarding',
  'onboarding_at_risk',
  'onboarding_overdue',
  'onboarded',
  'offboarding',
  'active',
  'inactive',
  'in_review',
  'quote_requires_changes',
] as const;
const HIRING_TYPES = [
  'contractor',
  'eor',
  'peo',
  'hris_direct_employee',
  'hris_direct_contractor',
  'direct_employee',
  'contractor_outside_deel',
  'person_without_contract',
] as const;
const PERSON_STATUSES = ['ACTIVE', 'OFFBOARDING', 'NOT_STARTED', 'INACTIVE'] as const;
const SORT_ORDERS = ['asc', 'desc'] as const;
// Values of people.yml PeopleGetParametersFieldsSchemaItems.
export const PEOPLE_FIELDS = [
  'id',
  'first_name',
  'last_name',
  'full_name',
  'display_name',
  'preferred_name',
  'preferred_first_name',
  'preferred_last_name',
  'personal_id',
  'country',
  'country_name',
  'state',
  'email',
  'personal_email',
  'work_email',
  'phoneNumbers',
  'nationalities',
  'personal_address',
  'addresses',
  'pic_url',
  'birth_date',
  'nestedCustomFields',
  'start_date',
  'hris_original_start_date',
  'worker_id',
  'external_id',
  'direct_reports',
  'direct_reports_count',
  'direct_manager',
  'work_location',
  'custom_fields',
  'new_hiring_status',
  'hiring_status',
  'job_title',
  'seniority',
  'custom_field_values',
  'worker_relations',
  'timezone',
  'employments',
  'employments[0].id',
  'employments[0].name',
  'employments[0].start_date',
  'employments[0].job_title',
  'employments[0].hiring_status',
  'employments[0].new_hiring_status',
  'employments[0].seniority',
  'employments[0].email',
  'employments[0].work_email',
  'employments[0].employee_number',
  'employments[0].hiring_type',
  'employments[0].team',
  'employments[0].timezone',
  'employments[0].client_legal_entity',
  'employments[0].payment',
  'employments[0].country',
  'employments[0].state',
  'employments[0].contract_status',
  'employments[0].contract_type',
  'employments[0].hris_service_provider',
  'employments[0].hris_direct_employee_invitation',
  'employments[0].voluntarily_left',
  'employments[0].has_eor_termination',
  'employments[0].contract_is_archived',
  'employments[0].completion_date',
  'employments[0].contract_has_contractor',
  'employments[0].is_ended',
  'employments[0].is_user_contract_deleted',
  'employments[0].contract_coverage',
  'employments[0].currency',
  'employments[0].is_amending',
  'employments[0].client_legal_entity_id',
  'employments[0].is_eor_consultant_contract',
  'employments[0].is_interview_process_required',
  'employments[0].contract_timezone',
  'employments[0].amendment_status',
  'employments[0].pay_date',
  'employments[0].termination_last_day',
  'employments[0].custom_field_values',
  'employments[0].hris_is_active',
  'employments[0].isPrimary',
  'employments[0].compensation_band_id',
  'employments[0].band_placement',
  'employments[0].comparative_ratio',
  'direct_employee_termination_state',
  'is_user_contract_deleted',
  'orgStructures',
  'ooo',
  'is_ended',
  'hris_service_provider',
  'contract_types',
  'contract_coverage',
  'payments',
  'pay_date',
  'nextPayment',
  'lastPayment',
  'hourly_report_total',
  'monthly_payment',
  'hris_is_active',
  'department',
  'currency',
  'contract_is_archived',
  'termination_last_day',
  'completion_date',
  'hiring_type',
  'worker_entity_name',
  'client_legal_entity',
  'parent_relations',
  'child_relations',
  'worker_termination_last_date_of_work',
  'active_worker_termination_status',
  'org_structures',
] as const;

/**
 * Sort keys with data behind them. The other documented keys (birth_date, direct_manager, ...)
 * are accepted and keep the default (creation) order, as every value would be equal.
 */
export function peopleSortValues(teamNames: readonly string[]): Record<string, SortValue> {
  return {
    id: (w) => w.id,
    first_name: (w) => fold(w.firstName),
    last_name: (w) => fold(w.lastName),
    full_name: (w) => w.foldedName,
    email: (w) => w.workEmail,
    country: (w) => w.country.code,
    hiring_type: (w) => w.hiringType,
    start_date: (w) => w.startMs,
    team: (w) => teamNames[w.team] ?? '',
    job_title: (w) => w.jobTitle,
    hiring_status: (w) => w.hiringStatus,
  };
}

/** Name and email fields of a person object, nulled when the token hides sensitive data. */
const NAME_AND_EMAIL_KEYS = [
  'full_name',
  'first_name',
  'last_name',
  'preferred_first_name',
  'preferred_last_name',
  'emails',
] as const;

/** A person as `/people` answers it: without names and emails under `hideSensitiveData`. */
function personAnswer(ctx: SimContext, w: Worker): Record<string, unknown> {
  const person = personJson(ctx.ds, w);
  if (!ctx.faults.get().hideSensitiveData) return person;
  for (const key of NAME_AND_EMAIL_KEYS) person[key] = null;
  const employments = person['employments'];
  if (Array.isArray(employments)) {
    person['employments'] = employments.map((e: Record<string, unknown>) => ({
      ...e,
      name: null,
      email: null,
      work_email: null,
    }));
  }
  return person;
}

/** The profile in the `/people/me` shape the faults ask for. */
function meShape(profile: Record<string, unknown>, ctx: SimContext): unknown {
  const faults = ctx.faults.get();
  const shape =
    faults.peopleMeShape === 'flat' && faults.peopleMeEnvelope ? 'data' : faults.peopleMeShape;
  if (shape === 'data') return { data: profile };
  if (shape === 'emails') {
    const { email, ...rest } = profile;
    return { ...rest, emails: email ? [{ type: 'work', value: email }] : [] };
  }
  return profile;
}

const serverErrorExtra = (status: number, message: string) =>
  status === 500 ? { error: { code: 'INTERNAL_SERVER_ERROR', message, details: null } } : undefined;

function listPeople(req: ApiRequest, ctx: SimContext) {
  const q = req.query;
  const limit = queryInt(q, 'limit', {
    min: 1,
    max: PEOPLE_MAX_LIMIT,
    fallback: PEOPLE_DEFAULT_LIMIT,
  });
  const offset = queryInt(q, 'offset', { min: 0, fallback: 0 });
  const sortBy = queryEnum(q, 'sort_by', PEOPLE_SORT_BY);
  const sortOrder = queryEnum(q, 'sort_order', SORT_ORDERS) ?? 'asc';
  const hiringTypes = queryEnumList(q, 'hiring_types', HIRING_TYPES);
  const hiringStatuses = queryEnumList(q, 'hiring_statuses', HIRING_STATUSES);
  const personStatuses = queryEnumList(q, 'person_statuses', PERSON_STATUSES);
  const teams = queryList(q, 'teams');
  for (const t of teams) if (!UUID_RE.test(t)) throw badRequest('teams must be UUIDs', 'teams');
  const fields = queryEnumList(q, 'fields', PEOPLE_FIELDS);

  const filters: ((w: Worker) => boolean)[] = [];
  const keyParts: string[] = [];
  if (hiringTypes) {
    const set = new Set<string>(hiringTypes);
    filters.push((w) => set.has(w.hiringType));
    keyParts.push(`ht=${[...set].sort().join(',')}`);
  }
  if (hiringStatuses) {
    const set = new Set<string>(hiringStatuses);
    filters.push((w) => set.has(w.hiringStatus));
    keyParts.push(`hs=${[...set].sort().join(',')}`);
  }
  if (personStatuses) {
    const set = new Set<string>(personStatuses);
    filters.push((w) => set.has(w.personStatus));
    keyParts.push(`ps=${[...set].sort().join(',')}`);
  }
  if (teams.length > 0) {
    const wanted = new Set(teams.map((t) => t.toLowerCase()));
    const teamIdx = new Set<number>();
    ctx.ds.org.teams.forEach((t, i) => {
      if (wanted.has(t.id)) teamIdx.add(i);
    });
    filters.push((w) => teamIdx.has(w.team));
    keyParts.push(`tm=${[...wanted].sort().join(',')}`);
  }

  const matches = ctx.people.run({
    search: q.get('search') ?? undefined,
    searchIn: 'person',
    filters,
    filterKey: keyParts.join('&'),
    sortKey: sortBy,
    descending: sortOrder === 'desc',
  });
  const data: Record<string, unknown>[] = [];
  const end = Math.min(matches.length, offset + limit);
  for (let k = offset; k < end; k++) {
    const w = ctx.ds.workers[matches[k] ?? -1];
    if (w) data.push(pickFields(personAnswer(ctx, w), fields));
  }
  return {
    status: 200,
    body: { data, page: { offset, total_rows: matches.length, items_per_page: limit } },
  };
}

function me(req: ApiRequest, ctx: SimContext) {
  const caller = req.caller;
  let profile: Record<string, unknown>;
  if (caller.kind === 'worker') {
    const w = ctx.ds.byId.get(caller.profileId);
    if (!w) throw notFound('Profile not found');
    // peopleMeMismatch: Deel answers for someone else (the next worker of the organization).
    const answered = ctx.faults.get().peopleMeMismatch
      ? (ctx.ds.workers[(w.index + 1) % ctx.ds.workers.length] ?? w)
      : w;
    profile = workerMeJson(ctx.ds, answered);
  } else if (caller.kind === 'personal') {
    profile = personalMeJson(ctx.ds, ctx.ds.personalUser);
  } else {
    throw new HttpError(403, [
      {
        message:
          'TOKEN_TYPE_NOT_ALLOWED: /people/me needs a worker or personal token; an organization token has no "me".',
      },
    ]);
  }
  return { status: 200, body: meShape(profile, ctx) };
}

export const peopleRoutes: readonly Route[] = [
  {
    method: 'GET',
    template: '/people',
    scope: 'people:read',
    tokenKinds: ['organization', 'personal'],
    handle: listPeople,
    errorExtra: serverErrorExtra,
  },
  {
    // Listed before /people/{hris_profile_id} so "me" is never taken for an id.
    method: 'GET',
    template: '/people/me',
    scope: 'people:read',
    tokenKinds: ['worker', 'personal', 'organization'],
    handle: me,
  },
  {
    method: 'GET',
    template: '/people/{hris_profile_id}',
    scope: 'people:read',
    tokenKinds: ['organization', 'personal'],
    handle: (req, ctx) => {
      const id = req.params['hris_profile_id'] ?? '';
      if (!UUID_RE.test(id)) throw badRequest('hris_profile_id must be a UUID', 'hris_profile_id');
      const w = ctx.ds.byId.get(id.toLowerCase());
      if (!w) throw notFound(`Person ${id} not found`);
      return { status: 200, body: { data: personAnswer(ctx, w) } };
    },
    errorExtra: serverErrorExtra,
  },
];
