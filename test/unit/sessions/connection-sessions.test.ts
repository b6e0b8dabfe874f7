import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  bulkJobFileName,
  ConnectionSessions,
  sessionsFileName,
  type SessionScope,
} from '../../../src-main/sessions/connection-sessions';
import type { Session } from '../../../src-shared/contract';
import { memoryClipboard } from '../../support/fakes';
import { manualTimers } from '../../support/manual-timers';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'per-connection-'));
  dirs.push(dir);
  const board = memoryClipboard();
  const changes: Session[][] = [];
  const sessions = new ConnectionSessions({
    dir,
    clipboard: board,
    timers: manualTimers(),
    clipboardClearSeconds: () => 30,
    onChange: (list) => changes.push(list),
  });
  return { dir, board, changes, sessions };
}

function scope(key: string, persistent: boolean): SessionScope {
  let n = 0;
  return {
    key,
    persistent,
    profileId: `p-${key.replace(/[^a-z0-9]/g, '').padEnd(6, '0')}`,
    api: {
      createWorkerSession: vi.fn(async () => ({
        token: `wkr_${key}_${++n}`,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      })),
      deleteWorkerSession: vi.fn(async () => ({})),
      getMe: vi.fn(),
    } as unknown as SessionScope['api'],
    audit: vi.fn(async () => undefined),
  };
}

describe('sessions per connection', () => {
  it('names a damaged bulk revoke journal at open and keeps a copy, until acknowledged', async () => {
    const { dir, sessions } = setup();
    writeFileSync(join(dir, bulkJobFileName('custom-org-9')), '{"version":1,"items":[');
    const service = await sessions.for(scope('custom-org-9', true));
    expect(service.bulkJob()).toBeUndefined();
    const [warning] = sessions.warnings();
    expect(warning?.code).toBe('sessions-recovered');
    expect(warning?.message).toMatch(
      /journal of the last bulk revoke could not be read.*kept as bulk-revoke-custom-org-9\.json\.corrupt-\d+/,
    );
    expect(
      readdirSync(dir).some((name) => name.startsWith('bulk-revoke-custom-org-9.json.corrupt-')),
    ).toBe(true);
    sessions.acknowledgeRecovered();
    expect(sessions.warnings()).toEqual([]);
    await sessions.close();
  });

  it('keeps one service per connection key and closes the old one on a switch', async () => {
    const { dir, board, sessions } = setup();
    const live = scope('custom-org-1', true);
    const first = await sessions.for(live);
    expect(await sessions.for(live)).toBe(first);
    const minted = await first.mint('w1', 'Worker One');
    await first.copy(minted.id);
    expect(board.text).toBe('wkr_custom-org-1_1');

    const other = await sessions.for(scope('demo', false));
    expect(other).not.toBe(first);
    // The switch closed the first connection's sessions: copied token cleared, file written.
    expect(board.text).toBe('');
    expect(readdirSync(dir)).toEqual([sessionsFileName('custom-org-1')]);
    expect(other.list()).toEqual([]);
    // Demo sessions are never written.
    await other.mint('w2', 'Worker Two');
    await sessions.close();
    expect(existsSync(join(dir, sessionsFileName('demo')))).toBe(false);

    // Back on the first connection, its sessions are read from its file again.
    const again = await sessions.for(scope('custom-org-1', true));
    expect(again.list().map((s) => s.workerId)).toEqual(['w1']);
    await sessions.close();
  });

  it('names one file per connection, safe for any key', () => {
    expect(sessionsFileName('custom-org/../../x')).toBe('sessions-custom-org_______x.json');
  });
});
