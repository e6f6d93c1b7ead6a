import { DataSource } from 'typeorm';
import { AnnotationsService, MAX_REVIEWS_PER_ANALYSIS } from '@app/analysis';
import { addMember, bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';
import { analysedCall, COMPLIANT_CALL, NON_COMPLIANT_CALL } from './analysis-helpers';

const API = '/api/v1';

type Analysis = Record<string, unknown> & {
  id: string;
  recordId: string;
  version: number;
  qualityScore: number;
};

describe('analyses API', () => {
  let t: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let agent: TestUser;
  let viewer: TestUser;
  let projectId: string;
  let compliant: { recordId: string; analysis: Analysis };
  let failing: { recordId: string; analysis: Analysis };

  const ids = (body: { data: Array<{ id: string }> }) => body.data.map((item) => item.id);
  const count = async (table: string, analysisId: string) =>
    Number(
      (
        await t.app
          .get(DataSource)
          .query(`SELECT count(*)::int AS count FROM ${table} WHERE analysis_id = $1`, [analysisId])
      )[0].count,
    );

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    supervisor = await addMember(t.http, owner, 'supervisor');
    agent = await addMember(t.http, owner, 'agent');
    viewer = await addMember(t.http, owner, 'viewer');
    const project = await t.http
      .post(`${API}/projects`)
      .set(bearer(owner))
      .send({ name: 'Billing line' })
      .expect(201);
    projectId = project.body.data.id;
    compliant = (await analysedCall(t.http, owner, COMPLIANT_CALL, projectId)) as typeof compliant;
    failing = (await analysedCall(t.http, agent, NON_COMPLIANT_CALL)) as typeof failing;
  });
  afterAll(() => t.close());

  describe('list and detail', () => {
    it('shows an analysis in the api.md shape, the same in the list and in the detail', async () => {
      expect(compliant.analysis).toMatchObject({
        id: expect.stringMatching(/^ana_/),
        recordId: compliant.recordId,
        profileId: expect.stringMatching(/^prf_/),
        version: 1,
        qualityScore: expect.any(Number),
        complianceStatus: 'passed',
        categories: expect.any(Object),
        criteria: expect.arrayContaining([expect.objectContaining({ id: 'disclosure', passed: true })]),
        summary: expect.any(String),
        sentiment: expect.objectContaining({ label: expect.any(String), score: expect.any(Number) }),
        metrics: expect.objectContaining({ conversationTime: expect.any(Number) }),
        engine: { sentiment: 'lexicon', summary: 'extractive' },
        createdAt: expect.any(String),
      });
      expect(failing.analysis.complianceStatus).toBe('failed');
      const detail = await t.http
        .get(`${API}/analyses/${compliant.analysis.id}`)
        .set(bearer(viewer))
        .expect(200);
      expect(detail.body.data).toEqual(compliant.analysis);
    });

    it('lists newest first with the pagination envelope', async () => {
      const list = await t.http.get(`${API}/analyses`).set(bearer(viewer)).expect(200);
      expect(ids(list.body)).toEqual([failing.analysis.id, compliant.analysis.id]);
      expect(list.body.meta).toEqual({ page: 1, pageSize: 20, total: 2, nextCursor: null });
      const second = await t.http.get(`${API}/analyses?pageSize=1&page=2`).set(bearer(viewer)).expect(200);
      expect(ids(second.body)).toEqual([compliant.analysis.id]);
      expect(second.body.meta).toEqual({ page: 2, pageSize: 1, total: 2, nextCursor: expect.any(String) });
    });

    it('filters by project, compliance, quality score range and creation time', async () => {
      const get = async (query: string) =>
        ids((await t.http.get(`${API}/analyses?${query}`).set(bearer(owner)).expect(200)).body);
      expect(await get(`projectId=${projectId}`)).toEqual([compliant.analysis.id]);
      expect(await get('complianceStatus=failed')).toEqual([failing.analysis.id]);
      expect(await get('complianceStatus=passed')).toEqual([compliant.analysis.id]);
      const [low, high] = [failing.analysis.qualityScore, compliant.analysis.qualityScore];
      expect(low).toBeLessThan(high);
      expect(await get(`minQualityScore=${low + 1}`)).toEqual([compliant.analysis.id]);
      expect(await get(`maxQualityScore=${low}`)).toEqual([failing.analysis.id]);
      expect(await get(`minQualityScore=${low}&maxQualityScore=${high}`)).toHaveLength(2);
      const created = compliant.analysis.createdAt as string;
      expect(await get(`to=${encodeURIComponent(created)}`)).toEqual([compliant.analysis.id]);
      expect(await get(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual(
        [],
      );
      expect(await get(`recordId=${failing.recordId}`)).toEqual([failing.analysis.id]);
    });

    it('answers bad filters and ids with the api.md errors', async () => {
      for (const query of [
        'pageSize=101',
        'complianceStatus=maybe',
        'minQualityScore=101',
        'from=yesterday',
        'projectId=nope',
        'sort=qualityScore',
      ]) {
        const response = await t.http.get(`${API}/analyses?${query}`).set(bearer(owner));
        expect({ query, status: response.status, code: response.body.error?.code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      await t.http.get(`${API}/analyses/rec_01J00000000000000000000000`).set(bearer(owner)).expect(404);
      const missing = await t.http
        .get(`${API}/analyses/ana_01J00000000000000000000000`)
        .set(bearer(owner))
        .expect(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
    });

    it('shows an agent only the analyses of its own records', async () => {
      const list = await t.http.get(`${API}/analyses`).set(bearer(agent)).expect(200);
      expect(ids(list.body)).toEqual([failing.analysis.id]);
      expect(list.body.meta.total).toBe(1);
      await t.http.get(`${API}/analyses/${failing.analysis.id}`).set(bearer(agent)).expect(200);
      await t.http.get(`${API}/analyses/${compliant.analysis.id}`).set(bearer(agent)).expect(404);
      const filtered = await t.http.get(`${API}/analyses?recordId=${compliant.recordId}`).set(bearer(agent));
      expect(filtered.body.data).toEqual([]);
    });

    it('lets a service token read with analyses.read, not without', async () => {
      const reader = await serviceToken(t.http, owner, ['analyses.read']);
      await t.http.get(`${API}/analyses/${compliant.analysis.id}`).set(bearer(reader)).expect(200);
      const other = await serviceToken(t.http, owner, ['recordings.read']);
      const refused = await t.http.get(`${API}/analyses`).set(bearer(other)).expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    });
  });

  describe('re-analyze', () => {
    it('writes a new version with another scorecard; the record and the list follow the newest', async () => {
      const { recordId, analysis: first } = await analysedCall(t.http, owner);
      const strict = await t.http
        .post(`${API}/analysis-profiles`)
        .set(bearer(supervisor))
        .send({
          name: 'Strict',
          criteria: [
            {
              id: 'password',
              category: 'security',
              description: 'Agent says the secret phrase',
              weight: 1,
              compliance: false,
              speaker: 'agent',
              phrases: ['purple elephant protocol'],
            },
          ],
        })
        .expect(201);
      const strictId = strict.body.data.id as string;

      // Two at once: one queues the new version, the other finds the record already being processed.
      const attempts = await Promise.all(
        [0, 1].map(() =>
          t.http
            .post(`${API}/analyses/${first.id}/re-analyze`)
            .set(bearer(supervisor))
            .send({ profileId: strictId }),
        ),
      );
      expect(attempts.map((response) => response.status).sort()).toEqual([202, 409]);
      const accepted = attempts.find((response) => response.status === 202)!;
      expect(accepted.body).toEqual({ data: { recordId, version: 2, status: 'queued' } });
      expect(attempts.find((response) => response.status === 409)!.body.error.code).toBe('CONFLICT');

      const { record } = await waitForRecord(t, owner, recordId);
      expect(record.processingStatus).toBe('completed');
      const versions = await t.http
        .get(`${API}/analyses?recordId=${recordId}`)
        .set(bearer(owner))
        .expect(200);
      expect(versions.body.data.map((a: Analysis) => [a.version, a.profileId])).toEqual([
        [2, strictId],
        [1, first.profileId],
      ]);
      const newest = versions.body.data[0] as Analysis;
      expect(newest.qualityScore).toBe(0);
      expect(newest.qualityScore).not.toBe(first.qualityScore);
      expect(record.qualityScore).toBe(newest.qualityScore);
      const all = await t.http.get(`${API}/analyses?pageSize=100`).set(bearer(owner)).expect(200);
      expect(ids(all.body)).toContain(newest.id);
      expect(ids(all.body)).not.toContain(first.id);

      // Re-analysing an older version re-analyses the record: version 3, with the record's current scorecard.
      await t.http
        .post(`${API}/analyses/${first.id}/re-analyze`)
        .set(bearer(owner))
        .send({})
        .expect(202)
        .expect(({ body }) => expect(body.data.version).toBe(3));
      await waitForRecord(t, owner, recordId);
      const latest = await t.http.get(`${API}/analyses?recordId=${recordId}`).set(bearer(owner)).expect(200);
      expect(latest.body.data[0]).toMatchObject({ version: 3, profileId: strictId });
    });

    it('refuses a scorecard of another organisation or none at all, and changes nothing', async () => {
      const stranger = await signUp(t.http);
      const theirs = await t.http.get(`${API}/analysis-profiles`).set(bearer(stranger)).expect(200);
      for (const profileId of [theirs.body.data[0].id, 'prf_01J00000000000000000000000', 'nope']) {
        const response = await t.http
          .post(`${API}/analyses/${failing.analysis.id}/re-analyze`)
          .set(bearer(owner))
          .send({ profileId });
        expect({ profileId, status: response.status }).toEqual({ profileId, status: 404 });
      }
      const versions = await t.http.get(`${API}/analyses?recordId=${failing.recordId}`).set(bearer(owner));
      expect(versions.body.data.map((a: Analysis) => a.version)).toEqual([1]);
      await t.http
        .post(`${API}/analyses/${failing.analysis.id}/re-analyze`)
        .set(bearer(owner))
        .send({ profileId: 7 })
        .expect(400);
    });

    it('is for supervisors and tokens with recordings.write', async () => {
      await t.http
        .post(`${API}/analyses/${failing.analysis.id}/re-analyze`)
        .set(bearer(agent))
        .send({})
        .expect(403);
      const reader = await serviceToken(t.http, owner, ['analyses.read']);
      await t.http
        .post(`${API}/analyses/${failing.analysis.id}/re-analyze`)
        .set(bearer(reader))
        .send({})
        .expect(403);
    });
  });

  describe('annotations', () => {
    it('lets an agent annotate its own calls, listed in call order and paginated', async () => {
      const url = `${API}/analyses/${failing.analysis.id}/annotations`;
      const created = await t.http
        .post(url)
        .set(bearer(agent))
        .send({ startTime: 30, endTime: 34.5, text: 'Customer raised their voice', category: 'escalation' })
        .expect(201);
      expect(created.body.data).toEqual({
        id: expect.stringMatching(/^ann_/),
        analysisId: failing.analysis.id,
        author: agent.userId,
        startTime: 30,
        endTime: 34.5,
        text: 'Customer raised their voice',
        category: 'escalation',
        createdAt: expect.any(String),
      });
      await t.http.post(url).set(bearer(supervisor)).send({ startTime: 5, text: 'No greeting' }).expect(201);
      await t.http.post(url).set(bearer(agent)).send({ startTime: 12.25, text: 'Dismissive' }).expect(201);

      const page = await t.http.get(`${url}?pageSize=2`).set(bearer(viewer)).expect(200);
      expect(page.body.data.map((a: { startTime: number }) => a.startTime)).toEqual([5, 12.25]);
      expect(page.body.data[0]).toMatchObject({ endTime: null, category: null, author: supervisor.userId });
      expect(page.body.meta).toEqual({ page: 1, pageSize: 2, total: 3, nextCursor: expect.any(String) });
      const rest = await t.http.get(`${url}?pageSize=2&page=2`).set(bearer(agent)).expect(200);
      expect(rest.body.data.map((a: { startTime: number }) => a.startTime)).toEqual([30]);
    });

    it('refuses bad annotations with a 400 and stores nothing', async () => {
      const url = `${API}/analyses/${compliant.analysis.id}/annotations`;
      for (const body of [
        { startTime: -1, text: 'before the call' },
        { startTime: 10, endTime: 9, text: 'ends before it starts' },
        { startTime: 1, text: '' },
        { startTime: 1, text: 'x'.repeat(2001) },
        { text: 'no time' },
        { startTime: 1, text: 'extra', author: 'someone else' },
      ]) {
        const response = await t.http.post(url).set(bearer(owner)).send(body);
        expect({ body, status: response.status, code: response.body.error?.code }).toEqual({
          body,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      expect(await count('analysis_annotations', compliant.analysis.id)).toBe(0);
    });

    it("keeps agents off other people's calls and viewers from writing", async () => {
      const url = `${API}/analyses/${compliant.analysis.id}/annotations`;
      await t.http.post(url).set(bearer(agent)).send({ startTime: 1, text: 'hello' }).expect(404);
      await t.http.get(url).set(bearer(agent)).expect(404);
      await t.http.post(url).set(bearer(viewer)).send({ startTime: 1, text: 'hello' }).expect(403);
    });
  });

  describe('QA reviews', () => {
    it('keeps the newest review current and the earlier ones as history', async () => {
      const url = `${API}/analyses/${compliant.analysis.id}/review`;
      const empty = await t.http.get(url).set(bearer(viewer)).expect(200);
      expect(empty.body.data).toEqual({ current: null, history: [] });

      const first = await t.http
        .post(url)
        .set(bearer(supervisor))
        .send({
          score: 70,
          criteria: [{ id: 'closing', passed: false, comment: 'Rushed goodbye' }],
          comment: 'Good call, weak close',
        })
        .expect(201);
      expect(first.body.data).toEqual({
        id: expect.stringMatching(/^rev_/),
        analysisId: compliant.analysis.id,
        reviewerId: supervisor.userId,
        score: 70,
        criteria: [{ id: 'closing', passed: false, comment: 'Rushed goodbye' }],
        comment: 'Good call, weak close',
        createdAt: expect.any(String),
      });
      const second = await t.http
        .post(url)
        .set(bearer(owner))
        .send({ score: 85, comment: 'On a second listen the close was fine' })
        .expect(201);

      const reviews = await t.http.get(url).set(bearer(supervisor)).expect(200);
      expect(reviews.body.data.current).toMatchObject({ id: second.body.data.id, score: 85, criteria: [] });
      expect(reviews.body.data.history).toEqual([first.body.data]);
    });

    it('refuses criteria the analysis does not have, naming the index, and stores nothing', async () => {
      const url = `${API}/analyses/${failing.analysis.id}/review`;
      const response = await t.http
        .post(url)
        .set(bearer(supervisor))
        .send({
          score: 50,
          criteria: [
            { id: 'greeting', passed: true },
            { id: 'no-such-criterion', passed: true },
          ],
          comment: 'x',
        })
        .expect(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('criteria[1]'),
      });
      for (const body of [
        { score: 101, comment: 'too high' },
        { score: 50.5, comment: 'not whole' },
        { score: 50 },
        { score: 50, comment: 'x', criteria: [{ id: 'greeting' }] },
      ])
        await t.http.post(url).set(bearer(supervisor)).send(body).expect(400);
      expect(await count('analysis_reviews', failing.analysis.id)).toBe(0);
    });

    it('is for supervisors and above: agents and service tokens get a 403', async () => {
      const url = `${API}/analyses/${failing.analysis.id}/review`;
      const body = { score: 90, comment: 'self-review' };
      await t.http.post(url).set(bearer(agent)).send(body).expect(403);
      const token = await serviceToken(t.http, owner, ['analyses.read', 'recordings.write']);
      const refused = await t.http.post(url).set(bearer(token)).send(body).expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      await t.http.get(url).set(bearer(token)).expect(200);
    });
  });

  it('keeps a bounded review history: the review after the limit is a 409', async () => {
    const { analysis } = await analysedCall(t.http, owner);
    await t.app.get(DataSource).query(
      `INSERT INTO analysis_reviews (id, org_id, analysis_id, reviewer_id, score, criteria, comment)
         SELECT 'rev_seed' || n, $1, $2, $3, 50, '[]', 'seeded' FROM generate_series(1, $4) AS n`,
      [owner.orgId, analysis.id, owner.userId, MAX_REVIEWS_PER_ANALYSIS],
    );
    const refused = await t.http
      .post(`${API}/analyses/${analysis.id}/review`)
      .set(bearer(owner))
      .send({ score: 60, comment: 'one more' })
      .expect(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(await count('analysis_reviews', analysis.id)).toBe(MAX_REVIEWS_PER_ANALYSIS);
  });

  it('an annotation racing the deletion of its analysis is a 404 with nothing stored', async () => {
    const gone = 'ana_01J00000000000000000000000';
    await expect(
      t.app.get(AnnotationsService).create(owner.orgId, gone, owner.userId, { startTime: 1, text: 'late' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await count('analysis_annotations', gone)).toBe(0);
  });

  it('deleting a record deletes its analyses, annotations and reviews', async () => {
    const { recordId, analysis } = await analysedCall(t.http, owner);
    await t.http
      .post(`${API}/analyses/${analysis.id}/annotations`)
      .set(bearer(owner))
      .send({ startTime: 1, text: 'note' })
      .expect(201);
    await t.http
      .post(`${API}/analyses/${analysis.id}/review`)
      .set(bearer(owner))
      .send({ score: 60, comment: 'ok' })
      .expect(201);
    await t.http.delete(`${API}/records/${recordId}?permanent=true`).set(bearer(owner)).expect(204);
    await t.http.get(`${API}/analyses/${analysis.id}`).set(bearer(owner)).expect(404);
    expect(await count('analysis_annotations', analysis.id)).toBe(0);
    expect(await count('analysis_reviews', analysis.id)).toBe(0);
  });
});
