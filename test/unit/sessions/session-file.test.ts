import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  capSessions,
  loadSessions,
  MAX_STORED_SESSIONS,
  saveSessions,
  type StoredSession,
} from '../../../src-main/sessions/session-file';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'session-file-'));
  dirs.push(dir);
  return dir;
}

function stored(id: string, fields: Partial<StoredSession> = {}): StoredSession {
  return {
    id,
    workerId: `worker-${id}`,
    workerName: `Worker ${id}`,
    mintedAt: '2026-11-30T10:00:00.000Z',
    expiresAt: '2026-12-01T10:00:00.000Z',
    state: 'live',
    stateChangedAt: '2026-11-30T10:00:00.000Z',
    revealed: false,
    ...fields,
  };
}

describe('the sessions file', () => {
  it('keeps the worker email and why a token value was dropped; a file from before both still loads', async () => {
    const file = join(folder(), 'sessions-e.json');
    // Written by an earlier build: no workerEmail, no tokenDroppedBecause.
    writeFileSync(file, JSON.stringify({ version: 1, sessions: [stored('old')] }));
    const before = await loadSessions(file);
    expect(before.problem).toBeUndefined();
    expect(before.sessions).toEqual([stored('old')]);
    expect(before.sessions[0]).not.toHaveProperty('workerEmail');

    const withEmail = stored('new', {
      workerEmail: 'charlie.wright@example.test',
      tokenDroppedBecause: 'token-forgotten',
    });
    const noEmail = stored('hidden', { workerEmail: null });
    await saveSessions(file, [withEmail, noEmail]);
    const after = await loadSessions(file);
    expect(after.problem).toBeUndefined();
    expect(after.sessions).toEqual([withEmail, noEmail]);
  });

  it('counts an entry with an unknown drop reason as unreadable, not as restarted', async () => {
    const file = join(folder(), 'sessions-r.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        sessions: [stored('a'), { ...stored('b'), tokenDroppedBecause: 'because' }],
      }),
    );
    const loaded = await loadSessions(file);
    expect(loaded.sessions.map((s) => s.id)).toEqual(['a']);
    expect(loaded.problem?.unreadable).toBe(1);
  });

  it('keeps every valid entry of a damaged file, counts the rest and copies the file aside', async () => {
    const file = join(folder(), 'sessions-x.json');
    const good = [stored('a'), stored('b', { state: 'outcome-unknown', expiresAt: null })];
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        sessions: [good[0], { ...stored('c'), expiresAt: 'next tuesday' }, good[1], 'junk'],
      }),
    );
    const loaded = await loadSessions(file, 1234);
    expect(loaded.sessions).toEqual(good);
    expect(loaded.problem).toEqual({ unreadable: 2, copiedTo: `${file}.corrupt-1234` });
    expect(readFileSync(`${file}.corrupt-1234`, 'utf8')).toContain('next tuesday');
    expect(existsSync(file)).toBe(true);
  });

  it('moves a file that is not even JSON aside whole, and starts empty', async () => {
    const file = join(folder(), 'sessions-x.json');
    writeFileSync(file, '{"version":1,"sessions":[{');
    const loaded = await loadSessions(file, 99);
    expect(loaded).toEqual({
      sessions: [],
      problem: { unreadable: 'all', copiedTo: `${file}.corrupt-99` },
    });
    expect(existsSync(file)).toBe(false);
  });

  it('writes durably through a temp file and leaves none behind; a crash leftover is removed at load', async () => {
    const dir = folder();
    const file = join(dir, 'sessions-x.json');
    await saveSessions(file, [stored('a')]);
    expect(readdirSync(dir)).toEqual(['sessions-x.json']);
    writeFileSync(`${file}.4242.1700000000000.tmp`, '{"half":');
    expect((await loadSessions(file)).sessions.map((s) => s.id)).toEqual(['a']);
    expect(readdirSync(dir)).toEqual(['sessions-x.json']);
  });

  it('rejects when it cannot write, instead of pretending it did', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'not-a-folder'), '');
    await expect(
      saveSessions(join(dir, 'not-a-folder', 'sessions-x.json'), [stored('a')]),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) });
  });

  it('over the cap drops finished sessions only, oldest first; a token Deel may hold always stays', () => {
    const live = Array.from({ length: MAX_STORED_SESSIONS - 2 }, (_, i) => stored(`live-${i}`));
    const unknown = stored('unknown', { state: 'outcome-unknown', expiresAt: null });
    const oldRevoked = stored('old', {
      state: 'revoked',
      stateChangedAt: '2026-01-01T00:00:00.000Z',
    });
    const newRevoked = stored('new', {
      state: 'revoked',
      stateChangedAt: '2026-11-01T00:00:00.000Z',
    });
    const kept = capSessions([oldRevoked, ...live, newRevoked, unknown]);
    expect(kept).toHaveLength(MAX_STORED_SESSIONS);
    expect(kept.map((s) => s.id)).not.toContain('old');
    expect(kept.map((s) => s.id)).toContain('new');
    expect(kept.map((s) => s.id)).toContain('unknown');
    // All live, nothing finished to drop: nothing Deel may hold is ever dropped.
    const allLive = Array.from({ length: MAX_STORED_SESSIONS + 3 }, (_, i) => stored(`l-${i}`));
    expect(capSessions(allLive)).toHaveLength(MAX_STORED_SESSIONS + 3);
  });
});
