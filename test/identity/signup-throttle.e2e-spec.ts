import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { signUp } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

describe('sign-up rate limiting per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule, env: { SIGNUP_MAX_PER_ADDRESS_PER_HOUR: '2' } });
  });
  afterAll(() => t.close());

  const organisations = async () =>
    Number((await t.app.get(DataSource).query('SELECT count(*) FROM organizations'))[0].count);

  it('answers 429 with Retry-After past the hourly allowance, and creates nothing', async () => {
    await signUp(t.http);
    await signUp(t.http);
    const before = await organisations();
    const refused = await t.http.post(`${API}/auth/signup`).send({
      email: 'one-too-many@example.test',
      password: 'a long enough passphrase',
      name: 'Late',
      organizationName: 'One too many',
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await organisations()).toBe(before);
    await t.http
      .post(`${API}/auth/login`)
      .send({ email: 'one-too-many@example.test', password: 'a long enough passphrase' })
      .expect(401);
  });
});
