import { DataSource } from 'typeorm';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('service clients and OAuth2 client credentials', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
  });
  afterAll(() => t.close());

  const createClient = async (scopes: string[] = ['recordings.read', 'billing.read']) => {
    const response = await t.http
      .post(`${API}/clients`)
      .set(bearer(owner))
      .send({ name: 'CRM sync', scopes })
      .expect(201);
    return response.body.data as { id: string; clientId: string; clientSecret: string; scopes: string[] };
  };

  it('creates a client whose secret is shown once and stored only as a hash', async () => {
    const client = await createClient();
    expect(client).toMatchObject({
      id: expect.stringMatching(/^cli_/),
      clientId: client.id,
      clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      scopes: ['recordings.read', 'billing.read'],
    });
    const list = await t.http.get(`${API}/clients`).set(bearer(owner)).expect(200);
    expect(list.body.meta).toMatchObject({ total: expect.any(Number) });
    expect(JSON.stringify(list.body)).not.toContain(client.clientSecret);
    const rows: { secret_hash: string }[] = await t.app
      .get(DataSource)
      .query('SELECT secret_hash FROM api_clients WHERE id = $1', [client.id]);
    expect(rows[0].secret_hash).not.toContain(client.clientSecret);
    expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses unknown scopes and extra fields', async () => {
    await t.http
      .post(`${API}/clients`)
      .set(bearer(owner))
      .send({ name: 'x', scopes: ['everything'] })
      .expect(400);
    await t.http.post(`${API}/clients`).set(bearer(owner)).send({ name: 'x', scopes: [] }).expect(400);
    const extra = await t.http
      .post(`${API}/clients`)
      .set(bearer(owner))
      .send({ name: 'x', scopes: ['recordings.read'], orgId: 'org_01JD0000000000000000000000' })
      .expect(400);
    expect(extra.body.error.details[0]).toMatchObject({ field: 'orgId' });
  });

  it('issues a token with HTTP Basic and a form body, uncacheable and without refresh token', async () => {
    const client = await createClient();
    const response = await t.http
      .post(`${API}/oauth/token`)
      .set('Authorization', basic(client.clientId, client.clientSecret))
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['pragma']).toBe('no-cache');
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'recordings.read billing.read',
    });
  });

  it('issues a token with body credentials in JSON, narrowed to the requested scope', async () => {
    const client = await createClient();
    const response = await t.http
      .post(`${API}/oauth/token`)
      .send({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: 'billing.read',
      })
      .expect(200);
    expect(response.body.scope).toBe('billing.read');
  });

  it('answers errors in RFC 6749 §5.2 form', async () => {
    const client = await createClient();
    const badBasic = await t.http
      .post(`${API}/oauth/token`)
      .set('Authorization', basic(client.clientId, 'wrong'))
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(401);
    expect(badBasic.body).toMatchObject({ error: 'invalid_client' });
    expect(badBasic.body).not.toHaveProperty('data');
    expect(badBasic.headers['www-authenticate']).toMatch(/^Basic/);
    expect(badBasic.headers['cache-control']).toBe('no-store');

    const badBody = await t.http
      .post(`${API}/oauth/token`)
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'wrong' })
      .expect(401);
    expect(badBody.body.error).toBe('invalid_client');

    const unknown = await t.http
      .post(`${API}/oauth/token`)
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: 'cli_nope', client_secret: client.clientSecret })
      .expect(401);
    expect(unknown.body.error).toBe('invalid_client');

    const scope = await t.http
      .post(`${API}/oauth/token`)
      .type('form')
      .send({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: 'webhooks.write',
      })
      .expect(400);
    expect(scope.body.error).toBe('invalid_scope');

    const grant = await t.http
      .post(`${API}/oauth/token`)
      .type('form')
      .send({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret })
      .expect(400);
    expect(grant.body.error).toBe('unsupported_grant_type');

    const missing = await t.http
      .post(`${API}/oauth/token`)
      .type('form')
      .send({ client_id: client.clientId })
      .expect(400);
    expect(missing.body.error).toBe('invalid_request');

    const both = await t.http
      .post(`${API}/oauth/token`)
      .set('Authorization', basic(client.clientId, client.clientSecret))
      .type('form')
      .send({ grant_type: 'client_credentials', client_secret: client.clientSecret })
      .expect(400);
    expect(both.body.error).toBe('invalid_request');
  });

  it('takes POST only', async () => {
    const response = await t.http.get(`${API}/oauth/token?grant_type=client_credentials`).expect(405);
    expect(response.body.error).toBe('invalid_request');
    expect(response.headers['allow']).toBe('POST');
  });

  it('enforces scopes per route and refuses user-only routes to service tokens', async () => {
    const client = await createClient(['recordings.read']);
    const token = (
      await t.http
        .post(`${API}/oauth/token`)
        .set('Authorization', basic(client.clientId, client.clientSecret))
        .type('form')
        .send({ grant_type: 'client_credentials' })
    ).body.access_token as string;
    const users = await t.http.get(`${API}/users`).set(bearer(token)).expect(403);
    expect(users.body.error.code).toBe('FORBIDDEN');
    await t.http.get(`${API}/auth/me`).set(bearer(token)).expect(403);
    await t.http
      .post(`${API}/clients`)
      .set(bearer(token))
      .send({ name: 'x', scopes: ['recordings.read'] })
      .expect(403);
    // A service token belongs to one organisation: it cannot select another.
    const other = await signUp(t.http);
    await t.http.get(`${API}/users`).set(bearer(token)).set('X-Selected-Org-ID', other.orgId).expect(403);
  });

  it("stops a deleted client's tokens at once", async () => {
    const client = await createClient(['recordings.read']);
    const token = (
      await t.http.post(`${API}/oauth/token`).type('form').send({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      })
    ).body.access_token as string;
    // Before deletion the token is authenticated (403 for lack of a role, not 401).
    await t.http.get(`${API}/users`).set(bearer(token)).expect(403);
    await t.http.delete(`${API}/clients/${client.id}`).set(bearer(owner)).expect(204);
    const after = await t.http.get(`${API}/users`).set(bearer(token)).expect(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    await t.http
      .post(`${API}/oauth/token`)
      .type('form')
      .send({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      })
      .expect(401);
    await t.http.delete(`${API}/clients/${client.id}`).set(bearer(owner)).expect(404);
  });

  it('bounds the number of clients per organisation', async () => {
    const admin = await signUp(t.http);
    const create = () =>
      t.http
        .post(`${API}/clients`)
        .set(bearer(admin))
        .send({ name: 'bulk', scopes: ['recordings.read'] });
    for (let i = 0; i < 100; i++) expect((await create()).status).toBe(201);
    const refused = await create();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'An organisation has at most 100 service clients; remove some first',
    );
  });
});
