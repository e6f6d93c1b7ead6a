import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';

/** Signed audio links: what a browser's <audio> element plays, with the access of whoever asked for the link. */
describe('audio links', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestUser;
  let recordId: string;
  let sizeBytes: number;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    agent = await addMember(t.http, owner, 'agent');
    const project = await t.http.post('/api/v1/projects').set(bearer(owner)).send({ name: 'Links' });
    const corpus = loadCorpus({ formats: ['wav'] });
    const upload = await t.http
      .post('/api/v1/records/upload')
      .set(bearer(owner))
      .field('projectId', project.body.data.id)
      .attach('file', corpus.file(corpus.ids[0], 'wav'));
    recordId = upload.body.data.id;
    const { record } = await waitForRecord(t, owner, recordId);
    sizeBytes = record.sizeBytes as number;
  });
  afterAll(() => t.close());

  const pathOf = (url: string) => new URL(url).pathname;

  it('plays the audio without a bearer token, whole or by Range, and records who listened', async () => {
    const link = await t.http.post(`/api/v1/records/${recordId}/audio-link`).set(bearer(owner)).send({});
    expect(link.status).toBe(201);
    expect(link.body.data.url).toMatch(/\/api\/v1\/audio-links\/[\w-]+\.[\w-]+$/);
    const expiresIn = Date.parse(link.body.data.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(60 * 60 * 1000);
    expect(expiresIn).toBeLessThanOrEqual(2 * 60 * 60 * 1000);

    const whole = await t.http.get(pathOf(link.body.data.url)).buffer(true);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(Number(whole.headers['content-length'])).toBe(sizeBytes);
    const part = await t.http.get(pathOf(link.body.data.url)).set('Range', 'bytes=100-199').buffer(true);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${sizeBytes}`);

    const audit = await t.http
      .get(`/api/v1/audit-log?action=record.audio_downloaded&targetId=${recordId}`)
      .set(bearer(owner));
    expect(audit.body.data[0]).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      details: { redacted: false },
    });
  });

  it('refuses a changed, truncated or foreign token with a 404 that says nothing more', async () => {
    const link = await t.http.post(`/api/v1/records/${recordId}/audio-link`).set(bearer(owner)).send({});
    const token = pathOf(link.body.data.url).split('/').pop()!;
    const [payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, expires: claims.expires + 86_400 })).toString(
      'base64url',
    );
    for (const bad of [
      `${forged}.${signature}`,
      payload,
      `${payload}.${signature}x`,
      `${token}.extra`,
      'x',
    ]) {
      const answer = await t.http.get(`/api/v1/audio-links/${bad}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        error: { code: 'NOT_FOUND', message: 'This audio link is not valid or has expired', details: [] },
      });
    }
  });

  it('gives no link to a call the caller cannot see (an agent, another organisation), nor for bad input', async () => {
    const forAgent = await t.http.post(`/api/v1/records/${recordId}/audio-link`).set(bearer(agent)).send({});
    expect(forAgent.status).toBe(404);
    const outsider = await signUp(t.http);
    const foreign = await t.http
      .post(`/api/v1/records/${recordId}/audio-link`)
      .set(bearer(outsider))
      .send({});
    expect(foreign.status).toBe(404);
    const bad = await t.http
      .post(`/api/v1/records/${recordId}/audio-link`)
      .set(bearer(owner))
      .send({ redacted: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
