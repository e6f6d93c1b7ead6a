import { rm } from 'node:fs/promises';
import { loadConfig } from '@app/core';
import { runDist, waitForOutput } from '../support/processes';
import { deleteKeys } from '../support/redis-keys';

/** The compiled entry points, as `npm run start:api` / `start:worker` run them (dist/ is built by `npm test`). */
describe('process entry points', () => {
  it('refuses to start with a bad setting and names it', async () => {
    const api = runDist('apps/api/src/main.js', { PORT: 'not-a-port', DATABASE_URL: 'mysql://nope' });
    const code = await api.exited;
    expect(code).toBe(1);
    expect(api.output()).toContain('PORT');
    expect(api.output()).toContain('DATABASE_URL');
    expect(api.output()).not.toMatch(/\n\s+at /);
  });

  describe('a worker', () => {
    const queuePrefix = `parley-smoke-${process.pid}`;
    const storageDir = `/tmp/parley-smoke-${process.pid}`;
    afterAll(async () => {
      await deleteKeys(loadConfig({ ...process.env, NODE_ENV: 'test' }).REDIS_URL, `${queuePrefix}:*`);
      await rm(storageDir, { recursive: true, force: true });
    });

    it('boots the worker against the real services and shuts down cleanly on SIGTERM', async () => {
      const worker = runDist('apps/worker/src/main.js', {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        // Production refuses to start without its secrets.
        JWT_SECRET: 'smoke-test-secret-smoke-test-secret-0123',
        UPLOAD_SIGNING_SECRET: 'smoke-test-secret-smoke-test-secret-0123',
        WEBHOOK_SECRET_KEY: 'smoke-test-secret-smoke-test-secret-0123',
        QUEUE_PREFIX: queuePrefix,
        STORAGE_DIR: storageDir,
      });
      await waitForOutput(worker, 'Worker started', 30_000, 'the worker');
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.output()).toContain('Stopped cleanly');
      // JSON logs in production
      const firstLine = worker
        .output()
        .split('\n')
        .find((line) => line.startsWith('{'));
      expect(firstLine && JSON.parse(firstLine)).toMatchObject({ level: expect.any(Number) });
    });
  });
});
