import type { WorkerQuery, WorkerRow } from '../../src-shared/contract';
import type { DeelClient, Person } from '../deel/client';
import type { ListedIdentity, RowPage, WorkerSource } from '../workers/worker-queries';

const PROFILE_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORKER_ID_RE = /^\d{1,12}$/;

/**
 * A search that is an id: a profile id (uuid) or Deel's numeric `worker_id`. Deel's `search`
 * matches names and emails, which a token without "sensitive data" gets as null, so an id is
 * looked up by the console itself.
 */
export function idSearchOf(
  search: string | undefined,
): { profileId: string } | { workerId: string } | undefined {
  const text = search?.trim() ?? '';
  if (PROFILE_ID_RE.test(text)) return { profileId: text.toLowerCase() };
  if (WORKER_ID_RE.test(text)) return { workerId: text };
  return undefined;
}

function rowOf(person: Person): WorkerRow {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    country: person.country,
    jobTitle: person.jobTitle,
    hiringType: person.hiringType,
    hiringStatus: person.hiringStatus,
    workerId: person.workerId,
  };
}

function pageOf(people: readonly Person[], total: number | null): RowPage {
  const identities = new Map<string, ListedIdentity>();
  for (const person of people) {
    identities.set(person.id, {
      workerId: person.workerId,
      hrisOrganizationUserId: person.hrisOrganizationUserId,
      emails: person.emails,
    });
  }
  return { rows: people.map(rowOf), total, identities };
}

/** The query's hiring filters, applied by the console to people it looked up by id. */
function passesFilters(person: Person, query: WorkerQuery): boolean {
  const { hiringTypes, hiringStatuses } = query;
  if (hiringTypes?.length && !hiringTypes.includes(person.hiringType ?? '')) return false;
  if (hiringStatuses?.length && !hiringStatuses.includes(person.hiringStatus ?? '')) return false;
  return true;
}

/** Who an id search means, looked up in `/people`: by profile id, or read until the worker_id. */
async function personById(
  deel: DeelClient,
  byId: { profileId: string } | { workerId: string },
  query: WorkerQuery,
  signal: AbortSignal,
): Promise<Person | undefined> {
  if ('profileId' in byId) {
    // One documented lookup: GET /people/{id}.
    const person = await deel.getPerson(byId.profileId);
    return person && passesFilters(person, query) ? person : undefined;
  }
  // Deel has no lookup by worker_id: the list is read (with the filters) until it is found.
  for await (const page of deel.streamPeople({
    ...(query.hiringTypes && { hiringTypes: query.hiringTypes }),
    ...(query.hiringStatuses && { hiringStatuses: query.hiringStatuses }),
  })) {
    if (signal.aborted) return undefined;
    const found = page.people.find((person) => person.workerId === byId.workerId);
    if (found) return found;
  }
  return undefined;
}

/**
 * The workers of `GET /contracts`, one row per worker (first contract wins). Deel's contract
 * `search` matches names and titles, never ids, and a contract carries no `worker_id`: an id
 * search finds the person in `/people` first, then that person's contract, searched by name
 * and matched on `worker.id` (the profile id).
 */
async function* contractRows(
  deel: DeelClient,
  query: WorkerQuery,
  signal: AbortSignal,
): AsyncGenerator<RowPage, void, undefined> {
  const byId = idSearchOf(query.search);
  let person: Person | undefined;
  if (byId) {
    // The hiring filters are contract types and statuses here: they apply to the contracts.
    person = await personById(deel, byId, { source: 'people' }, signal);
    if (signal.aborted) return;
    if (!person) {
      yield { rows: [], total: 0 };
      return;
    }
  }
  const search = person ? person.name.trim() : query.search;
  const seen = new Set<string>();
  for await (const page of deel.streamContracts({
    ...(search && { search }),
    ...(query.hiringTypes && { types: query.hiringTypes }),
    ...(query.hiringStatuses && { statuses: query.hiringStatuses }),
  })) {
    if (signal.aborted) return;
    const rows: WorkerRow[] = [];
    for (const contract of page.contracts) {
      const worker = contract.worker;
      if (!worker || seen.has(worker.id)) continue;
      if (person && worker.id.toLowerCase() !== person.id.toLowerCase()) continue;
      seen.add(worker.id);
      rows.push({
        id: worker.id,
        name: worker.name,
        email: worker.email,
        country: null,
        jobTitle: contract.title,
        hiringType: contract.type,
        hiringStatus: contract.status,
        workerId: person ? person.workerId : null,
      });
    }
    // Deel's contract total is wrong with filters and counts contracts, not workers.
    yield { rows, total: null };
    if (person && rows.length > 0) return;
  }
}

/**
 * Workers from `GET /people` (the default), or from `GET /contracts` (each contract's
 * `worker.id` is the profile id tokens use; one row per worker, first contract wins).
 */
export function workerSource(client: () => DeelClient): WorkerSource {
  return async function* (query, signal) {
    const deel = client();
    if (query.source === 'contracts') {
      yield* contractRows(deel, query, signal);
      return;
    }
    const byId = idSearchOf(query.search);
    if (byId) {
      const person = await personById(deel, byId, query, signal);
      if (signal.aborted) return;
      const found = person ? [person] : [];
      yield pageOf(found, found.length);
      return;
    }
    for await (const page of deel.streamPeople({
      ...(query.search && { search: query.search }),
      ...(query.hiringTypes && { hiringTypes: query.hiringTypes }),
      ...(query.hiringStatuses && { hiringStatuses: query.hiringStatuses }),
      ...(query.sortBy && { sortBy: query.sortBy }),
      ...(query.sortOrder && { sortOrder: query.sortOrder }),
    })) {
      if (signal.aborted) return;
      yield pageOf(page.people, page.total);
    }
  };
}
