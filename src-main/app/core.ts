import { DeelClient } from '../deel/client';
import type { Handlers } from '../ipc/dispatch';
import { startSimulator, type RunningSimulator } from '../simulator';
import type { Environment } from '../../src-shared/contract';
import { createHandlers } from './handlers';

/** Size of the built-in demo organization unless told otherwise. */
export const DEFAULT_DEMO_WORKERS = 250;

export interface CoreOptions {
  /** Where the console keeps its files (the Electron userData folder in the app). */
  userDataDir: string;
  /** Size of the built-in demo organization. */
  demoWorkers?: number;
}

export interface ConsoleCore {
  handlers: Handlers;
  environment: Environment;
  /** The demo simulator, when the console runs on demo data. */
  simulator?: RunningSimulator;
  close(): Promise<void>;
}

/**
 * Everything the main process knows and does, in plain Node: the Electron shell and the e2e
 * test bridge both start it the same way. With no Deel token configured it runs on the
 * built-in simulator (demo mode), bound to loopback.
 */
export async function startConsoleCore(options: CoreOptions): Promise<ConsoleCore> {
  const simulator = await startSimulator({ workers: options.demoWorkers ?? DEFAULT_DEMO_WORKERS });
  const client = new DeelClient({ baseUrl: simulator.url, token: simulator.tokens.admin });
  const environment: Environment = 'demo';
  return {
    environment,
    simulator,
    handlers: createHandlers({ client, environment }),
    close: () => simulator.close(),
  };
}
