import type { WorkerRow } from '../../src-shared/contract';
import type { DeelClient, Person } from '../deel/client';
import type { WorkerSource } from '../workers/worker-queries';

function rowOf(person: Person): WorkerRow {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    country: person.country,
    jobTitle: person.jobTitle,
    hiringType: person.hiringType,
    hiringStatus: person.hiringStatus,
  };
}

/**
 * Workers from `GET /people` (the default), or from `GET /contracts` (each contract's
 * `worker.id` is the profile id tokens use; one row per worker, first contract wins).
 */
export function workerSource(client: () => DeelClient): WorkerSource {
  return async function* (query, signal) {
    const deel = client();
    if (query.source === 'contracts') {
      const seen = new Set<string>();
      for await (const page of deel.streamContracts({
        ...(query.search && { search: query.search }),
        ...(query.hiringTypes && { types: query.hiringTypes }),
        ...(query.hiringStatuses && { statuses: query.hiringStatuses }),
      })) {
        if (signal.aborted) return;
        const rows: WorkerRow[] = [];
        for (const contract of page.contracts) {
          const worker = contract.worker;
          if (!worker || seen.has(worker.id)) continue;
          seen.add(worker.id);
          rows.push({
            id: worker.id,
            name: worker.name,
            email: worker.email,
            country: null,
            jobTitle: contract.title,
            hiringType: contract.type,
            hiringStatus: contract.status,
          });
        }
        // Deel's contract total is wrong with filters and counts contracts, not workers.
        yield { rows, total: null };
      }
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
      yield { rows: page.people.map(rowOf), total: page.total };
    }
  };
}
