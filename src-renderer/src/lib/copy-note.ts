/** How long "Clipboard cleared" stays after the clear, before the note goes. */
export const CLEARED_NOTE_MS = 10_000;

export type CopyNote =
  | { state: 'copied'; clearsAt: string }
  | { state: 'cleared'; clearedAt: string }
  | { state: 'gone' };

/**
 * The note after a Copy, as time passes: "Copied…" until main clears the clipboard (at
 * `clearsAt`), then "Clipboard cleared" for a while, then nothing (a stale note goes).
 */
export function copyNoteOf(clearsAt: string | undefined, now: number): CopyNote {
  if (!clearsAt) return { state: 'gone' };
  const at = Date.parse(clearsAt);
  if (Number.isNaN(at)) return { state: 'gone' };
  if (now < at) return { state: 'copied', clearsAt };
  if (now < at + CLEARED_NOTE_MS) return { state: 'cleared', clearedAt: clearsAt };
  return { state: 'gone' };
}

/** When the note changes next (ms from `now`), or undefined when it will not. */
export function nextCopyNoteChange(clearsAt: string | undefined, now: number): number | undefined {
  if (!clearsAt) return undefined;
  const at = Date.parse(clearsAt);
  if (Number.isNaN(at)) return undefined;
  if (now < at) return at - now;
  if (now < at + CLEARED_NOTE_MS) return at + CLEARED_NOTE_MS - now;
  return undefined;
}
