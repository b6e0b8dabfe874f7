import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeelClient } from '../../../src-main/deel/client';
import { DeelApiError } from '../../../src-main/deel/errors';
import { caught, startHarness, type Harness } from './harness';

// The client's mint against the simulator over real HTTP: one Idempotency-Key per mint, on
// every attempt; retried only when nothing was minted (429, connection refused); a replay is
// recognised by x-original-request-id; the profile field's spelling falls back once.

let h: Harness;
let eorIds: string[];
let contractorId: string;

beforeAll(async () => {
  h = await startHarness();
  const people = (await h.client().listPeople({ limit: 100 })).people;
  eorIds = people.filter((p) => p.hiringType === 'eor').map((p) => p.id);
  contractorId = people.find((p) => p.hiringType === 'contractor')!.id;
  expect(eorIds.length).toBeGreaterThan(8);
});
afterEach(() => {
  h.sim.setFaults({
    ignoreIdempotencyKeys: false,
    profileIdField: 'profile_id',
    mintLatencyMs: 0,
    rateLimitStorm: false,
  });
  h.log.length = 0;
});
afterAll(() => h.sim.close());

interface SentMint {
  key: string | null;
  body: Record<string, Record<string, string>>;
}

/** A fetch that notes each mint attempt's key and body (never its Authorization header). */
function recordingFetch(): { fetch: typeof fetch; mints: SentMint[] } {
  const mints: SentMint[] = [];
  return {
    mints,
    fetch: async (input, init) => {
      if (input instanceof Request && input.method === 'POST') {
        mints.push({
          key: input.headers.get('idempotency-key'),
          body: JSON.parse(await input.clone().text()) as SentMint['body'],
        });
      }
      return fetch(input, init);
    },
  };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the simulator ("Deel") holds live for a worker, as a fingerprint. */
async function heldBy(profileId: string): Promise<string | undefined> {
  const res = await fetch(`${h.sim.origin}/__sim/worker-sessions`);
  const { sessions } = (await res.json()) as {
    sessions: { profileId: string; fingerprint: string }[];
  };
  return sessions.find((s) => s.profileId === profileId)?.fingerprint;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A mint whose answer never comes (the client gives up) while Deel goes on and mints. */
async function mintWithLostAnswer(client: DeelClient, profileId: string, key: string) {
  h.sim.setFaults({ mintLatencyMs: 250 });
  const error = await caught(client.createWorkerSession(profileId, { idempotencyKey: key }));
  expect(error).toBeInstanceOf(DeelApiError);
  expect((error as DeelApiError).kind).toBe('outcome-unknown');
  h.sim.setFaults({ mintLatencyMs: 0 });
  // Deel finishes the mint the client stopped waiting for.
  for (let waited = 0; h.count('POST', '/workers/session', 201) === 0; waited += 20) {
    if (waited > 5_000) throw new Error('the simulator never finished the mint');
    await sleep(20);
  }
}

describe('an idempotent mint', () => {
  it('sends one Idempotency-Key (a UUID, ≤ 64 chars) per mint, a new one for the next mint', async () => {
    const recorder = recordingFetch();
    const client = h.client({ fetch: recorder.fetch });
    const first = await client.createWorkerSession(eorIds[0]!);
    const second = await client.createWorkerSession(eorIds[0]!);
    expect(recorder.mints.map((m) => m.key)).toEqual([first.idempotencyKey, second.idempotencyKey]);
    expect(first.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(first.originalRequestId).toBeUndefined();
    expect(second.token).not.toBe(first.token);
  });

  it('re-sending the key of a mint whose answer was lost gets the original token back (a replay)', async () => {
    const worker = eorIds[1]!;
    const client = h.client({ timeoutMs: 100 });
    const key = 'remint-replay-0001';
    await mintWithLostAnswer(client, worker, key);
    const minted = h.log.find((e) => e.method === 'POST' && e.status === 201);
    expect(minted).toBeDefined(); // Deel did mint, though the client never heard
    const heldBefore = await heldBy(worker);

    const again = await client.createWorkerSession(worker, { idempotencyKey: key });
    expect(again.originalRequestId).toBe(minted!.apiReqId);
    expect(again.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.requestId).not.toBe(again.originalRequestId);
    // The token Deel holds is still the first mint's, and it is the one the client now has.
    expect(await heldBy(worker)).toBe(heldBefore);
    expect(sha256(again.token)).toBe(heldBefore);
    expect(await client.getMe(again.token)).toMatchObject({ id: expect.any(String) });
    expect(h.count('POST', '/workers/session', 201)).toBe(2); // the mint, then its replay
  });

  it('when the endpoint ignores keys, the re-send mints a new token, which supersedes the lost one', async () => {
    h.sim.setFaults({ ignoreIdempotencyKeys: true });
    const worker = eorIds[2]!;
    const client = h.client({ timeoutMs: 100 });
    const key = 'remint-ignored-0001';
    await mintWithLostAnswer(client, worker, key);
    const orphan = await heldBy(worker);
    expect(orphan).toBeDefined();

    const again = await client.createWorkerSession(worker, { idempotencyKey: key });
    expect(again.originalRequestId).toBeUndefined();
    expect(sha256(again.token)).not.toBe(orphan);
    expect(await heldBy(worker)).toBe(sha256(again.token));
  });

  it('a re-send while the first is still being processed waits out the 429 and gets the replay', async () => {
    h.sim.setFaults({ mintLatencyMs: 300 });
    const worker = eorIds[3]!;
    const client = h.client();
    const key = 'concurrent-reuse-0001';
    const started = performance.now();
    const [first, second] = await Promise.all([
      client.createWorkerSession(worker, { idempotencyKey: key }),
      sleep(50).then(() => client.createWorkerSession(worker, { idempotencyKey: key })),
    ]);
    // The second was refused with 429 + Retry-After: 1 while the first was in flight.
    expect(h.count('POST', '/workers/session', 429)).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(second.token).toBe(first.token);
    expect(first.originalRequestId).toBeUndefined();
    expect(second.originalRequestId).toBe(first.requestId);
    expect(await heldBy(worker)).toBe(sha256(first.token));
  });

  it('a concurrent reuse given up on is a rate-limit error, and nothing was minted by it', async () => {
    h.sim.setFaults({ mintLatencyMs: 200 });
    const worker = eorIds[4]!;
    const key = 'concurrent-reuse-0002';
    const first = h.client().createWorkerSession(worker, { idempotencyKey: key });
    await sleep(50);
    const refused = await caught(
      h.client({ retry: { limit: 0 } }).createWorkerSession(worker, { idempotencyKey: key }),
    );
    expect(refused).toMatchObject({ kind: 'rate-limit', status: 429 });
    expect((refused as DeelApiError).details.retryAfterSeconds).toBe(1);
    const { token } = await first;
    expect(await heldBy(worker)).toBe(sha256(token));
    expect(h.count('POST', '/workers/session', 201)).toBe(1);
  });

  it('a 429 on a mint is retried with the same key, once the wait is over', async () => {
    const recorder = recordingFetch();
    const client = h.client({ fetch: recorder.fetch });
    h.sim.setFaults({ rateLimitStorm: 2 });
    const minted = await client.createWorkerSession(eorIds[5]!);
    expect(h.log.filter((e) => e.method === 'POST').map((e) => e.status)).toEqual([429, 429, 201]);
    expect(recorder.mints).toHaveLength(3);
    expect(new Set(recorder.mints.map((m) => m.key))).toEqual(new Set([minted.idempotencyKey]));
    expect(await heldBy(eorIds[5]!)).toBe(sha256(minted.token));
  });

  it('a 5xx or a timeout on a mint is not retried: Deel may have acted', async () => {
    const recorder = recordingFetch();
    h.sim.setFaults({ errorRate: 1 });
    try {
      const error = await caught(
        h.client({ fetch: recorder.fetch }).createWorkerSession(eorIds[6]!),
      );
      expect(error).toMatchObject({ kind: 'outcome-unknown', status: 500 });
    } finally {
      h.sim.setFaults({ errorRate: 0 });
    }
    expect(recorder.mints).toHaveLength(1);
  });

  it('a connection refused before the request was sent is retried with the same key', async () => {
    // The first two attempts are refused before they leave (as fetch reports ECONNREFUSED).
    const keys: (string | null)[] = [];
    let refusals = 2;
    const client = h.client({
      fetch: async (input, init) => {
        if (input instanceof Request) keys.push(input.headers.get('idempotency-key'));
        if (refusals-- > 0) {
          throw new TypeError('fetch failed', {
            cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
          });
        }
        return fetch(input, init);
      },
    });
    const minted = await client.createWorkerSession(eorIds[7]!);
    expect(keys).toEqual([minted.idempotencyKey, minted.idempotencyKey, minted.idempotencyKey]);
    expect(h.count('POST', '/workers/session', 201)).toBe(1);
  });
});

describe('field-name drift: profile_id or hris_profile_id', () => {
  it('falls back to hris_profile_id once when Deel refuses profile_id, same key, and remembers it', async () => {
    h.sim.setFaults({ profileIdField: 'hris_profile_id' });
    const recorder = recordingFetch();
    const client = h.client({ fetch: recorder.fetch });
    const minted = await client.createWorkerSession(eorIds[0]!);
    expect(recorder.mints.map((m) => Object.keys(m.body['data']!))).toEqual([
      ['profile_id'],
      ['hris_profile_id'],
    ]);
    expect(recorder.mints.map((m) => m.key)).toEqual([
      minted.idempotencyKey,
      minted.idempotencyKey,
    ]);
    expect(minted.profileIdField).toBe('hris_profile_id');
    expect(client.profileIdField()).toBe('hris_profile_id');
    expect(await heldBy(eorIds[0]!)).toBe(sha256(minted.token));

    // The next mint of this client uses the spelling that worked first: one request.
    recorder.mints.length = 0;
    await client.createWorkerSession(eorIds[1]!);
    expect(recorder.mints.map((m) => Object.keys(m.body['data']!))).toEqual([['hris_profile_id']]);

    // If the organization goes back to profile_id, the fallback works the other way too.
    h.sim.setFaults({ profileIdField: 'profile_id' });
    recorder.mints.length = 0;
    await client.createWorkerSession(eorIds[2]!);
    expect(recorder.mints.map((m) => Object.keys(m.body['data']!))).toEqual([
      ['hris_profile_id'],
      ['profile_id'],
    ]);
    expect(client.profileIdField()).toBe('profile_id');
  });

  it('a 400 about the value (not an EOR worker) is not a field-name problem: no second try', async () => {
    const recorder = recordingFetch();
    const error = await caught(
      h.client({ fetch: recorder.fetch }).createWorkerSession(contractorId),
    );
    expect(error).toMatchObject({ kind: 'validation', status: 400 });
    expect(recorder.mints).toHaveLength(1);
  });

  it('tries the other spelling only once: refused both ways is the validation error', async () => {
    h.sim.setFaults({ profileIdField: 'hris_profile_id' });
    const recorder = recordingFetch();
    const error = await caught(
      h.client({ fetch: recorder.fetch }).createWorkerSession(contractorId),
    );
    // profile_id is "not allowed"; hris_profile_id then names a contractor: refused, once each.
    expect(error).toMatchObject({ kind: 'validation', status: 400 });
    expect((error as DeelApiError).fieldErrors[0]?.path).toBe('data.hris_profile_id');
    expect(recorder.mints).toHaveLength(2);
  });
});
