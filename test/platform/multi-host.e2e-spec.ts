import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadConfig } from '@app/core';
import { createParleyClient } from '../../clients/typescript/src';
import { loadCorpus } from '../support/corpus';
import { freePort, ROOT, runDist, waitFor, waitForOutput } from '../support/processes';
import { deleteKeys } from '../support/redis-keys';
import { startS3Server, S3Server } from '../support/s3-server';
import { cloneTemplate, dropDatabase } from '../support/test-database';

/** Every file under a folder, relative to it. */
const filesUnder = (root: string): string[] =>
  readdirSync(root).flatMap((entry) => {
    const path = join(root, entry);
    return statSync(path).isDirectory()
      ? filesUnder(path).map((inner) => join(entry, inner))
      : [relative(root, path)];
  });

/**
 * Three "hosts" — an API process and two worker processes, each in a working directory of its own with its own
 * storage and temporary folders and nothing on a shared disk — that share only PostgreSQL, Redis and an S3 bucket,
 * as a deployment over several machines does (docs/deployment.md).
 */
describe('more than one machine', () => {
  const corpus = loadCorpus();
  const work = mkdtempSync(join(tmpdir(), 'parley-hosts-'));
  const queuePrefix = `parley-hosts-${process.pid}`;
  const hosts = ['api', 'worker-1', 'worker-2'];
  const processes: Array<ReturnType<typeof runDist>> = [];
  let s3: S3Server;
  let database: { url: string; name: string };
  let api: string;

  beforeAll(async () => {
    s3 = await startS3Server();
    database = await cloneTemplate(
      process.env.PARLEY_TEST_BASE_DATABASE_URL!,
      process.env.PARLEY_TEST_RUN_ID!,
    );
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api/v1`;
    const shared = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      DATABASE_URL: database.url,
      MIGRATIONS_RUN_AT_START: 'false',
      REDIS_URL: loadConfig({ ...process.env, NODE_ENV: 'test' }).REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MODELS_DIR: join(ROOT, 'models'),
      // Secrets every machine must agree on (a single machine would generate them beside its storage folder).
      JWT_SECRET: 'multi-host-jwt-secret-0123456789abcdef-xyz',
      UPLOAD_SIGNING_SECRET: 'multi-host-upload-secret-0123456789abcdef',
      WEBHOOK_SECRET_KEY: 'multi-host-webhook-key-0123456789abcdef-xy',
      ...s3.env,
    };
    for (const host of hosts) {
      const home = join(work, host);
      for (const folder of ['storage', 'tmp']) mkdirSync(join(home, folder), { recursive: true });
      const env = {
        ...shared,
        STORAGE_DIR: join(home, 'storage'),
        STORAGE_TEMP_DIR: join(home, 'tmp', 'storage'),
        TMPDIR: join(home, 'tmp'),
        ...(host === 'api' ? { PORT: String(port), HOST: '127.0.0.1' } : {}),
      };
      processes.push(
        runDist(host === 'api' ? 'apps/api/src/main.js' : 'apps/worker/src/main.js', env, [], { cwd: home }),
      );
    }
    await waitFor(
      () =>
        fetch(`${api}/health/ready`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
      'the API',
    );
    for (const worker of processes.slice(1))
      await waitForOutput(worker, 'Worker started', 60_000, 'a worker');
  }, 120_000);

  afterAll(async () => {
    for (const { child, exited } of processes) {
      child.kill('SIGTERM');
      await exited;
    }
    await deleteKeys(loadConfig({ ...process.env, NODE_ENV: 'test' }).REDIS_URL, `${queuePrefix}:*`);
    if (database) await dropDatabase(process.env.PARLEY_TEST_BASE_DATABASE_URL!, database.name);
    await s3?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('calls uploaded to the API are transcribed and analysed by the workers through the bucket alone', async () => {
    // Through the generated client, as an outside program would.
    const baseUrl = api.replace(/\/api\/v1$/, '');
    const signup = await createParleyClient({ baseUrl }).POST('/api/v1/auth/signup', {
      body: {
        email: 'ops@hosts.example',
        password: 'a long passphrase',
        name: 'Ops',
        organizationName: 'Hosts',
      },
    });
    expect(signup.response.status).toBe(201);
    const parley = createParleyClient({ baseUrl, accessToken: signup.data!.data.accessToken });
    const project = await parley.POST('/api/v1/projects', { body: { name: 'Hosts' } });
    const ids: string[] = [];
    for (const callId of corpus.ids.slice(0, 4)) {
      const form = new FormData();
      form.set('projectId', project.data!.data.id);
      form.set('file', new Blob([readFileSync(corpus.file(callId, 'mp3'))]), `${callId}.mp3`);
      const created = await parley.POST('/api/v1/records/upload', {
        body: form as never,
        bodySerializer: (body) => body as unknown as FormData,
      });
      expect(created.response.status).toBe(201);
      ids.push(created.data!.data.id);
    }

    const record = (id: string, include?: string) =>
      parley.GET('/api/v1/records/{id}', { params: { path: { id }, query: { include } } });
    await waitFor(
      async () => {
        const states = (await Promise.all(ids.map((id) => record(id)))).map((answer) => answer.data!.data);
        const failed = states.find((state) => state.processingStatus === 'failed');
        if (failed) throw new Error(`a record failed: ${JSON.stringify(failed.processingErrors)}`);
        return states.every((state) => state.processingStatus === 'completed');
      },
      240_000,
      'the calls to complete',
    );
    for (const id of ids) {
      const detail = (await record(id, 'transcript,analysis')).data!.data;
      expect(detail.transcript!.sentences.length).toBeGreaterThan(2);
      expect(detail.analysis).toMatchObject({ recordId: id });
    }
    // The audio is in the bucket only: no host keeps a file in its storage or temporary folders.
    const orgId = signup.data!.data.organization!.id;
    expect(await s3.objectKeys()).toEqual(
      expect.arrayContaining(ids.map((id) => `${orgId}/${id}/original.mp3`)),
    );
    for (const host of hosts) {
      expect(filesUnder(join(work, host, 'storage'))).toEqual([]);
      expect(filesUnder(join(work, host, 'tmp'))).toEqual([]);
    }
  });
});
