import { z } from 'zod';
import { invokeChannels, type InvokeMethod } from './channels';
import type { IpcResult } from './errors';

/**
 * The IPC contract: for each preload API method, its channel, the schema main uses to parse the
 * arguments, and the schema of the data it returns. Main, preload and renderer derive their
 * types from this object; nothing is declared twice.
 */

export const environmentSchema = z.enum([
  'production',
  'sandbox',
  'sandbox-staging',
  'custom',
  'demo',
]);
export type Environment = z.infer<typeof environmentSchema>;

export const overviewSchema = z.object({
  environment: environmentSchema,
  organization: z.object({ id: z.string(), name: z.string() }),
  workerCount: z.number().int().nonnegative(),
});
export type Overview = z.infer<typeof overviewSchema>;

const noArguments = z.undefined();

export const contract = {
  getOverview: { channel: invokeChannels.getOverview, input: noArguments, output: overviewSchema },
} as const satisfies {
  [M in InvokeMethod]: {
    channel: (typeof invokeChannels)[M];
    input: z.ZodType;
    output: z.ZodType;
  };
};

export type Contract = typeof contract;
export type InputOf<M extends InvokeMethod> = z.input<Contract[M]['input']>;
export type OutputOf<M extends InvokeMethod> = z.output<Contract[M]['output']>;

type MethodSignature<M extends InvokeMethod> = [InputOf<M>] extends [undefined]
  ? () => Promise<IpcResult<OutputOf<M>>>
  : (input: InputOf<M>) => Promise<IpcResult<OutputOf<M>>>;

/** What `window.deelConsole` is: exactly the contract's operations, nothing else. */
export type DeelConsoleApi = { readonly [M in InvokeMethod]: MethodSignature<M> };
