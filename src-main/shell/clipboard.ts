import { clipboard } from 'electron';
import type { Clipboard } from '../sessions/ports';

/** The system clipboard, written only by main (the page has no clipboard permission). */
export const electronClipboard: Clipboard = {
  writeText: (text) => clipboard.writeText(text),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};
