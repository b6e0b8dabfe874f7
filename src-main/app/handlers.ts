import type { DeelClient } from '../deel/client';
import type { Handlers } from '../ipc/dispatch';
import type { Environment } from '../../src-shared/contract';

export interface HandlerDeps {
  client: DeelClient;
  environment: Environment;
}

/** The main-process side of every contract operation. Inputs arrive already parsed. */
export function createHandlers({ client, environment }: HandlerDeps): Handlers {
  return {
    async getOverview() {
      const [organization, workerCount] = await Promise.all([
        client.getOrganization(),
        client.countPeople(),
      ]);
      return { environment, organization, workerCount };
    },
  };
}
