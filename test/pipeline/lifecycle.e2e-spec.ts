import { getQueueToken } from '@nestjs/bullmq';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { ReconcilerService } from '@app/pipeline';
import { QueueName, redisOptionsFromUrl } from '@app/queue';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { runDist, waitFor } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject, upload } from '../records/records-helpers';
import { waitForRecord, workerEnv } from './pipeline-helpers';

/** The record lifecycle through the real pipeline (API and worker in one process, the Moonshine engine). */
describe('record lifecycle: per-feature status, restarts and re-drives', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  const detail = async (id: string) =>
    (await t.http.get(`${API}/records/${id}`).set(bearer(owner)).expect(200)).body.data;
  const sql = (query: string, params: unknown[]) => t.app.get(DataSource).query(query, params);

  it('shows what each feature did, and a call with no speech as skipped rather than empty', async () => {
    const spoken = (await upload(t, owner, projectId, corpus.file('wrong-number')).expect(201)).body.data.id;
    const silent = (await upload(t, owner, projectId, corpus.file('silence')).expect(201)).body.data.id;
    for (const id of [spoken, silent]) {
      const { record } = await waitForRecord(t, owner, id, 120_000);
      expect([record.processingStatus, record.processingErrors]).toEqual(['completed', []]);
    }

    const call = await detail(spoken);
    expect(call.features.transcription).toMatchObject({ status: 'ok', engine: 'moonshine', attempts: 1 });
    expect(Date.parse(call.features.transcription.finishedAt)).toBeGreaterThanOrEqual(
      Date.parse(call.features.transcription.startedAt),
    );
    for (const name of [
      'redaction',
      'metrics',
      'sentiment',
      'summary',
      'scorecard',
      'followups',
      'crmMatch',
      'alerts',
    ])
      expect([name, call.features[name].status]).toEqual([name, 'ok']);
    expect(call.features.summary.engine).toBe('extractive');

    const quiet = await detail(silent);
    expect(quiet.features.transcription).toMatchObject({ status: 'skipped', reason: 'no speech' });
    expect(quiet.features.summary).toMatchObject({ status: 'skipped', reason: 'no speech' });
    expect(quiet.features.followups).toMatchObject({ status: 'skipped', reason: 'no speech' });
    expect(quiet.features.metrics.status).toBe('ok');

    const skipped = await t.http
      .get(`${API}/records?feature=transcription:skipped`)
      .set(bearer(owner))
      .expect(200);
    expect(skipped.body.data.map((r: { id: string }) => r.id)).toEqual([silent]);
    const pending = await t.http.get(`${API}/records?feature=summary:pending`).set(bearer(owner)).expect(200);
    expect(pending.body.data).toEqual([]);
    const bad = await t.http.get(`${API}/records?feature=summary:broken`).set(bearer(owner)).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  }, 180_000);

  it('restarts a failed record and a stuck one, and refuses one whose stage is really running', async () => {
    const id = (await upload(t, owner, projectId, corpus.file('wrong-number')).expect(201)).body.data.id;
    await waitForRecord(t, owner, id, 120_000);

    // A record failed in analysis (as after an outage that outlasted the retries): reprocess runs it again.
    await sql(
      `UPDATE records SET processing_status = 'failed', processing_stage = 'analyzing', analysis_status = 3 WHERE id = $1`,
      [id],
    );
    await t.http
      .post(`${API}/records/${id}/reprocess`)
      .set(bearer(owner))
      .send({ fromStage: 'analyzing' })
      .expect(202);
    const again = await waitForRecord(t, owner, id, 120_000);
    expect(again.record).toMatchObject({ processingStatus: 'completed', processingErrors: [] });
    const rerun = await detail(id);
    // Analysis ran again under version 2; transcription was kept (not re-run, not re-billed).
    expect(rerun.features.transcription.attempts).toBe(1);
    expect(rerun.features.summary).toMatchObject({ status: 'ok', attempts: 1 });

    // A job of its stage waiting in the queue: the stage really runs, a conflict. No such job (it failed or was
    // lost): the record is stuck and restartable.
    const [{ pipeline_version: pipelineVersion }] = (await sql(
      `SELECT pipeline_version FROM records WHERE id = $1`,
      [id],
    )) as Array<{ pipeline_version: number }>;
    await sql(
      `UPDATE records SET processing_status = 'processing', processing_stage = 'transcribing' WHERE id = $1`,
      [id],
    );
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Transcription));
    const jobId = `${id}:transcription:${pipelineVersion}`;
    await (await queue.getJob(jobId))?.remove();
    await queue.add(
      'transcription.record',
      { recordId: id, orgId: owner.orgId, version: pipelineVersion },
      { jobId, delay: 60_000 },
    );
    const busy = await t.http.post(`${API}/records/${id}/reprocess`).set(bearer(owner)).send({}).expect(409);
    expect(busy.body.error.code).toBe('CONFLICT');
    await (await queue.getJob(jobId))!.remove();
    const accepted = await t.http
      .post(`${API}/records/${id}/reprocess`)
      .set(bearer(owner))
      .send({})
      .expect(202);
    expect(accepted.body.data.pipelineVersion).toBe(pipelineVersion + 1);
    expect((await waitForRecord(t, owner, id, 120_000)).record.processingStatus).toBe('completed');
  }, 240_000);
});

describe('record lifecycle: a re-drive is not swallowed by a failed job of the same id', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  let t: TestApp;
  let owner: TestUser;
  let worker: ReturnType<typeof runDist> | undefined;

  beforeAll(async () => {
    // The API alone in this process: the test decides what consumes the queues.
    t = await createTestApp({ module: ApiModule, env: { PIPELINE_STUCK_AFTER_SECONDS: '10' } });
    owner = await signUp(t.http);
  });
  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await t.close();
  });

  it('re-drives a record whose stage job failed for good, and the record completes', async () => {
    // As after an outage that outlasted the retries: the stage job failed, the record still waits at `queued`.
    const connection = { ...redisOptionsFromUrl(t.config.REDIS_URL), maxRetriesPerRequest: null };
    const failing = new Worker(
      QueueName.Transcription,
      async () => {
        throw new UnrecoverableError('Connection terminated unexpectedly');
      },
      { connection, prefix: t.config.QUEUE_PREFIX },
    );
    const projectId = await createProject(t, owner);
    const id = (await upload(t, owner, projectId, corpus.file('wrong-number')).expect(201)).body.data.id;
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Transcription));
    await waitFor(
      async () => (await (await queue.getJob(`${id}:transcription:1`))?.getState()) === 'failed',
      30_000,
      'the stage job to fail',
    );
    await failing.close();
    await t.app
      .get(DataSource)
      .query(`UPDATE records SET updated_at = now() - interval '1 hour' WHERE id = $1`, [id]);

    const { redriven } = await t.app.get(ReconcilerService).reconcile();
    expect(redriven).toBe(1);
    expect(await (await queue.getJob(`${id}:transcription:1`))!.getState()).toBe('waiting');

    worker = runDist('apps/worker/src/main.js', workerEnv(t));
    expect((await waitForRecord(t, owner, id, 120_000)).record.processingStatus).toBe('completed');
    // A second sweep finds nothing to do: the record is done.
    expect((await t.app.get(ReconcilerService).reconcile()).redriven).toBe(0);
  }, 180_000);
});
