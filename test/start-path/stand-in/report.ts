import { appendFileSync } from 'node:fs';

/** One line of the stand-in's report: what the app did to "Electron", in order. */
export interface ReportEvent {
  seq: number;
  type: string;
  [field: string]: unknown;
}

/**
 * The stand-in's journal, one JSON line per event, appended synchronously so that nothing is
 * lost when the app exits the process abruptly (as a real Electron quit does). Secrets are
 * never written: worker token values are reported as hashes by the callers.
 */
export function createReport(file: string | undefined) {
  let seq = 0;
  return {
    event(type: string, fields: Record<string, unknown> = {}): number {
      seq += 1;
      const line: ReportEvent = { seq, type, ...fields };
      if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
      return seq;
    },
  };
}
export type Report = ReturnType<typeof createReport>;
