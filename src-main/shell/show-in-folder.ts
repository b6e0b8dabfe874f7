import { shell } from 'electron';

/** Opens the system's file manager at a file the console saved (an audit export). */
export function showInFolder(path: string): void {
  shell.showItemInFolder(path);
}
