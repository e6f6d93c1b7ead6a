import { addMember, bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1/analysis-profiles';

const criterion = (overrides: Record<string, unknown> = {}) => ({
  id: 'disclosure',
  category: 'compliance',
  description: 'Discloses recording',
  weight: 2,
  compliance: true,
  speaker: 'agent',
  phrases: ['this call may be recorded'],
  window: { fromStart: 30 },
  ...overrides,
});

describe('analysis profiles API', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
  });
  afterAll(() => t.close());

  it('starts every organisation with the built-in default profile, once', async () => {
    const [first, second] = await Promise.all([
      t.http.get(API).set(bearer(owner)),
      t.http.get(API).set(bearer(owner)),
    ]);
    expect(first.status).toBe(200);
    expect(first.body.meta).toEqual({ page: 1, pageSize: 20, total: 1, nextCursor: null });
    expect(second.body.data[0].id).toBe(first.body.data[0].id);
    const profile = first.body.data[0];
    expect(profile).toMatchObject({ name: 'Default', isDefault: true });
    expect(profile.id).toMatch(/^prf_/);
    expect(profile.criteria.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([
        'greeting',
        'disclosure',
        'identification',
        'empathy',
        'resolution',
        'closing',
        'monologue',
      ]),
    );
    expect(profile.criteria.find((c: { id: string }) => c.id === 'disclosure').compliance).toBe(true);
  });

  it('creates, reads, updates and deletes a profile', async () => {
    const created = await t.http
      .post(API)
      .set(bearer(owner))
      .send({
        name: 'Sales',
        criteria: [
          criterion(),
          criterion({
            id: 'talk',
            category: 'delivery',
            compliance: false,
            phrases: undefined,
            window: undefined,
            metric: { name: 'agentTalkShare', operator: 'lte', value: 0.7 },
          }),
        ],
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect(created.body.data).toMatchObject({ name: 'Sales', isDefault: false });
    expect(created.body.data.criteria[1].metric).toEqual({
      name: 'agentTalkShare',
      operator: 'lte',
      value: 0.7,
    });

    const patched = await t.http.patch(`${API}/${id}`).set(bearer(owner)).send({ name: 'Sales v2' });
    expect(patched.status).toBe(200);
    expect(patched.body.data.name).toBe('Sales v2');
    expect(patched.body.data.criteria).toHaveLength(2);

    expect((await t.http.get(`${API}/${id}`).set(bearer(owner))).body.data.name).toBe('Sales v2');
    expect((await t.http.delete(`${API}/${id}`).set(bearer(owner))).status).toBe(204);
    expect((await t.http.get(`${API}/${id}`).set(bearer(owner))).status).toBe(404);
  });

  it('refuses malformed criteria with a 400 that names the part, and stores nothing', async () => {
    const before = (await t.http.get(API).set(bearer(owner))).body.meta.total as number;
    const cases: Array<[object, string]> = [
      [{ name: 'x', criteria: [] }, 'criteria'],
      [{ name: 'x', criteria: [criterion({ speaker: 'robot' })] }, 'speaker'],
      [{ name: 'x', criteria: [criterion({ metric: { name: 'nope', operator: 'lt', value: 1 } })] }, 'name'],
      [{ name: 'x', criteria: [criterion(), criterion()] }, 'used twice'],
      [{ name: 'x', criteria: [criterion({ phrases: undefined })] }, 'needs phrases'],
      [{ name: 'x', criteria: [criterion({ phrases: ['?!'] })] }, 'must contain a word'],
      [{ name: 'x', criteria: [criterion({ weight: -1 })] }, 'weight'],
      [{ name: 'x', criteria: [criterion()], extra: true }, 'extra'],
    ];
    for (const [body, mention] of cases) {
      const response = await t.http.post(API).set(bearer(owner)).send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.body.error)).toContain(mention);
    }
    expect((await t.http.get(API).set(bearer(owner))).body.meta.total).toBe(before);
  });

  it('keeps the default profile: it cannot be deleted', async () => {
    const list = await t.http.get(API).set(bearer(owner));
    const defaultId = list.body.data.find((p: { isDefault: boolean }) => p.isDefault).id as string;
    const response = await t.http.delete(`${API}/${defaultId}`).set(bearer(owner));
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONFLICT');
  });

  it('lets agents and read-scoped service tokens read, and only supervisors and up change profiles', async () => {
    const agent = await addMember(t.http, owner, 'agent');
    const supervisor = await addMember(t.http, owner, 'supervisor');
    const token = await serviceToken(t.http, owner, ['analyses.read']);
    const body = { name: 'QA', criteria: [criterion()] };
    expect((await t.http.get(API).set(bearer(agent))).status).toBe(200);
    expect((await t.http.get(API).set(bearer(token))).status).toBe(200);
    expect((await t.http.post(API).set(bearer(agent)).send(body)).status).toBe(403);
    expect((await t.http.post(API).set(bearer(token)).send(body)).status).toBe(403);
    expect((await t.http.post(API).set(bearer(supervisor)).send(body)).status).toBe(201);
  });

  it('answers 404 for an id of the wrong type', async () => {
    const response = await t.http.get(`${API}/rec_01JD0000000000000000000000`).set(bearer(owner));
    expect(response.status).toBe(404);
  });
});
