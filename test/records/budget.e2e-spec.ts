import { readFileSync } from 'node:fs';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject, recordCount, storedFiles } from './records-helpers';

describe('record creation over budget', () => {
  const corpus = loadCorpus({ formats: ['ogg'] });
  const audio = readFileSync(corpus.file(corpus.ids[0], 'ogg'));
  const TUS = { 'Tus-Resumable': '1.0.0' };
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  it('answers every new upload, ingest and import with 402 and stores nothing; an accepted tus upload still finishes', async () => {
    const startedBefore = await t.http
      .post(`${API}/tus`)
      .set(bearer(owner))
      .set(TUS)
      .set('Upload-Length', String(audio.length))
      .set('Upload-Metadata', `projectId ${Buffer.from(projectId).toString('base64')}`)
      .expect(201);

    await t.http
      .patch(`${API}/billing/budget/${owner.orgId}`)
      .set(bearer(owner))
      .send({ budgetLimit: 0 })
      .expect(200);
    const files = storedFiles(t.storageDir);

    const refused = [
      await t.http
        .post(`${API}/records/upload`)
        .set(bearer(owner))
        .field('projectId', projectId)
        .attach('file', audio.subarray(0, 4096), { filename: 'call.ogg' }),
      await t.http
        .post(`${API}/records/uploads`)
        .set(bearer(owner))
        .send({ projectId, fileName: 'a.ogg', contentType: 'audio/ogg', sizeBytes: audio.length }),
      await t.http
        .post(`${API}/records/ingest`)
        .set(bearer(owner))
        .send({ projectId, audioUrl: 'https://example.com/a.mp3' }),
      await t.http
        .post(`${API}/records/import`)
        .set(bearer(owner))
        .send({ id: 'g-1', projectId, mediaFiles: [] }),
      await t.http
        .post(`${API}/tus`)
        .set(bearer(owner))
        .set(TUS)
        .set('Upload-Length', String(audio.length))
        .set('Upload-Metadata', `projectId ${Buffer.from(projectId).toString('base64')}`),
    ];
    for (const response of refused) {
      expect(response.status).toBe(402);
      expect(response.body.error.code).toBe('BUDGET_EXCEEDED');
    }
    expect(storedFiles(t.storageDir)).toEqual(files);
    expect(await recordCount(t, owner)).toBe(0);

    const finished = await t.http
      .patch(startedBefore.headers.location as string)
      .set(bearer(owner))
      .set(TUS)
      .set('Upload-Offset', '0')
      .set('Content-Type', 'application/offset+octet-stream')
      .send(audio);
    expect(finished.status).toBe(204);
    expect(await recordCount(t, owner)).toBe(1);
  });
});
