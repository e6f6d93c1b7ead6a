import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ReconcilerService } from '@app/pipeline';
import { QueueName } from '@app/queue';
import { ApiModule } from '../../apps/api/src/api.module';
import { signUp } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { PrivateRedis } from '../support/processes';
import { createProject, upload } from '../records/records-helpers';
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

describe('while Redis is away', () => {
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
    // Anyone may read readiness: it names the component, not the driver's message with its address.
    expect(JSON.stringify(down.body)).not.toContain('127.0.0.1');

    await redis.restart();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await t.http.get('/api/v1/health/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });

  it('answers 503 with Retry-After fast, takes an upload with its id, and queues it once Redis is back', async () => {
    const owner = await signUp(t.http);
    const projectId = await createProject(t, owner);
    await redis.stop();

    let started = Date.now();
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: owner.email, password: owner.password });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(login.status).toBe(503);
    expect(login.body.error.code).toBe('UNAVAILABLE');
    expect(login.headers['retry-after']).toBe('5');

    // The record is committed and its id returned; its job waits for Redis (no duplicate on a client retry).
    // The corpus is rendered on first use (seconds on a fresh machine): before the clock starts.
    const call = loadCorpus({ formats: ['wav'] }).file('wrong-number');
    started = Date.now();
    const created = await upload(t, owner, projectId, call).expect(201);
    expect(Date.now() - started).toBeLessThan(10_000);
    const id = created.body.data.id as string;

    await redis.restart();
    await t.app
      .get(DataSource)
      .query(`UPDATE records SET updated_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    await t.app.get(ReconcilerService).reconcile();
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Transcription));
    expect(await queue.getJob(`${id}:transcription:1`)).toBeTruthy();
  }, 60_000);
});
