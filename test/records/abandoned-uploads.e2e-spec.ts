import { readFileSync } from 'node:fs';
import { AbandonedUploadsService, ABANDONED_UPLOAD_GRACE_SECONDS } from '@app/records';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject } from './records-helpers';

describe('sweep of unused two-step upload reservations', () => {
  const corpus = loadCorpus({ formats: ['ogg'] });
  const audio = readFileSync(corpus.file(corpus.ids[0], 'ogg'));
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  const reserve = async () => {
    const response = await t.http
      .post(`${API}/records/uploads`)
      .set(bearer(owner))
      .send({
        projectId,
        fileName: 'a.ogg',
        contentType: 'audio/ogg',
        sizeBytes: audio.length,
        metadata: { tags: ['x'] },
      })
      .expect(201);
    return response.body.data as { recordId: string; uploadUrl: string; headers: Record<string, string> };
  };

  it('removes reservations whose URL expired unused, and nothing else', async () => {
    const unused = await reserve();
    const used = await reserve();
    const { pathname, search } = new URL(used.uploadUrl);
    await t.http
      .put(pathname + search)
      .set(used.headers)
      .send(audio)
      .expect(200);

    const sweeper = t.app.get(AbandonedUploadsService);
    expect(await sweeper.sweep()).toEqual({ removed: 0 }); // still within the URL's lifetime
    const later = new Date(
      Date.now() + (t.config.UPLOAD_URL_TTL_SECONDS + ABANDONED_UPLOAD_GRACE_SECONDS + 60) * 1000,
    );
    expect(await sweeper.sweep(later)).toEqual({ removed: 1 });

    await t.http.get(`${API}/records/${unused.recordId}`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/records/${used.recordId}`).set(bearer(owner)).expect(200);
    const stale = new URL(unused.uploadUrl);
    await t.http
      .put(stale.pathname + stale.search)
      .set('Content-Type', 'audio/ogg')
      .send(audio)
      .expect(403);
  });
});
