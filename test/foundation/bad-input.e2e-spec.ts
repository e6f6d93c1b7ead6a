import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject } from '../records/records-helpers';

/** Input the database cannot store, or that would overflow a parser: a 400 in the envelope, never a 500. */
describe('bad input never reaches a 500', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  const expectRefused = (response: {
    status: number;
    body: { error?: { code: string; message: string } };
  }) => {
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('VALIDATION_FAILED');
  };

  it('refuses a NUL character in a stored or searched string, and stores nothing', async () => {
    const project = await t.http
      .post(`${API}/projects`)
      .set(bearer(owner))
      .send({ name: 'Sales\u0000 line' });
    expectRefused(project);
    expect(project.body.error.message).toBe('body.name must not contain a NUL character');
    const contact = await t.http
      .post(`${API}/contacts`)
      .set(bearer(owner))
      .send({ displayName: 'Zo\u0000e' });
    expectRefused(contact);
    expectRefused(await t.http.get(`${API}/search`).query({ q: 'refund\u0000' }).set(bearer(owner)));
    expectRefused(await t.http.get(`${API}/records`).query({ tag: 'a\u0000' }).set(bearer(owner)));
    const upload = await t.http
      .post(`${API}/records/upload`)
      .set(bearer(owner))
      .field('projectId', projectId)
      .field('metadata', JSON.stringify({ title: 'bad\u0000title' }))
      .attach('file', Buffer.alloc(64), 'call.wav');
    expectRefused(upload);
    const projects = await t.http.get(`${API}/projects`).set(bearer(owner)).expect(200);
    expect(projects.body.data.map((p: { name: string }) => p.name)).not.toContain('Sales\u0000 line');
  });

  it('refuses JSON nested deeper than any field of the contract', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await t.http
      .post(`${API}/projects`)
      .set(bearer(owner))
      .set('Content-Type', 'application/json')
      .send(`{"name":"x","description":${deep}}`);
    expectRefused(response);
    expect(response.body.error.message).toMatch(/nested deeper than 32 levels/);
  });

  it('refuses a page number past the range rather than overflowing the database', async () => {
    for (const page of ['1e20', '99999999999999999999', '1000001'])
      expectRefused(await t.http.get(`${API}/records`).query({ page }).set(bearer(owner)));
    await t.http.get(`${API}/records`).query({ page: 1_000_000 }).set(bearer(owner)).expect(200);
  });
});
