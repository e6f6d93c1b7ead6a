import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from '@app/queue';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

describe('failed-login rate limiting, shared by every API process', () => {
  // Two API processes of one installation: same Redis prefix, hence the same counters.
  const prefix = `parley-test-throttle-${randomBytes(4).toString('hex')}`;
  const env = { QUEUE_PREFIX: prefix, LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '60' };
  let first: TestApp;
  let second: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    first = await createTestApp({ module: ApiModule, env });
    second = await createTestApp({ module: ApiModule, env });
    owner = await signUp(first.http);
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    const redis = new Redis(redisOptionsFromUrl(first.config.REDIS_URL));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('answers 429 with Retry-After once an email has failed too often, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const app = i % 2 === 0 ? first : second;
      await app.http
        .post(`${API}/auth/login`)
        .send({ email: owner.email, password: 'wrong password' })
        .expect(401);
    }
    const limited = await second.http
      .post(`${API}/auth/login`)
      .send({ email: owner.email, password: 'wrong password' })
      .expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The lock holds for the right password too: guessing cannot continue by luck.
    await first.http
      .post(`${API}/auth/login`)
      .send({ email: owner.email, password: owner.password })
      .expect(429);
  });

  it('counts per email: another account is not locked out', async () => {
    const other = await signUp(first.http);
    await first.http
      .post(`${API}/auth/login`)
      .send({ email: other.email, password: other.password })
      .expect(200);
  });

  it('a successful login clears the count', async () => {
    const other = await signUp(first.http);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++)
        await first.http
          .post(`${API}/auth/login`)
          .send({ email: other.email, password: 'wrong password' })
          .expect(401);
      await first.http
        .post(`${API}/auth/login`)
        .send({ email: other.email, password: other.password })
        .expect(200);
    }
  });

  it('throttles password guesses through an invite to an existing account too', async () => {
    const target = await signUp(first.http);
    const inviter = await signUp(first.http);
    const invite = await first.http
      .post(`${API}/users/invite`)
      .set(bearer(inviter))
      .send({ email: target.email, role: 'viewer' })
      .expect(201);
    const attempt = (password: string) =>
      first.http
        .post(`${API}/auth/accept-invite`)
        .send({ token: invite.body.data.inviteToken, password, name: 'X' });
    for (let i = 0; i < 3; i++) expect((await attempt(`wrong password ${i}`)).status).toBe(401);
    expect((await attempt('wrong password 4')).status).toBe(429);
    expect((await attempt(target.password)).status).toBe(429);
  });
});
