import type { EventChannel, EventName } from '../../src-shared/channels';
import { events, type PayloadOf } from '../../src-shared/contract';

/** Pushes one contract event to the page. */
export type Emit = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

/**
 * Checks each payload against the contract before it leaves main (so a token can never ride
 * along in a field the contract does not have: zod strips unknown keys) and hands it to the
 * transport: `webContents.send` in Electron, the loopback bridge in the e2e Chromium launcher.
 */
export function createEmitter(send: (channel: EventChannel, payload: unknown) => void): Emit {
  return (event, payload) => {
    const spec = events[event];
    send(spec.channel, spec.payload.parse(payload));
  };
}
