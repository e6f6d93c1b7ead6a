import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { analysedCall, type Line } from '../analysis-api/analysis-helpers';

const API = '/api/v1';

const section = (id: string, weight: number, criteria: object[]) => ({ id, name: id, weight, criteria });
const criterion = (id: string, extra: object) => ({
  id,
  category: 'coaching',
  description: `${id} criterion`,
  weight: 1,
  compliance: false,
  speaker: 'agent',
  ...extra,
});

/** A sales scorecard: an opening section, and objection handling that only applies when the customer objects. */
const SALES_PROFILE = {
  name: 'Sales coaching',
  sections: [
    section('opening', 40, [
      criterion('greeting', { points: 10, phrases: ['good morning'], window: { fromStart: 20 } }),
    ]),
    section('handling', 60, [
      criterion('objection', {
        points: 20,
        phrases: ['i can offer', 'what if'],
        appliesWhen: { speaker: 'customer', phrases: ['too expensive'] },
      }),
      criterion('questions', {
        points: 10,
        metric: { name: 'agentQuestions', rubric: { minTarget: 1, maxTarget: 5, targetTolerance: 1 } },
      }),
    ]),
  ],
  colors: [
    { color: 'RED', lowRange: 0, highRange: 50 },
    { color: 'YELLOW', lowRange: 50, highRange: 90 },
    { color: 'GREEN', lowRange: 90, highRange: 100 },
  ],
};

const NO_OBJECTION: Line[] = [
  { timestamp: 0, author: 'Agent', text: 'Good morning, this is Sam from Northwind. Do you have a minute?' },
  { timestamp: 5, author: 'Client', text: 'Sure, go ahead.' },
  { timestamp: 8, author: 'Agent', text: 'Great, I will send you the brochure today.' },
];

const WITH_OBJECTION: Line[] = [
  { timestamp: 0, author: 'Agent', text: 'Hello, this is Sam from Northwind.' },
  { timestamp: 4, author: 'Client', text: 'Honestly, your plan is too expensive for us.' },
  { timestamp: 9, author: 'Agent', text: 'I can offer the annual plan at a lower monthly rate.' },
];

describe('evaluations (api.md "Coaching")', () => {
  let t: TestApp;
  let owner: TestUser;
  let profileId: string;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    const profile = await t.http
      .post(`${API}/analysis-profiles`)
      .set(bearer(owner))
      .send(SALES_PROFILE)
      .expect(201);
    profileId = profile.body.data.id;
    const project = await t.http
      .post(`${API}/projects`)
      .set(bearer(owner))
      .send({ name: 'Outbound', analysisProfileId: profileId })
      .expect(201);
    projectId = project.body.data.id;
  });
  afterAll(() => t.close());

  it('stores a sectioned profile at version 1 and shows it back', async () => {
    const got = await t.http.get(`${API}/analysis-profiles/${profileId}`).set(bearer(owner)).expect(200);
    expect(got.body.data).toMatchObject({
      version: 1,
      criteria: [],
      sections: [
        { id: 'opening', weight: 40 },
        { id: 'handling', weight: 60 },
      ],
      colors: SALES_PROFILE.colors,
    });
  });

  it('scores a call: points per node, not_applicable where the situation did not arise, evidence inside the call', async () => {
    const { analysis } = await analysedCall(t.http, owner, NO_OBJECTION, projectId);
    const evaluation = analysis.evaluation as {
      profileId: string;
      profileVersion: number;
      score: number;
      color: string;
      nodes: Array<{
        id: string;
        result: string;
        pointsEarned: number;
        evidence: Array<{ startTime: number; endTime: number; speakerId: string; quote: string }>;
      }>;
    };
    expect(evaluation).toMatchObject({ profileId, profileVersion: 1, score: 100, color: 'GREEN' });
    const node = (id: string) => evaluation.nodes.find((n) => n.id === id)!;
    expect(node('objection')).toMatchObject({ result: 'not_applicable', pointsEarned: 0 });
    expect(node('greeting')).toMatchObject({ result: 'met', pointsEarned: 10 });
    const [evidence] = node('greeting').evidence;
    expect(evidence.quote).toBe('Good morning');
    expect(evidence.startTime).toBeGreaterThanOrEqual(0);
    expect(evidence.endTime).toBeLessThanOrEqual(20);
    expect(evidence.speakerId).toEqual(expect.any(String));
    expect(analysis.qualityScore).toBe(100);
  });

  it('scores the objection when the customer raises one, with the answer as evidence', async () => {
    const { analysis } = await analysedCall(t.http, owner, WITH_OBJECTION, projectId);
    const evaluation = analysis.evaluation as {
      score: number;
      nodes: Array<{ id: string; result: string; evidence: Array<{ quote: string }> }>;
    };
    const objection = evaluation.nodes.find((n) => n.id === 'objection')!;
    expect(objection.result).toBe('met');
    expect(objection.evidence.map((e) => e.quote)).toEqual(['I can offer', 'too expensive']);
    // No greeting (opening 0 of 40), handling: objection 20 + questions 0 of 10 (none asked, 1 below the target).
    expect(evaluation.score).toBe(40);
  });

  it('makes a new version on every edit; later calls name it, earlier evaluations keep theirs', async () => {
    const edited = await t.http
      .patch(`${API}/analysis-profiles/${profileId}`)
      .set(bearer(owner))
      .send({ sections: [section('opening', 100, SALES_PROFILE.sections[0].criteria)] })
      .expect(200);
    expect(edited.body.data.version).toBe(2);
    const { analysis } = await analysedCall(t.http, owner, NO_OBJECTION, projectId);
    expect(analysis.evaluation).toMatchObject({ profileVersion: 2, sections: [{ id: 'opening' }] });
    const all = await t.http
      .get(`${API}/analyses?projectId=${projectId}&pageSize=100`)
      .set(bearer(owner))
      .expect(200);
    const versions = all.body.data.map(
      (a: { evaluation: { profileVersion: number } }) => a.evaluation.profileVersion,
    );
    expect(versions.sort()).toEqual([1, 1, 2]);
  });

  it('refuses a profile that cannot be scored with a 400 naming the field, and stores nothing', async () => {
    const refuse = async (body: object, field: string) => {
      const response = await t.http
        .post(`${API}/analysis-profiles`)
        .set(bearer(owner))
        .send(body)
        .expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.body.error)).toContain(field);
    };
    const greeting = SALES_PROFILE.sections[0].criteria[0];
    await refuse(
      {
        name: 'x',
        sections: [section('a', 60, [greeting]), section('b', 70, [criterion('c', { phrases: ['hi'] })])],
      },
      'sections',
    );
    await refuse({ name: 'x', criteria: [criterion('c', { points: -1, phrases: ['hi'] })] }, 'points');
    await refuse(
      {
        name: 'x',
        criteria: [
          criterion('c', {
            metric: { name: 'agentQuestions', rubric: { minTarget: 5, maxTarget: 1, targetTolerance: 1 } },
          }),
        ],
      },
      'criteria.0.metric.rubric',
    );
    await refuse(
      { name: 'x', criteria: [criterion('c', { metric: { name: 'charisma', operator: 'gt', value: 1 } })] },
      'metric.name',
    );
    await refuse({ name: 'x', criteria: [] }, 'criteria');
    const list = await t.http.get(`${API}/analysis-profiles?pageSize=100`).set(bearer(owner)).expect(200);
    expect(list.body.data.map((p: { name: string }) => p.name)).not.toContain('x');
  });
});

describe('re-scoring past calls after a profile change', () => {
  let t: TestApp;
  let owner: TestUser;
  let profileId: string;
  let projectId: string;
  const records: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    const profile = await t.http
      .post(`${API}/analysis-profiles`)
      .set(bearer(owner))
      .send({ name: 'Greeting only', criteria: [criterion('greeting', { phrases: ['good morning'] })] })
      .expect(201);
    profileId = profile.body.data.id;
    const project = await t.http
      .post(`${API}/projects`)
      .set(bearer(owner))
      .send({ name: 'Rescored', analysisProfileId: profileId })
      .expect(201);
    projectId = project.body.data.id;
    for (const call of [NO_OBJECTION, WITH_OBJECTION, NO_OBJECTION])
      records.push((await analysedCall(t.http, owner, call, projectId)).recordId);
  });
  afterAll(() => t.close());

  it('runs as a job with progress and leaves every call scored with the new version', async () => {
    // The greeting now asks for a "hello": the two "good morning" calls fall to 0, the "hello" call rises to 100.
    await t.http
      .patch(`${API}/analysis-profiles/${profileId}`)
      .set(bearer(owner))
      .send({ criteria: [criterion('greeting', { phrases: ['hello'] })] })
      .expect(200);
    const started = await t.http
      .post(`${API}/analysis-profiles/${profileId}/rescore`)
      .set(bearer(owner))
      .send({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', projectId })
      .expect(202);
    expect(started.body.data).toMatchObject({ profileVersion: 2, total: 3, status: 'queued' });
    let progress = started.body.data;
    for (let i = 0; i < 200 && progress.status !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      progress = (
        await t.http
          .get(`${API}/analysis-profiles/${profileId}/rescores/${started.body.data.id}`)
          .set(bearer(owner))
          .expect(200)
      ).body.data;
    }
    expect(progress).toMatchObject({ status: 'completed', processed: 3, progress: 100 });
    const scores = [];
    for (const id of records) {
      const record = await t.http.get(`${API}/records/${id}?include=analysis`).set(bearer(owner)).expect(200);
      expect(record.body.data.analysis.evaluation.profileVersion).toBe(2);
      expect(record.body.data.qualityScore).toBe(record.body.data.analysis.qualityScore);
      scores.push(record.body.data.qualityScore);
    }
    expect(scores).toEqual([0, 100, 0]);
  });

  it('refuses a window that is not one, and another organisation gets a 404', async () => {
    const rescore = (body: object, user = owner) =>
      t.http.post(`${API}/analysis-profiles/${profileId}/rescore`).set(bearer(user)).send(body);
    expect((await rescore({ from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' })).status).toBe(400);
    expect((await rescore({ from: 'soon', to: '2030-01-01T00:00:00Z' })).status).toBe(400);
    expect((await rescore({ to: '2030-01-01T00:00:00Z' })).status).toBe(400);
    const stranger = await signUp(t.http);
    expect(
      (await rescore({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }, stranger)).status,
    ).toBe(404);
    const theirs = await t.http
      .post(`${API}/projects`)
      .set(bearer(stranger))
      .send({ name: 'Theirs' })
      .expect(201);
    expect(
      (
        await rescore({
          from: '2000-01-01T00:00:00Z',
          to: '2100-01-01T00:00:00Z',
          projectId: theirs.body.data.id,
        })
      ).status,
    ).toBe(404);
  });
});
