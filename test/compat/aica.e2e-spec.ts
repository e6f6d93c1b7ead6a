import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';

const API = '/api/v1';

/** AICA (seed 002) is Parley's main API: what its own clients read and filter by must be there. */
describe('compat: AICA (seed 002) on the main API', () => {
  const corpus = loadCorpus({ formats: ['wav'] });
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    projectId = (await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'Calls' })).body.data
      .id;
  });
  afterAll(() => t.close());

  it('answers an upload with status, and finds a record uploaded without a date by from/to (dated by its arrival)', async () => {
    // Seed 002's upload: a file, projectId and metadata { agentName, customerPhone }, no call date.
    const uploaded = await t.http
      .post(`${API}/records/upload`)
      .set(bearer(owner))
      .field('projectId', projectId)
      .field('metadata', JSON.stringify({ agentName: 'John Smith', customerPhone: '+15551234567' }))
      .attach('file', corpus.file('wrong-number'), 'call-2026-03-05.wav')
      .expect(201);
    expect(uploaded.body.data).toMatchObject({ status: 'pending', projectId });
    const id = uploaded.body.data.id as string;

    const record = (await t.http.get(`${API}/records/${id}`).set(bearer(owner)).expect(200)).body.data;
    expect(record.status).toBe(record.processingStatus);
    expect(record.date).toBe(record.createdAt);

    const day = record.createdAt.slice(0, 10);
    const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    const listed = await t.http
      .get(`${API}/records`)
      .query({ from: day, to: next, projectId })
      .set(bearer(owner))
      .expect(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(id);
    expect(listed.body.data[0]).toHaveProperty('status');
    const before = await t.http
      .get(`${API}/records`)
      .query({ to: '2020-01-01', projectId })
      .set(bearer(owner))
      .expect(200);
    expect(before.body.data.map((r: { id: string }) => r.id)).not.toContain(id);

    const { record: done } = await waitForRecord(t, owner, id, 120_000);
    expect({ status: done.status, date: done.date }).toEqual({ status: 'completed', date: record.createdAt });
  }, 180_000);
});
