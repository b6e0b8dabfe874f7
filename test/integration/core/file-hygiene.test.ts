import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/audit';
import { startTestCore } from '../../support/test-core';

// Files the console keeps (issue "Security, round two", point 7). Each test describes the
// pre-fix behaviour it reproduces.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-hygiene-'));
  dirs.push(dir);
  return dir;
};
const mode = (path: string) => statSync(path).mode & 0o777;

describe.runIf(process.platform !== 'win32')("the console's files", () => {
  it('an audit export never writes through a link planted at its temp path', async () => {
    // Before: the export wrote `<destination>.<pid>.tmp` with flag `w`, which follows a symlink:
    // a link planted there made the export overwrite the file it pointed to.
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const destination = join(dir, 'export.csv');
    symlinkSync(victim, `${destination}.${process.pid}.tmp`);
    const log = new AuditLog({ dir });
    await log.append({
      action: 'connect',
      environment: 'sandbox',
      organization: 'Org',
      outcome: 'success',
    });
    expect(await log.exportCsv(destination)).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(readFileSync(destination, 'utf8')).toContain('connect');
    expect(
      readdirSync(dir).filter((name) => /^export\.csv\.[0-9a-f]{12}\.tmp$/.test(name)),
    ).toEqual([]);
  });

  it('files an earlier build left readable by others are made owner-only at start', async () => {
    // Before: a pre-existing 0644 config, sessions or audit file stayed 0644 (the mode given at
    // creation does not change an existing file).
    const dir = tempDir();
    const first = await startTestCore({ dir });
    await first.core.close();
    const sessions = join(dir, 'sessions-custom-org.json');
    writeFileSync(sessions, '{"version":1,"sessions":[]}\n');
    for (const name of ['config.json', 'audit-log.jsonl', 'sessions-custom-org.json']) {
      const path = join(dir, name);
      try {
        statSync(path);
      } catch {
        writeFileSync(path, name.endsWith('.jsonl') ? '' : '{}');
      }
      chmodSync(path, 0o644);
    }
    const again = await startTestCore({ dir });
    expect(mode(join(dir, 'config.json'))).toBe(0o600);
    expect(mode(join(dir, 'audit-log.jsonl'))).toBe(0o600);
    await again.core.close();
    // A sessions file is tightened when its connection's sessions are opened (read).
    const { loadSessions } = await import('../../../src-main/sessions/session-file');
    await loadSessions(sessions);
    expect(mode(sessions)).toBe(0o600);
  });
});
