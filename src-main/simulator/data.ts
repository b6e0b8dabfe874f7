/**
 * Deterministic demo organisation: N workers (1..100,000) with realistic names, emails, countries,
 * job titles and a mix of hiring types and statuses (most EOR and active), each with exactly one
 * contract. Generation is seeded (same seed, same data) and cheap: records are compact and the
 * JSON shapes are built per request for the rows actually returned.
 */
import { createRng, type Rng } from './prng.js';
import {
  COUNTRIES,
  DEPARTMENTS,
  JOB_TITLES,
  LEGAL_ENTITY_SUFFIXES,
  SENIORITIES,
  TEAMS,
  type CountryInfo,
} from './names.js';
import { emailPart, fold } from './text.js';

export const MAX_WORKERS = 100_000;
export const EMAIL_DOMAIN = 'northwind-demo.example';

export type HiringType = 'eor' | 'contractor' | 'direct_employee' | 'hris_direct_employee' | 'peo';
export type HiringStatus = 'active' | 'onboarding' | 'offboarding' | 'inactive' | 'invited';
export type PersonStatus = 'ACTIVE' | 'OFFBOARDING' | 'NOT_STARTED' | 'INACTIVE';
export type ContractType =
  | 'eor'
  | 'ongoing_time_based'
  | 'pay_as_you_go_time_based'
  | 'milestones'
  | 'hris_direct_employee'
  | 'peo';
export type ContractStatus =
  | 'in_progress'
  | 'onboarding'
  | 'waiting_for_employee_sign'
  | 'waiting_for_contractor_sign'
  | 'new'
  | 'completed'
  | 'cancelled';

export interface NamedRef {
  id: string;
  name: string;
}

export interface Contract {
  id: string;
  type: ContractType;
  status: ContractStatus;
  title: string;
  scale: 'monthly' | 'hourly' | 'annual';
  rate: number;
  currency: string;
  /** Epoch ms (formatted per answer: formatting 100,000 dates up front is measurable). */
  createdMs: number;
  clientSignedMs: number | null;
  workerSignedMs: number | null;
  terminationMs: number | null;
  isArchived: boolean;
}

export interface Worker {
  index: number;
  /** HRIS profile id (uuid): the id of /people/{id} and of worker tokens. */
  id: string;
  /** Deel's numeric worker id, serialised as a string in people objects. */
  workerId: string;
  firstName: string;
  lastName: string;
  fullName: string;
  workEmail: string;
  personalEmail: string;
  country: CountryInfo;
  jobTitle: string;
  seniority: string;
  hiringType: HiringType;
  hiringStatus: HiringStatus;
  personStatus: PersonStatus;
  /** Epoch ms at UTC midnight; `start_date` is its YYYY-MM-DD. */
  startMs: number;
  createdMs: number;
  updatedMs: number;
  department: number;
  team: number;
  legalEntity: number;
  contract: Contract;
  /** Folded full name (search and sorting are diacritic- and case-insensitive). */
  foldedName: string;
  /** Folded contract title. */
  foldedTitle: string;
}

export interface Organization {
  id: string;
  /** Numeric id, as `/people/me` reports `organization_id`. */
  numericId: number;
  name: string;
  departments: NamedRef[];
  teams: NamedRef[];
  legalEntities: NamedRef[];
}

export interface PersonalUser {
  id: number;
  userId: number;
  firstName: string;
  lastName: string;
  email: string;
  hrisOrgUserId: string;
}

export interface Dataset {
  seed: number;
  org: Organization;
  workers: Worker[];
  byId: Map<string, Worker>;
  /** `worker_id` of worker 0; worker i has `firstWorkerId + i`. */
  firstWorkerId: number;
  /** The human behind the personal token (a client admin, not a worker). */
  personalUser: PersonalUser;
}

const HIRING_TYPES: readonly (readonly [HiringType, number])[] = [
  ['eor', 70],
  ['contractor', 18],
  ['hris_direct_employee', 5],
  ['direct_employee', 3],
  ['peo', 4],
];

const HIRING_STATUSES: readonly (readonly [HiringStatus, number])[] = [
  ['active', 80],
  ['onboarding', 6],
  ['invited', 3],
  ['offboarding', 4],
  ['inactive', 7],
];

const PERSON_STATUS: Readonly<Record<HiringStatus, PersonStatus>> = {
  active: 'ACTIVE',
  onboarding: 'NOT_STARTED',
  invited: 'NOT_STARTED',
  offboarding: 'OFFBOARDING',
  inactive: 'INACTIVE',
};

const DAY_MS = 86_400_000;
const EPOCH_START = Date.UTC(2018, 0, 1);
const EPOCH_SPAN_DAYS = 8 * 365;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoDateTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function contractTypeFor(rng: Rng, hiringType: HiringType): ContractType {
  switch (hiringType) {
    case 'eor':
      return 'eor';
    case 'peo':
      return 'peo';
    case 'contractor':
      return rng.weighted([
        ['ongoing_time_based', 6],
        ['pay_as_you_go_time_based', 3],
        ['milestones', 1],
      ] as const);
    default:
      return 'hris_direct_employee';
  }
}

function contractStatusFor(rng: Rng, hiringType: HiringType, status: HiringStatus): ContractStatus {
  switch (status) {
    case 'active':
    case 'offboarding':
      return 'in_progress';
    case 'onboarding':
      return hiringType === 'eor' ? 'onboarding' : 'waiting_for_employee_sign';
    case 'invited':
      return hiringType === 'contractor' ? 'waiting_for_contractor_sign' : 'new';
    case 'inactive':
      return rng.next() < 0.8 ? 'completed' : 'cancelled';
  }
}

/** Memoises a string function over the small reference lists (names, titles). */
function memo(fn: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let hit = cache.get(text);
    if (hit === undefined) {
      hit = fn(text);
      cache.set(text, hit);
    }
    return hit;
  };
}

const CONTRACT_ID_SPACE = 36 ** 7;

/**
 * Deel-style short contract ids ("m3kd9x2"): an affine bijection of the index modulo 36^7
 * (the multiplier is coprime with 36), so ids are unique without a lookup set.
 */
function contractIdFor(index: number, offset: number): string {
  return ((offset + index * 2_654_435_761) % CONTRACT_ID_SPACE).toString(36).padStart(7, '0');
}

export function generateDataset(workerCount: number, seed: number, orgName: string): Dataset {
  if (!Number.isInteger(workerCount) || workerCount < 1 || workerCount > MAX_WORKERS) {
    throw new RangeError(`workers must be an integer from 1 to ${MAX_WORKERS}`);
  }
  const rng = createRng(seed);
  const org: Organization = {
    id: rng.uuid(),
    numericId: 100_000 + rng.int(900_000),
    name: orgName,
    departments: DEPARTMENTS.map((name) => ({ id: rng.uuid(), name })),
    teams: TEAMS.map((name) => ({ id: rng.uuid(), name })),
    legalEntities: LEGAL_ENTITY_SUFFIXES.map((suffix) => ({
      id: rng.uuid(),
      name: `${orgName.replace(/\s*\(simulated\)\s*$/, '')} ${suffix}`,
    })),
  };
  const countryWeights = COUNTRIES.map(
    (c) =>
      [
        { info: c, titles: new Map(JOB_TITLES.map((t) => [t, `${t} (${c.name})`] as const)) },
        c.weight,
      ] as const,
  );
  const emailCounts = new Map<string, number>();
  const workers: Worker[] = [];
  const byId = new Map<string, Worker>();
  const firstWorkerId = 2_000_000 + rng.int(1_000_000);
  const contractIdOffset = rng.int(CONTRACT_ID_SPACE);
  // Names and titles come from small lists: build each distinct derived string once.
  const folded = memo(fold);
  const emailOf = memo(emailPart);
  const joinName = new Map<string, Map<string, string>>();

  for (let i = 0; i < workerCount; i++) {
    const country = rng.weighted(countryWeights);
    const firstName = rng.pick(country.info.firstNames);
    const lastName = rng.pick(country.info.lastNames);
    let byLast = joinName.get(firstName);
    if (!byLast) joinName.set(firstName, (byLast = new Map()));
    let fullName = byLast.get(lastName);
    if (fullName === undefined) byLast.set(lastName, (fullName = `${firstName} ${lastName}`));
    const local = `${emailOf(firstName)}.${emailOf(lastName)}`;
    const seen = emailCounts.get(local) ?? 0;
    emailCounts.set(local, seen + 1);
    const workEmail = `${local}${seen === 0 ? '' : String(seen + 1)}@${EMAIL_DOMAIN}`;
    const personalEmail = `${emailOf(firstName)}${emailOf(lastName).slice(0, 1)}${i}@mail.example`;
    const hiringType = rng.weighted(HIRING_TYPES);
    const hiringStatus = rng.weighted(HIRING_STATUSES);
    const startMs = EPOCH_START + rng.int(EPOCH_SPAN_DAYS) * DAY_MS;
    const createdMs = startMs - (7 + rng.int(60)) * DAY_MS + rng.int(DAY_MS);
    const updatedMs = createdMs + rng.int(400) * DAY_MS + rng.int(DAY_MS);
    const department = rng.int(org.departments.length);
    const jobTitle = rng.pick(JOB_TITLES);
    const contractType = contractTypeFor(rng, hiringType);
    const contractStatus = contractStatusFor(rng, hiringType, hiringStatus);
    const signed = contractStatus === 'in_progress' || contractStatus === 'completed';
    const ended = contractStatus === 'completed' || contractStatus === 'cancelled';
    const scale = contractType === 'pay_as_you_go_time_based' ? 'hourly' : 'monthly';
    const contract: Contract = {
      id: contractIdFor(i, contractIdOffset),
      type: contractType,
      status: contractStatus,
      title: country.titles.get(jobTitle) ?? jobTitle,
      scale,
      rate: scale === 'hourly' ? 20 + rng.int(130) : 1500 + rng.int(120) * 100,
      currency: country.info.currency,
      createdMs,
      clientSignedMs: signed ? createdMs + DAY_MS : null,
      workerSignedMs: signed ? createdMs + 2 * DAY_MS : null,
      terminationMs: ended ? updatedMs : null,
      isArchived: ended && rng.next() < 0.3,
    };
    const worker: Worker = {
      index: i,
      id: rng.uuid(),
      workerId: String(firstWorkerId + i),
      firstName,
      lastName,
      fullName,
      workEmail,
      personalEmail,
      country: country.info,
      jobTitle,
      seniority: rng.pick(SENIORITIES),
      hiringType,
      hiringStatus,
      personStatus: PERSON_STATUS[hiringStatus],
      startMs,
      createdMs,
      updatedMs,
      department,
      team: rng.int(org.teams.length),
      legalEntity: rng.int(org.legalEntities.length),
      contract,
      foldedName: folded(fullName),
      foldedTitle: folded(contract.title),
    };
    workers.push(worker);
    byId.set(worker.id, worker);
  }

  const personalUser: PersonalUser = {
    id: 900_000 + rng.int(99_999),
    userId: 500_000 + rng.int(99_999),
    firstName: 'Dana',
    lastName: 'Admin',
    email: `dana.admin@${EMAIL_DOMAIN}`,
    hrisOrgUserId: rng.uuid(),
  };
  return { seed, org, workers, byId, firstWorkerId, personalUser };
}

/** Looks a worker up by Deel's numeric worker id. */
export function workerByWorkerId(ds: Dataset, workerId: string): Worker | undefined {
  if (!/^\d{1,9}$/.test(workerId)) return undefined;
  return ds.workers[Number(workerId) - ds.firstWorkerId];
}

/** A stable per-worker uuid for `hris_organization_user_id`, derived on demand. */
export function hrisOrgUserId(ds: Dataset, w: Worker): string {
  return createRng((ds.seed * 100_003 + w.index + 0x9e37) >>> 0).uuid();
}
