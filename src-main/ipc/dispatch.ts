import type { z } from 'zod';
import type { InvokeChannel, InvokeMethod } from '../../src-shared/channels';
import { contract, type OutputOf, type ParsedInputOf } from '../../src-shared/contract';
import type { IpcError, IpcResult } from '../../src-shared/errors';
import { toIpcError } from './to-ipc-error';

/** The main-process implementation of every contract operation, on already-parsed input. */
export type Handlers = { [M in InvokeMethod]: (input: ParsedInputOf<M>) => Promise<OutputOf<M>> };

export type Dispatch = (channel: string, rawInput: unknown) => Promise<IpcResult<unknown>>;

const methodByChannel = new Map<string, InvokeMethod>(
  (Object.keys(contract) as InvokeMethod[]).map((method) => [contract[method].channel, method]),
);

export function channelsOf(): InvokeChannel[] {
  return (Object.keys(contract) as InvokeMethod[]).map((method) => contract[method].channel);
}

function invalidArgument(issues: z.core.$ZodIssue[]): IpcError {
  return {
    kind: 'invalid-argument',
    // Shown to the operator as is (the page words each field from its path).
    message: 'Nothing was sent: the console refused a value that is missing or out of range.',
    fieldErrors: issues.slice(0, 20).map((issue) => ({
      path: issue.path.map(String).join('.') || '(input)',
      message: issue.message,
    })),
  };
}

/**
 * Parses every argument with the contract's schema, runs the handler, and returns a typed,
 * secret-free envelope. It never throws: Electron's IPC registration and the e2e test bridge
 * both call it, so both launchers exercise the same path.
 */
export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, rawInput) => {
    const method = methodByChannel.get(channel);
    if (!method) {
      return { ok: false, error: { kind: 'unknown-channel', message: 'Unknown operation.' } };
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) return { ok: false, error: invalidArgument(parsed.error.issues) };
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      const data: unknown = await handler(parsed.data);
      return { ok: true, data: spec.output.parse(data) };
    } catch (error) {
      return { ok: false, error: toIpcError(error) };
    }
  };
}
