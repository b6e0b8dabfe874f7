import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeelClient, type Person } from '../../../src-main/deel/client';
import { createRequestLimiter } from '../../../src-main/deel/limiter';
import { checkIdentity } from '../../../src-main/sessions/identity-check';
import { startHarness, type Harness } from './harness';

// GET /people/me in the three shapes deel-api.md lists (people.yml's flat object, {data:{...}},
// and an emails[] list instead of email), read by the client from the simulator over HTTP, and
// the simulator answering for someone else (peopleMeMismatch).

let h: Harness;
let worker: Person;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  const page = await h.client().listPeople({ hiringTypes: ['eor'], limit: 5 });
  worker = page.people[0]!;
  token = (await h.client().createWorkerSession(worker.id)).token;
});
afterAll(async () => {
  await h.sim.close();
});

/** What the simulator itself answered, so each case is known to be the shape it claims. */
async function rawMe(): Promise<Record<string, unknown>> {
  const response = await fetch(`${h.sim.url}/people/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('GET /people/me in each shape', () => {
  it.each(['flat', 'data', 'emails'] as const)(
    'reads the %s shape: numeric id, name, email, organization, HRIS user id',
    async (shape) => {
      h.sim.setFaults({ peopleMeShape: shape });
      try {
        const raw = await rawMe();
        if (shape === 'data') expect(raw).toHaveProperty('data.id', Number(worker.workerId));
        if (shape === 'emails') {
          expect(raw).not.toHaveProperty('email');
          expect(raw['emails']).toEqual([{ type: 'work', value: worker.email }]);
        }
        if (shape === 'flat') expect(raw).toHaveProperty('email', worker.email);

        const me = await h.client().getMe(token);
        expect(me).toMatchObject({
          id: worker.workerId,
          name: worker.name,
          email: worker.email,
          emails: [worker.email],
          organizationName: h.sim.orgName,
          hrisOrganizationUserId: worker.hrisOrganizationUserId,
        });
        expect(worker.hrisOrganizationUserId).toMatch(/^[0-9a-f-]{36}$/);
      } finally {
        h.sim.setFaults({ peopleMeShape: 'flat' });
      }
    },
  );

  it('reads an emails[] list of plain strings, and prefers the work entry of a typed list', async () => {
    const answers: unknown[] = [
      { id: 42, full_name: 'Ada Lovelace', emails: ['ada@example.com', 'ada@home.example'] },
      {
        data: {
          id: 43,
          first_name: 'Grace',
          last_name: 'Hopper',
          emails: [
            { type: 'personal', value: 'grace@home.example' },
            { type: 'work', value: 'grace@navy.example' },
          ],
        },
      },
    ];
    const client = new DeelClient({
      baseUrl: 'https://api.letsdeel.com/rest/v2',
      token: 'org-token-for-a-stub',
      limiter: createRequestLimiter(1000),
      fetch: () =>
        Promise.resolve(
          new Response(JSON.stringify(answers.shift()), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          }),
        ),
    });
    expect(await client.getMe('worker-token-stub')).toMatchObject({
      id: '42',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      emails: ['ada@example.com', 'ada@home.example'],
    });
    expect(await client.getMe('worker-token-stub')).toMatchObject({
      id: '43',
      name: 'Grace Hopper',
      email: 'grace@navy.example',
      emails: ['grace@navy.example', 'grace@home.example'],
    });
  });

  it('with peopleMeMismatch, /people/me answers another worker, and the identity check says what differs', async () => {
    h.sim.setFaults({ peopleMeMismatch: true, peopleMeShape: 'emails' });
    try {
      const me = await h.client().getMe(token);
      expect(me.id).not.toBe(worker.workerId);
      const identity = checkIdentity(me, {
        workerId: worker.workerId,
        hrisOrganizationUserId: worker.hrisOrganizationUserId,
        name: worker.name,
        emails: worker.emails,
        organization: h.sim.orgName,
      });
      expect(identity.matches).toBe(false);
      expect(identity.mismatches).toEqual(expect.arrayContaining(['id', 'email']));
      // Same organization: that field was compared and is not among the differences.
      expect(identity.checked).toContain('organization');
      expect(identity.mismatches).not.toContain('organization');
    } finally {
      h.sim.setFaults({ peopleMeMismatch: false, peopleMeShape: 'flat' });
    }
    // Without the fault the same comparison passes on every field.
    const me = await h.client().getMe(token);
    expect(
      checkIdentity(me, {
        workerId: worker.workerId,
        hrisOrganizationUserId: worker.hrisOrganizationUserId,
        name: worker.name,
        emails: worker.emails,
        organization: h.sim.orgName,
      }),
    ).toEqual({
      name: worker.name,
      email: worker.email,
      matches: true,
      mismatches: [],
      checked: ['id', 'email', 'name', 'organization'],
    });
  });
});

describe('a token without "sensitive data"', () => {
  it('gets /people and /people/{id} with names and emails null, ids kept', async () => {
    h.sim.setFaults({ hideSensitiveData: true });
    try {
      const page = await h.client().listPeople({ limit: 10 });
      expect(page.people).toHaveLength(10);
      for (const person of page.people) {
        expect(person).toMatchObject({ name: '', email: null, emails: [] });
        expect(person.workerId).toMatch(/^\d+$/);
      }
      const one = await h.client().getPerson(worker.id);
      expect(one).toMatchObject({
        id: worker.id,
        workerId: worker.workerId,
        name: '',
        email: null,
      });
    } finally {
      h.sim.setFaults({ hideSensitiveData: false });
    }
    expect((await h.client().getPerson(worker.id))?.name).toBe(worker.name);
    expect(await h.client().getPerson('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
