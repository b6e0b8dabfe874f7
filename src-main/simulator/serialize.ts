/**
 * JSON shapes the simulator answers with. Each shape satisfies the response schemas in
 * ../shared/deel-openapi (people.yml, contracts.yml) and carries the person fields listed in
 * ../shared/deel-api.md.
 */
import {
  hrisOrgUserId,
  isoDate,
  isoDateTime,
  type Dataset,
  type Organization,
  type PersonalUser,
  type Worker,
} from './data.js';

type Json = Record<string, unknown>;

export function personJson(ds: Dataset, w: Worker): Json {
  const org = ds.org;
  const department = org.departments[w.department];
  const team = org.teams[w.team];
  const entity = org.legalEntities[w.legalEntity];
  const c = w.contract;
  const ended = c.status === 'completed' || c.status === 'cancelled';
  const startDate = isoDate(w.startMs);
  const terminated = isoDateTime(c.terminationMs);
  return {
    id: w.id,
    worker_id: w.workerId,
    external_id: null,
    full_name: w.fullName,
    first_name: w.firstName,
    last_name: w.lastName,
    preferred_first_name: null,
    preferred_last_name: null,
    emails: [
      { type: 'work', value: w.workEmail },
      { type: 'personal', value: w.personalEmail },
    ],
    country: w.country.code,
    state: null,
    timezone: w.country.timezone,
    nationalities: [w.country.code],
    job_title: w.jobTitle,
    seniority: w.seniority,
    hiring_type: w.hiringType,
    hiring_status: w.hiringStatus,
    new_hiring_status: w.hiringStatus,
    person_status: w.personStatus,
    start_date: startDate,
    completion_date: ended ? terminated : null,
    created_at: isoDateTime(w.createdMs),
    updated_at: isoDateTime(w.updatedMs),
    work_location: null,
    client_legal_entity: entity ? { id: entity.id, name: entity.name } : { id: null, name: null },
    department: department ? { id: department.id, name: department.name } : {},
    direct_manager: null,
    direct_reports: [],
    direct_reports_count: 0,
    active_worker_termination_status: null,
    hris_organization_user_id: hrisOrgUserId(ds, w),
    employments: [
      {
        id: c.id,
        name: w.fullName,
        email: w.workEmail,
        work_email: w.workEmail,
        team: team ? { id: team.id, name: team.name } : {},
        state: null,
        country: w.country.code,
        timezone: w.country.timezone,
        job_title: w.jobTitle,
        seniority: w.seniority,
        start_date: startDate,
        hiring_type: w.hiringType,
        hiring_status: w.hiringStatus,
        new_hiring_status: w.hiringStatus,
        contract_status: c.status,
        is_ended: ended,
        completion_date: ended ? terminated : null,
        termination_last_day: terminated,
        voluntarily_left: null,
        has_eor_termination: w.hiringType === 'eor' ? ended : null,
        contract_is_archived: c.isArchived,
        contract_has_contractor: true,
        is_user_contract_deleted: false,
        contract_coverage: null,
        hris_direct_employee_invitation: null,
        client_legal_entity: entity ? { id: entity.id, name: entity.name } : null,
        payment: { rate: c.rate, scale: c.scale, currency: c.currency, contract_name: c.title },
      },
    ],
  };
}

/** Requested `fields[]` names whose data lives under another key of the person object. */
const FIELD_KEYS: Readonly<Record<string, string>> = {
  email: 'emails',
  work_email: 'emails',
  personal_email: 'emails',
};

/** `fields[]` picks top-level keys ("employments[0].x" keeps `employments`); `id` always stays. */
export function pickFields(person: Json, fields: readonly string[] | undefined): Json {
  if (!fields || fields.length === 0) return person;
  const keep = new Set<string>(['id']);
  for (const f of fields) {
    const key = f.replace(/[[.].*$/, '');
    keep.add(FIELD_KEYS[key] ?? key);
  }
  const out: Json = {};
  for (const key of Object.keys(person)) if (keep.has(key)) out[key] = person[key];
  return out;
}

/** `GET /people/me` for a worker token: people.yml documents a flat profile object. */
export function workerMeJson(ds: Dataset, w: Worker): Json {
  return {
    id: Number(w.workerId),
    user_id: Number(w.workerId) + 10_000_000,
    email: w.workEmail,
    username: w.workEmail,
    full_name: w.fullName,
    first_name: w.firstName,
    last_name: w.lastName,
    middle_name: null,
    avatar_url: null,
    // people.yml's enum has no 'eor'/'employee'; an EOR worker is employed, so the nearest value.
    profile_type: 'direct_employee',
    hris_enabled: true,
    slack_team_id: null,
    slack_user_id: null,
    client_country: null,
    contractor_country: w.country.code,
    organization_id: ds.org.numericId,
    organization_name: ds.org.name,
    hris_organization_user_id: hrisOrgUserId(ds, w),
  };
}

export function personalMeJson(ds: Dataset, u: PersonalUser): Json {
  return {
    id: u.id,
    user_id: u.userId,
    email: u.email,
    username: u.email,
    full_name: `${u.firstName} ${u.lastName}`,
    first_name: u.firstName,
    last_name: u.lastName,
    middle_name: null,
    avatar_url: null,
    profile_type: 'client',
    hris_enabled: true,
    slack_team_id: null,
    slack_user_id: null,
    client_country: 'US',
    contractor_country: null,
    organization_id: ds.org.numericId,
    organization_name: ds.org.name,
    hris_organization_user_id: u.hrisOrgUserId,
  };
}

export function contractJson(org: Organization, w: Worker): Json {
  const c = w.contract;
  const team = org.teams[w.team];
  return {
    id: c.id,
    title: c.title,
    type: c.type,
    status: c.status,
    scale: c.scale,
    client: { team: { id: team?.id ?? '', name: team?.name ?? null } },
    worker: {
      id: w.id,
      full_name: w.fullName,
      email: w.workEmail,
      image: null,
      alternate_email: [],
    },
    created_at: isoDateTime(c.createdMs),
    signatures: {
      client_signed_at: isoDateTime(c.clientSignedMs),
      worker_signed_at: isoDateTime(c.workerSignedMs),
      worker_signature: c.workerSignedMs === null ? null : w.fullName,
    },
    external_id: null,
    invitations: { client_email: null, worker_email: w.workEmail },
    is_archived: c.isArchived,
    is_shielded: false,
    who_reports: c.type === 'eor' ? 'client' : 'both',
    notice_period: c.type === 'eor' ? 30 : 0,
    termination_date: isoDateTime(c.terminationMs),
  };
}
