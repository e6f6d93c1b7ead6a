import { addMember, bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

const negativeRefund = {
  all: [
    { field: 'sentiment', operator: 'eq', value: 'NEGATIVE' },
    {
      any: [
        { field: 'transcript', operator: 'contains', value: 'refund' },
        { field: 'qualityScore', operator: 'lt', value: 60 },
      ],
    },
  ],
};

describe('alert rules', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
  });
  afterAll(() => t.close());

  const create = (body: object, who: TestUser | string = owner) =>
    t.http.post(`${API}/alerts`).set(bearer(who)).send(body);

  const ruleCount = async () =>
    (await t.http.get(`${API}/alerts`).set(bearer(owner))).body.meta.total as number;

  it('creates, reads, lists, updates and deletes a rule', async () => {
    const created = await create({
      name: 'Angry customer wants money back',
      condition: negativeRefund,
      actions: ['webhook', 'email'],
      emails: ['QA-Lead@Example.com'],
    });
    expect(created.status).toBe(201);
    const rule = created.body.data;
    expect(rule).toMatchObject({
      name: 'Angry customer wants money back',
      projectId: null,
      condition: negativeRefund,
      actions: ['webhook', 'email'],
      emails: ['qa-lead@example.com'],
      enabled: true,
    });
    expect(rule.id).toMatch(/^alr_[0-9A-Z]{26}$/);

    const read = await t.http.get(`${API}/alerts/${rule.id}`).set(bearer(owner));
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(rule);

    const list = await t.http.get(`${API}/alerts?pageSize=5`).set(bearer(owner));
    expect(list.status).toBe(200);
    expect(list.body.meta).toMatchObject({ page: 1, pageSize: 5 });
    expect(list.body.data.map((r: { id: string }) => r.id)).toContain(rule.id);

    const patched = await t.http
      .patch(`${API}/alerts/${rule.id}`)
      .set(bearer(owner))
      .send({
        enabled: false,
        actions: ['webhook'],
        condition: { field: 'duration', operator: 'gt', value: 600 },
      });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      enabled: false,
      actions: ['webhook'],
      emails: [],
      condition: { field: 'duration', operator: 'gt', value: 600 },
      name: rule.name,
    });

    expect((await t.http.delete(`${API}/alerts/${rule.id}`).set(bearer(owner))).status).toBe(204);
    const gone = await t.http.get(`${API}/alerts/${rule.id}`).set(bearer(owner));
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('NOT_FOUND');
  });

  it('scopes a rule to a project of the organisation only', async () => {
    const project = await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'Support line' });
    expect(project.status).toBe(201);
    const scoped = await create({
      name: 'Support only',
      projectId: project.body.data.id,
      condition: { field: 'complianceStatus', operator: 'eq', value: 'failed' },
      actions: ['webhook'],
    });
    expect(scoped.status).toBe(201);
    expect(scoped.body.data.projectId).toBe(project.body.data.id);

    const stranger = await signUp(t.http);
    const foreign = await t.http.post(`${API}/projects`).set(bearer(stranger)).send({ name: 'Theirs' });
    const before = await ruleCount();
    const refused = await create({
      name: 'Not mine',
      projectId: foreign.body.data.id,
      condition: { field: 'qualityScore', operator: 'lt', value: 50 },
      actions: ['webhook'],
    });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('NOT_FOUND');
    expect(await ruleCount()).toBe(before);
  });

  describe('a malformed rule is a 400 naming the bad part, and nothing is stored', () => {
    const base = { name: 'bad', actions: ['webhook'] };
    it.each([
      [
        'unknown field',
        {
          all: [
            { field: 'qualityScore', operator: 'lt', value: 50 },
            { field: 'mood', operator: 'eq', value: 'sad' },
          ],
        },
        'condition.all[1].field',
        /not a known field/,
      ],
      [
        'unknown metric',
        { field: 'metrics.happiness', operator: 'gt', value: 1 },
        'condition.field',
        /not a known field/,
      ],
      [
        'operator not valid for the field',
        { any: [{ field: 'qualityScore', operator: 'contains', value: 'x' }] },
        'condition.any[0].operator',
        /not valid for qualityScore/,
      ],
      [
        'unknown operator',
        { field: 'duration', operator: 'between', value: 3 },
        'condition.operator',
        /must be one of/,
      ],
      [
        'wrong value type',
        { all: [{ any: [{ field: 'duration', operator: 'gt', value: '600' }] }] },
        'condition.all[0].any[0].value',
        /must be a number/,
      ],
      [
        'value outside the field words',
        { field: 'sentiment', operator: 'in', value: ['NEGATIVE', 'FURIOUS'] },
        'condition.value[1]',
        /one of POSITIVE/,
      ],
      [
        'bad regular expression',
        { field: 'transcript', operator: 'matches', value: '(refund' },
        'condition.value',
        /not a valid regular expression/,
      ],
      [
        'catastrophic regular expression',
        { field: 'transcript', operator: 'matches', value: '(\\w+\\s?)+$' },
        'condition.value',
        /catastrophic/,
      ],
      ['empty group', { any: [] }, 'condition.any', /non-empty list/],
      ['not an object', 'sentiment = NEGATIVE', 'condition', /must be an object/],
    ])('%s', async (_, condition, field, message) => {
      const before = await ruleCount();
      const response = await create({ ...base, condition });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toEqual([{ field, message: expect.stringMatching(message) }]);
      expect(response.body.error.message).toMatch(field);
      expect(await ruleCount()).toBe(before);
    });

    it('too deep a nesting', async () => {
      let deep: object = { field: 'qualityScore', operator: 'lt', value: 50 };
      for (let i = 0; i < 7; i += 1) deep = { all: [deep] };
      const response = await create({ ...base, condition: deep });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/too deep/);
    });

    it.each([
      ['missing condition', { name: 'x', actions: ['webhook'] }, 'condition'],
      ['unknown action', { ...base, actions: ['sms'], condition: negativeRefund }, 'actions'],
      ['no action', { ...base, actions: [], condition: negativeRefund }, 'actions'],
      [
        'bad address',
        {
          ...base,
          actions: ['email'],
          emails: ['qa@example.com', 'not-an-address'],
          condition: negativeRefund,
        },
        'emails',
      ],
      [
        'addresses without the email action',
        { ...base, emails: ['qa@example.com'], condition: negativeRefund },
        'emails',
      ],
      ['unknown property', { ...base, condition: negativeRefund, severity: 'high' }, 'severity'],
      [
        'line break in the name',
        { ...base, name: 'x\r\nBcc: victim@example.com', condition: negativeRefund },
        'name',
      ],
    ])('%s', async (_, body, field) => {
      const before = await ruleCount();
      const response = await create(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await ruleCount()).toBe(before);
    });

    it('a bad condition in a PATCH leaves the rule as it was', async () => {
      const rule = (await create({ ...base, condition: negativeRefund })).body.data;
      const response = await t.http
        .patch(`${API}/alerts/${rule.id}`)
        .set(bearer(owner))
        .send({ name: 'renamed', condition: { all: [{ field: 'tags', operator: 'gt', value: 1 }] } });
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].field).toBe('condition.all[0].operator');
      expect((await t.http.get(`${API}/alerts/${rule.id}`).set(bearer(owner))).body.data).toEqual(rule);
    });
  });

  it('lets supervisors and alerts.write tokens write, viewers and agents only read', async () => {
    const body = { name: 'by role', condition: negativeRefund, actions: ['webhook'] };
    const supervisor = await addMember(t.http, owner, 'supervisor');
    const agent = await addMember(t.http, owner, 'agent');
    const viewer = await addMember(t.http, owner, 'viewer');
    const writer = await serviceToken(t.http, owner, ['alerts.write']);
    const reader = await serviceToken(t.http, owner, ['recordings.read']);

    expect((await create(body, supervisor)).status).toBe(201);
    const byToken = await create(body, writer);
    expect(byToken.status).toBe(201);
    for (const who of [agent, viewer]) {
      expect((await create(body, who)).status).toBe(403);
      expect((await t.http.delete(`${API}/alerts/${byToken.body.data.id}`).set(bearer(who))).status).toBe(
        403,
      );
      expect((await t.http.get(`${API}/alerts/${byToken.body.data.id}`).set(bearer(who))).status).toBe(200);
    }
    expect((await t.http.get(`${API}/alerts`).set(bearer(writer))).status).toBe(200);
    expect((await t.http.get(`${API}/alerts`).set(bearer(reader))).status).toBe(403);
    expect((await t.http.get(`${API}/alerts/events`).set(bearer(reader))).status).toBe(403);
    expect((await t.http.get(`${API}/alerts`)).status).toBe(401);
  });

  it('answers 404 for an id of the wrong kind', async () => {
    const response = await t.http.get(`${API}/alerts/rec_01JD0000000000000000000000`).set(bearer(owner));
    expect(response.status).toBe(404);
  });
});
