import { ApiModule } from '../../apps/api/src/api.module';
import { PrivateRedis } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

describe('health and readiness', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness without a token', async () => {
    const response = await t.http.get('/api/v1/health').expect(200);
    expect(response.body).toEqual({ data: { status: 'ok' } });
  });

  it('is ready when PostgreSQL, Redis and storage answer, and reports queue depths', async () => {
    const response = await t.http.get('/api/v1/health/ready').expect(200);
    expect(response.body.data.status).toBe('ready');
    expect(response.body.data.checks).toEqual({
      database: { ok: true },
      redis: { ok: true },
      storage: { ok: true },
    });
    expect(response.body.data.queues.transcription).toMatchObject({ waiting: expect.any(Number) });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.http.get('/api/v1/health').set('X-Request-ID', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.http.get('/api/v1/health').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document and UI', async () => {
    const json = await t.http.get('/docs/openapi.json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/health/ready');
    const ui = await t.http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });
});

describe('readiness when Redis goes away', () => {
  let redis: PrivateRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({ module: ApiModule, env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await redis.restart();
    await t.close();
    await redis.destroy();
  });

  it('goes 503 naming Redis, and recovers when Redis is back', async () => {
    await t.http.get('/api/v1/health/ready').expect(200);
    await redis.stop();
    const down = await t.http.get('/api/v1/health/ready').expect(503);
    expect(down.body.error.message).toContain('redis');
    expect(down.body.error.details).toEqual([
      { field: 'redis', message: expect.stringContaining('Redis unavailable') },
    ]);
    expect(down.headers['retry-after']).toBe('5');

    await redis.restart();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await t.http.get('/api/v1/health/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});
