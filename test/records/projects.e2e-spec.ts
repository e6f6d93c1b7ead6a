import { ApiModule } from '../../apps/api/src/api.module';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject, storedFiles, upload } from './records-helpers';

describe('projects', () => {
  const corpus = loadCorpus();
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
  });
  afterAll(() => t.close());

  it('creates, reads, lists, edits and deletes a project', async () => {
    const created = await t.http
      .post(`${API}/projects`)
      .set(bearer(owner))
      .send({ name: 'Support', description: 'Inbound support line', language: 'en' })
      .expect(201);
    const project = created.body.data;
    expect(project).toMatchObject({
      id: expect.stringMatching(/^prj_/),
      name: 'Support',
      description: 'Inbound support line',
      language: 'en',
      analysisProfileId: null,
    });
    await t.http.get(`${API}/projects/${project.id}`).set(bearer(owner)).expect(200);
    const list = await t.http.get(`${API}/projects`).set(bearer(owner)).expect(200);
    expect(list.body.meta.total).toBe(1);
    const edited = await t.http
      .patch(`${API}/projects/${project.id}`)
      .set(bearer(owner))
      .send({ name: 'Support EU' })
      .expect(200);
    expect(edited.body.data).toMatchObject({ name: 'Support EU', description: 'Inbound support line' });
    await t.http.delete(`${API}/projects/${project.id}`).set(bearer(owner)).expect(204);
    await t.http.get(`${API}/projects/${project.id}`).set(bearer(owner)).expect(404);
  });

  it('validates the body and names the field', async () => {
    const response = await t.http
      .post(`${API}/projects`)
      .set(bearer(owner))
      .send({ name: '', language: 'english!' });
    expect(response.status).toBe(400);
    const fields = response.body.error.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'language']));
  });

  it('lets a viewer read but not write, and an agent not create', async () => {
    const viewer = await addMember(t.http, owner, 'viewer');
    const agent = await addMember(t.http, owner, 'agent');
    await t.http.get(`${API}/projects`).set(bearer(viewer)).expect(200);
    await t.http.post(`${API}/projects`).set(bearer(viewer)).send({ name: 'x' }).expect(403);
    await t.http.post(`${API}/projects`).set(bearer(agent)).send({ name: 'x' }).expect(403);
  });

  it('refuses to delete a project with records (409) unless forced, then removes them and their audio', async () => {
    const projectId = await createProject(t, owner, 'Doomed');
    const uploaded = await upload(t, owner, projectId, corpus.file(corpus.ids[0], 'wav'));
    expect(uploaded.status).toBe(201);
    const recordId = uploaded.body.data.id as string;
    const refused = await t.http.delete(`${API}/projects/${projectId}`).set(bearer(owner));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    await t.http.get(`${API}/records/${recordId}`).set(bearer(owner)).expect(200);
    await t.http.delete(`${API}/projects/${projectId}?force=true`).set(bearer(owner)).expect(204);
    await t.http.get(`${API}/records/${recordId}`).set(bearer(owner)).expect(404);
    expect(storedFiles(t.storageDir).some((path) => path.includes(recordId))).toBe(false);
  });

  it('GET /projects/:id/stats aggregates the project in a period', async () => {
    const projectId = await createProject(t, owner, 'Measured');
    const inside = await Promise.all(
      [0, 1].map((index) =>
        upload(t, owner, projectId, corpus.file(corpus.ids[index], 'wav'), {
          metadata: { date: `2026-03-0${index + 2}T12:00:00Z` },
        }),
      ),
    );
    for (const response of inside) expect(response.status).toBe(201);
    const outside = await upload(t, owner, projectId, corpus.file(corpus.ids[2], 'wav'), {
      metadata: { date: '2026-04-01T12:00:00Z' },
    });
    expect(outside.status).toBe(201);

    const stats = await t.http
      .get(`${API}/projects/${projectId}/stats?from=2026-03-01&to=2026-03-05`)
      .set(bearer(owner))
      .expect(200);
    const expectedDuration =
      (corpus.truth(corpus.ids[0]).duration + corpus.truth(corpus.ids[1]).duration) / 2;
    expect(stats.body.data).toMatchObject({
      projectId,
      totalRecords: 2,
      completedRecords: 0,
      failedRecords: 0,
      averageQualityScore: null,
      sentiment: { POSITIVE: 0, NEUTRAL: 0, NEGATIVE: 0 },
      period: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-05T23:59:59.999Z' },
    });
    expect(stats.body.data.averageDuration).toBeCloseTo(expectedDuration, 0);

    const all = await t.http.get(`${API}/projects/${projectId}/stats`).set(bearer(owner)).expect(200);
    expect(all.body.data.totalRecords).toBe(3);
    // An agent counts only its own calls, as its record list shows only them.
    const agent = await addMember(t.http, owner, 'agent');
    const own = await upload(t, agent, projectId, corpus.file(corpus.ids[0], 'wav'));
    expect(own.status).toBe(201);
    const agentStats = await t.http.get(`${API}/projects/${projectId}/stats`).set(bearer(agent)).expect(200);
    expect(agentStats.body.data.totalRecords).toBe(1);
    await t.http.get(`${API}/projects/${projectId}/stats?from=soon`).set(bearer(owner)).expect(400);
  });
});
