import { z } from 'zod';

/**
 * Deel's answers as the console reads them: every field the console does not strictly need is
 * optional and nullable (deel-api.md: "Any may be null"), ids may come as numbers or strings,
 * and one malformed row is skipped rather than failing its whole page.
 */

const text = z.string().nullish();
const id = z.union([z.string().min(1), z.number()]).transform(String);

export const organizationsSchema = z.object({
  data: z.array(z.object({ id, name: z.string() })).min(1),
});

const personSchema = z.object({
  id: z.string().min(1),
  worker_id: id.nullish(),
  full_name: text,
  first_name: text,
  last_name: text,
  emails: z.array(z.object({ type: text, value: text }).nullish()).nullish(),
  country: text,
  job_title: text,
  hiring_type: text,
  hiring_status: text,
  start_date: text,
  client_legal_entity: z.object({ name: text }).nullish(),
  department: z.object({ name: text }).nullish(),
  hris_organization_user_id: text,
});

export interface Person {
  /** The HRIS profile id (uuid): the id worker tokens are minted and revoked with. */
  id: string;
  workerId: string | null;
  name: string;
  firstName: string | null;
  lastName: string | null;
  /** The work email if there is one, else the first. */
  email: string | null;
  /** Every email Deel lists for the person (work first). */
  emails: string[];
  /** people.yml's `hris_organization_user_id` (uuid): `/people/me` reports it too. */
  hrisOrganizationUserId: string | null;
  country: string | null;
  jobTitle: string | null;
  hiringType: string | null;
  hiringStatus: string | null;
  startDate: string | null;
  legalEntity: string | null;
  department: string | null;
}

function nameOf(
  full: string | null | undefined,
  first: string | null | undefined,
  last: string | null | undefined,
): string {
  const joined = [first, last].filter(Boolean).join(' ');
  return full?.trim() || joined || '';
}

export function toPerson(raw: z.infer<typeof personSchema>): Person {
  const listed = (raw.emails ?? []).filter((e) => e?.value);
  const work = listed.filter((e) => e?.type === 'work');
  const emails = [...work, ...listed.filter((e) => e?.type !== 'work')].map((e) => e?.value ?? '');
  return {
    id: raw.id,
    workerId: raw.worker_id ?? null,
    name: nameOf(raw.full_name, raw.first_name, raw.last_name),
    firstName: raw.first_name ?? null,
    lastName: raw.last_name ?? null,
    email: emails[0] ?? null,
    emails,
    hrisOrganizationUserId: raw.hris_organization_user_id || null,
    country: raw.country ?? null,
    jobTitle: raw.job_title ?? null,
    hiringType: raw.hiring_type ?? null,
    hiringStatus: raw.hiring_status ?? null,
    startDate: raw.start_date ?? null,
    legalEntity: raw.client_legal_entity?.name ?? null,
    department: raw.department?.name ?? null,
  };
}

export const peoplePageSchema = z.object({
  data: z.array(z.unknown()),
  page: z
    .object({
      offset: z.number().nullish(),
      total_rows: z.number().nullish(),
      items_per_page: z.number().nullish(),
    })
    .nullish(),
});

export { personSchema };

const contractSchema = z.object({
  id: id,
  title: text,
  type: text,
  status: text,
  worker: z.object({ id: z.string().min(1), full_name: text, email: text }).nullish(),
});

export interface Contract {
  id: string;
  title: string | null;
  type: string | null;
  status: string | null;
  /** `worker.id` is the worker's profile id (the one worker tokens use). */
  worker: { id: string; name: string; email: string | null } | null;
}

export function toContract(raw: z.infer<typeof contractSchema>): Contract {
  return {
    id: raw.id,
    title: raw.title ?? null,
    type: raw.type ?? null,
    status: raw.status ?? null,
    worker: raw.worker
      ? { id: raw.worker.id, name: raw.worker.full_name ?? '', email: raw.worker.email ?? null }
      : null,
  };
}

export { contractSchema };

export const contractsPageSchema = z.object({
  data: z.array(z.unknown()),
  page: z.object({ cursor: text, total_rows: z.number().nullish() }).nullish(),
});

/** `{data:{token, expires_at}}` as documented; a flat object is accepted too. */
const sessionFields = z.object({ token: z.string().min(1), expires_at: text });
export const workerSessionSchema = z.union([
  z.object({ data: sessionFields }).transform((body) => body.data),
  sessionFields,
]);

/**
 * `GET /people/me` comes in three shapes (deel-api.md): people.yml's flat object (numeric `id`,
 * `email`, `organization_*`, `hris_organization_user_id`), the same wrapped in `{data:{...}}`,
 * and one with an `emails[{type,value}]` list instead of `email` (plain strings are read too).
 */
const meEmail = z.union([z.string(), z.object({ type: text, value: text }).nullish()]);
const meFields = z.object({
  id,
  user_id: id.nullish(),
  full_name: text,
  first_name: text,
  last_name: text,
  email: text,
  emails: z.array(meEmail).nullish(),
  profile_type: text,
  organization_id: id.nullish(),
  organization_name: text,
  hris_organization_user_id: text,
});
export const meSchema = z.union([
  z.object({ data: meFields }).transform((body) => body.data),
  meFields,
]);

export interface Me {
  /** The numeric profile id people.yml documents: a person's `worker_id` in `/people`. */
  id: string;
  userId: string | null;
  name: string;
  /** `email`, else the work (or first) entry of `emails[]`. */
  email: string | null;
  /** Every email the answer names, the primary one first. */
  emails: string[];
  profileType: string | null;
  organizationId: string | null;
  organizationName: string | null;
  hrisOrganizationUserId: string | null;
}

export function toMe(raw: z.infer<typeof meFields>): Me {
  const listed = (raw.emails ?? []).flatMap((entry) => {
    if (typeof entry === 'string') return entry ? [{ type: null, value: entry }] : [];
    return entry?.value ? [{ type: entry.type ?? null, value: entry.value }] : [];
  });
  const ordered = [
    ...(raw.email ? [raw.email] : []),
    ...listed.filter((e) => e.type === 'work').map((e) => e.value),
    ...listed.filter((e) => e.type !== 'work').map((e) => e.value),
  ];
  const emails = [...new Set(ordered)];
  return {
    id: raw.id,
    userId: raw.user_id ?? null,
    name: nameOf(raw.full_name, raw.first_name, raw.last_name),
    email: emails[0] ?? null,
    emails,
    profileType: raw.profile_type ?? null,
    organizationId: raw.organization_id ?? null,
    organizationName: raw.organization_name || null,
    hrisOrganizationUserId: raw.hris_organization_user_id || null,
  };
}
