import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';

const API = '/api/v1';
const BASE = '/compat/siro/v1/core/recordings';

/** Siro's core recordings (seed 001): the recording object of an analysed call, in Siro's names and units. */
describe('compat: Siro core recordings (seed 001)', () => {
  const corpus = loadCorpus({ formats: ['wav'] });
  let t: TestApp;
  let owner: TestUser;
  let first: string;
  let second: string;

  const upload = async (id: string) => {
    const projectId = (await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: id })).body.data
      .id;
    const created = await t.http
      .post(`${API}/records/upload`)
      .set(bearer(owner))
      .field('projectId', projectId)
      .field('metadata', JSON.stringify({ agentName: 'Priya Shah' }))
      .attach('file', corpus.file(id))
      .expect(201);
    await waitForRecord(t, owner, created.body.data.id, 120_000);
    return created.body.data.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    first = await upload('billing-refund');
    second = await upload('appointment-booking');
  }, 300_000);
  afterAll(() => t.close());

  it('shows an analysed call with its metrics in milliseconds and percent, its evaluation and its follow-ups', async () => {
    const record = (await t.http.get(`${API}/records/${first}`).set(bearer(owner)).expect(200)).body.data;
    const analysis = (await t.http.get(`${API}/records/${first}?include=analysis`).set(bearer(owner))).body
      .data.analysis;
    const response = await t.http.get(`${BASE}/${first}`).set(bearer(owner)).expect(200);
    const data = response.body.data;
    expect(data).toMatchObject({
      id: first,
      deleted: false,
      processingStatus: 'complete',
      processingStage: 'done',
      transcriptionStatus: 'COMPLETE',
      organizationId: owner.orgId,
      userId: owner.userId,
      repFirstName: 'Priya',
      repLastName: 'Shah',
      durationInMilliseconds: Math.round(record.duration * 1000),
      summaryProcessingStatus: 'complete',
    });
    const metrics = analysis.metrics;
    expect(data.conversationTime).toBe(Math.round(metrics.conversationTime * 1000));
    expect(data.repSpeakingTime).toBe(Math.round(metrics.agentTalkTime * 1000));
    expect(data.customerSpeakingTime).toBe(Math.round(metrics.customerTalkTime * 1000));
    expect(data.longestMonologueMillis).toBe(Math.round(metrics.longestMonologue * 1000));
    expect(data.repSpeakerShare).toBeCloseTo(metrics.agentTalkShare * 100, 1);
    expect(data.repWordCount).toBe(metrics.agentWordCount);
    expect(data.repQuestionsCount).toBe(metrics.agentQuestions);
    // The phone number read out in the call is masked in the redacted transcript.
    expect(data.redactedTranscript).toContain('[PHONE_NUMBER]');
    expect(data.jumpToTags.length).toBeGreaterThan(0);
    expect(data.jumpToTags[0]).toEqual({
      text: expect.any(String),
      timestampInMilliseconds: expect.any(Number),
      type: expect.any(String),
      types: [expect.any(String)],
    });

    expect(data.evaluation).toMatchObject({
      recordingId: first,
      hasScorecard: true,
      evaluationQualified: true,
    });
    expect(data.evaluation.pointsPossible).toBe(analysis.evaluation.pointsPossible);
    expect(data.evaluation.evaluatedNodes.length).toBe(analysis.evaluation.nodes.length);
    for (const node of data.evaluation.evaluatedNodes)
      expect(['SECTION', 'METRIC', 'AI_METRIC']).toContain(node.nodeType);

    const followups = (await t.http.get(`${API}/records/${first}/followups`).set(bearer(owner))).body.data;
    expect(followups.length).toBeGreaterThan(0);
    expect(data.followups.map((f: { followupId: string }) => f.followupId).sort()).toEqual(
      followups.map((f: { id: string }) => f.id).sort(),
    );
    const [followup] = followups;
    await t.http
      .patch(`${API}/followups/${followup.id}`)
      .set(bearer(owner))
      .send({ status: 'COMPLETE', note: 'Sent the confirmation' })
      .expect(200);
    const after = (await t.http.get(`${BASE}/${first}`).set(bearer(owner))).body.data.followups.find(
      (f: { followupId: string }) => f.followupId === followup.id,
    );
    expect(after).toMatchObject({
      recordingId: first,
      status: 'COMPLETE',
      completed: true,
      completedBy: owner.userId,
      note: 'Sent the confirmation',
      hasFollowupComment: true,
    });
    expect(after.history.at(-1)).toMatchObject({
      status: 'COMPLETE',
      note: 'Sent the confirmation',
      updatedByUserId: owner.userId,
    });
  });

  it('honours the include* flags', async () => {
    const all = (await t.http.get(`${BASE}/${first}`).set(bearer(owner))).body.data;
    for (const part of [
      'evaluation',
      'followups',
      'crmCustomer',
      'crmOpportunities',
      'images',
      'mobileEvents',
    ])
      expect(all).toHaveProperty(part);
    const lean = (
      await t.http
        .get(`${BASE}/${first}`)
        .query({
          includeFollowups: 'false',
          includeEvaluation: 'false',
          includeCrmAccounts: 'false',
          includePhotos: 'false',
        })
        .set(bearer(owner))
        .expect(200)
    ).body.data;
    for (const part of ['evaluation', 'followups', 'crmCustomer', 'images'])
      expect(lean).not.toHaveProperty(part);
    expect(lean).toHaveProperty('crmOpportunities');
  });

  it('pages the list with a cursor, newest first, to a null cursor at the end', async () => {
    const page1 = await t.http.get(BASE).query({ limit: 1 }).set(bearer(owner)).expect(200);
    expect(page1.body).toMatchObject({ pageSize: 1, limit: 1, cursor: expect.any(String) });
    expect(page1.body.data.map((r: { id: string }) => r.id)).toEqual([second]);
    const page2 = await t.http
      .get(BASE)
      .query({ limit: 1, cursor: page1.body.cursor })
      .set(bearer(owner))
      .expect(200);
    expect(page2.body.data.map((r: { id: string }) => r.id)).toEqual([first]);
    const page3 = await t.http
      .get(BASE)
      .query({ limit: 1, cursor: page2.body.cursor })
      .set(bearer(owner))
      .expect(200);
    expect(page3.body).toEqual({ data: [], cursor: null, pageSize: 0, limit: 1 });
    const whole = await t.http.get(BASE).query({ limit: 10 }).set(bearer(owner)).expect(200);
    expect(whole.body.cursor).toBeNull();
    expect(whole.body.data.map((r: { id: string }) => r.id)).toEqual([second, first]);
  });

  it("answers another organisation's recording with 404 and a bad cursor with 400, in its error shape", async () => {
    const outsider = await signUp(t.http);
    const foreign = await t.http.get(`${BASE}/${first}`).set(bearer(outsider));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringMatching(/not found/),
    });
    const badCursor = await t.http.get(BASE).query({ cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(owner));
    expect([badCursor.status, badCursor.body.error]).toEqual([400, 'Bad Request']);
    const anonymous = await t.http.get(BASE);
    expect(anonymous.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});
