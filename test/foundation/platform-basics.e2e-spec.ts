import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '../support/test-app';

describe('what standard clients and browsers expect of the server', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule, env: { PUBLIC_URL: 'https://calls.example.com' } });
  });
  afterAll(() => t.close());

  it('publishes OAuth authorization server metadata (RFC 8414) at the root', async () => {
    const response = await t.http.get('/.well-known/oauth-authorization-server').expect(200);
    expect(response.body).toMatchObject({
      issuer: 'https://calls.example.com',
      token_endpoint: 'https://calls.example.com/api/v1/oauth/token',
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: expect.arrayContaining([
        'client_secret_basic',
        'client_secret_post',
      ]),
      scopes_supported: expect.arrayContaining(['recordings.read', 'recordings.write']),
    });
  });

  it('sends security headers, and no CORS permission to any origin by default', async () => {
    const response = await t.http.get('/api/v1/health').set('Origin', 'https://evil.example.com').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS when origins are configured', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule, env: { CORS_ORIGINS: 'https://console.example.com' } });
  });
  afterAll(() => t.close());

  it('lets the listed origin call the API from a browser, and no other', async () => {
    const allowed = await t.http
      .options('/api/v1/records')
      .set('Origin', 'https://console.example.com')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.com');
    const refused = await t.http
      .options('/api/v1/records')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
