import type { WorkerRow } from '../../../src-shared/contract';

/** What tells two workers of the same name apart: the email and Deel's numeric worker id. */
export interface WorkerIdentity {
  email: string;
  /** "Worker id 2893974", or undefined when the source does not say (contracts). */
  workerId: string | undefined;
}

export function identityOf(worker: Pick<WorkerRow, 'email' | 'workerId'>): WorkerIdentity {
  return {
    email: worker.email ?? 'no email',
    workerId: worker.workerId ? `Worker id ${worker.workerId}` : undefined,
  };
}
