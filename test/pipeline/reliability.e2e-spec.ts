import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ReconcilerService } from '@app/pipeline';
import { QueueName } from '@app/queue';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { PrivateRedis, runDist, waitFor, waitForOutput } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { createProject, upload } from '../records/records-helpers';
import { waitForRecord, workerEnv } from './pipeline-helpers';

const countRows = async (t: TestApp, sql: string, params: unknown[]) =>
  Number((await t.app.get(DataSource).query(sql, params))[0].count);

describe('reliability: a worker killed mid-transcription', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav', 'mp3'] });
  let t: TestApp;
  let owner: TestUser;
  const workers: Array<ReturnType<typeof runDist>> = [];
  // A worker killed mid-transcription cannot remove its work folder; the workers get a temp folder of the test's.
  const workerTmp = mkdtempSync(join(tmpdir(), 'parley-reliability-'));

  const startWorker = async () => {
    const worker = runDist(
      'apps/worker/src/main.js',
      workerEnv(t, { TRANSCRIPTION_ENGINE: 'pocketsphinx', TMPDIR: workerTmp }),
    );
    workers.push(worker);
    await waitForOutput(worker, 'Worker started', 60_000, 'the worker');
    return worker;
  };

  beforeAll(async () => {
    // The API alone in this process; the work happens in real worker processes the test can kill.
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await t.close();
    rmSync(workerTmp, { recursive: true, force: true });
  });

  it('completes the record once after kill -9 and a new worker', async () => {
    const projectId = await createProject(t, owner);
    const first = await startWorker();
    const created = await upload(t, owner, projectId, corpus.file('appointment-booking', 'wav')).expect(201);
    const recordId = created.body.data.id as string;
    await waitFor(
      async () => {
        const response = await t.http.get(`/api/v1/records/${recordId}`).set(bearer(owner));
        return response.body.data.processingStage === 'transcribing';
      },
      60_000,
      'transcription to start',
    );
    // The recogniser of the killed worker must not go on by itself (it reads tracks from the worker's temp folder).
    const recognisers = () =>
      spawnSync('pgrep', ['-f', `pocketsphinx_continuous.*${workerTmp}`], { encoding: 'utf8' }).stdout.trim();
    await waitFor(async () => recognisers() !== '', 30_000, 'the recogniser to start');
    first.child.kill('SIGKILL');
    await first.exited;
    await waitFor(async () => recognisers() === '', 5_000, 'the recogniser to die with its worker');

    await startWorker();
    const { record } = await waitForRecord(t, owner, recordId, 240_000);
    expect(record.processingStatus).toBe('completed');
    expect(await countRows(t, 'SELECT count(*) FROM transcripts WHERE record_id = $1', [recordId])).toBe(1);
    expect(
      await countRows(
        t,
        "SELECT count(*) FROM outbox_events WHERE type = 'record.completed' AND org_id = $1",
        [owner.orgId],
      ),
    ).toBe(1);
  }, 300_000);
});

describe('reliability: Redis loses its data mid-run', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav', 'mp3'] });
  let redis: PrivateRedis;
  let t: TestApp;
  let owner: TestUser;
  // The source of a URL ingest, on loopback.
  let audioServer: Server;
  let audioUrl: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({
      env: {
        REDIS_URL: redis.url,
        TRANSCRIPTION_ENGINE: 'none',
        PIPELINE_STUCK_AFTER_SECONDS: '10',
        PIPELINE_REQUEUE_AFTER_SECONDS: '10',
        INGEST_ALLOW_PRIVATE_NETWORKS: 'true',
      },
    });
    owner = await signUp(t.http);
    const mp3 = corpus.file('billing-refund', 'mp3');
    audioServer = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': statSync(mp3).size });
      createReadStream(mp3).pipe(response);
    });
    await new Promise<void>((resolve) => audioServer.listen(0, '127.0.0.1', resolve));
    audioUrl = `http://127.0.0.1:${(audioServer.address() as AddressInfo).port}/call.mp3`;
  });
  afterAll(async () => {
    await redis.restart();
    await t.close();
    await redis.destroy();
    await new Promise<void>((resolve) => audioServer.close(() => resolve()));
  });

  it('re-drives every queued record once Redis is back, and none is lost', async () => {
    const projectId = await createProject(t, owner);
    await t.app.get<Queue>(getQueueToken(QueueName.Transcription)).pause();
    await t.app.get<Queue>(getQueueToken(QueueName.Ingest)).pause();
    const ids: string[] = [];
    for (const id of ['wrong-number', 'appointment-booking', 'silence']) {
      const created = await upload(t, owner, projectId, corpus.file(id, 'wav')).expect(201);
      ids.push(created.body.data.id);
    }
    // A URL ingest whose download job is lost with the rest.
    const pulled = await t.http
      .post('/api/v1/records/ingest')
      .set(bearer(owner))
      .send({ projectId, audioUrl })
      .expect(202);
    ids.push(pulled.body.data.id);
    // Redis restarts without persistence: the queued jobs (and the pause) are gone.
    await redis.stop();
    await redis.restart();
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const { redriven } = await t.app.get(ReconcilerService).reconcile();
    expect(redriven).toBe(4);
    for (const id of ids) {
      const { record } = await waitForRecord(t, owner, id, 60_000);
      expect(record.processingStatus).toBe('completed');
    }
    expect(await countRows(t, 'SELECT count(*) FROM transcripts WHERE record_id = ANY($1)', [ids])).toBe(4);
  }, 120_000);
});
