import Conf from 'conf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_PROFILES,
  PROFILES_KEY,
  ProfileRegistry,
} from '../../../src-main/vault/profile-registry';
import { VAULT_KEY } from '../../../src-main/vault/schema';
import { FakeCipher } from '../../support/fakes';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
  dirs.push(dir);
  return new Conf<Record<string, unknown>>({ cwd: dir });
}

const connection = (n: number) => ({
  environment: 'sandbox' as const,
  baseUrl: 'https://api-sandbox.demo.deel.com/rest/v2',
  token: `org-token-number-${n}-abcdef`,
  organization: { id: `org-${n}`, name: `Org ${n}` },
});

let ids = 0;
const open = (s: Conf<Record<string, unknown>>, cipher = new FakeCipher(0x41)) =>
  ProfileRegistry.open({
    store: s,
    cipher,
    newId: () => `p-test${String(++ids).padStart(4, '0')}`,
  });

describe('ProfileRegistry', () => {
  it('starts on the demo profile with nothing saved, and writes the list once', async () => {
    const s = store();
    const registry = await open(s);
    expect(registry.activeId()).toBe('demo');
    expect(registry.list()).toEqual([]);
    expect(s.get(PROFILES_KEY)).toEqual({ version: 1, activeId: 'demo', profiles: [] });
  });

  it('seals each profile under its own key, the first under the key a single token had', async () => {
    const s = store();
    const cipher = new FakeCipher(0x41);
    const registry = await open(s, cipher);
    const first = await registry.add('First', connection(1));
    const second = await registry.add('Second', connection(2));
    expect(first.vaultKey).toBe(VAULT_KEY);
    expect(second.vaultKey).toBe(`${VAULT_KEY}-${second.id}`);
    expect(registry.activeId()).toBe(second.id);
    expect(JSON.stringify(s.store)).not.toContain('org-token-number');

    const again = await open(s, cipher);
    expect(again.activeId()).toBe(second.id);
    expect(again.list().map((p) => [p.name, p.vault.connection()?.token])).toEqual([
      ['First', connection(1).token],
      ['Second', connection(2).token],
    ]);
  });

  it('refuses a name taken (any case) or "Demo", and a profile past the limit', async () => {
    const registry = await open(store());
    await registry.add('Acme', connection(1));
    await expect(registry.add('acme', connection(2))).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
    await expect(registry.add('demo', connection(2))).rejects.toMatchObject({
      kind: 'invalid-argument',
    });
    for (let n = 2; n <= MAX_PROFILES; n += 1) await registry.add(`P${n}`, connection(n));
    await expect(registry.add('One too many', connection(99))).rejects.toMatchObject({
      kind: 'not-allowed',
    });
  });

  it('renames, sets the reason rule, and removes a profile with its sealed token', async () => {
    const s = store();
    const registry = await open(s);
    const kept = await registry.add('Kept', connection(1));
    const gone = await registry.add('Gone', connection(2));
    registry.update(kept.id, { name: 'Renamed', requireReason: true });
    registry.remove(gone.id);
    expect(registry.activeId()).toBe('demo');
    expect(s.get(gone.vaultKey)).toBeUndefined();
    const again = await open(s);
    expect(again.list().map((p) => [p.name, p.requireReason])).toEqual([['Renamed', true]]);
    expect(() => again.setActive('p-nothere00')).toThrow(/no such profile/);
  });

  it('a damaged profile list is rebuilt from the single saved token, never a crash', async () => {
    const s = store();
    const cipher = new FakeCipher(0x41);
    await (await open(s, cipher)).add('Acme', connection(1));
    s.set(PROFILES_KEY, { version: 1, activeId: 'p-x', profiles: 'not a list' });
    const again = await open(s, cipher);
    expect(again.list().map((p) => p.name)).toEqual(['Org 1']);
    expect(again.active()?.vault.connection()?.token).toBe(connection(1).token);
  });
});
