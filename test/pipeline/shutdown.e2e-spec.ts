import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { runDist, waitFor, waitForOutput } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject, upload } from '../records/records-helpers';
import { waitForRecord, workerEnv } from './pipeline-helpers';

/** SIGTERM to a real worker process while it transcribes (the API runs in this process). */
describe('graceful shutdown of a worker mid-transcription', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  const work = mkdtempSync(join(tmpdir(), 'parley-shutdown-'));
  const call = join(work, 'three-minutes.wav');
  const workers: Array<ReturnType<typeof runDist>> = [];
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    // A call long enough that the signal lands while it is being recognised (about 8 s of work here).
    const pieces = corpus.ids.filter((id) => id !== 'silence').map((id) => corpus.file(id));
    execFileSync('sox', [...pieces, ...pieces, call, 'trim', '0', '180']);
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  const startWorker = async (env: Record<string, string> = {}) => {
    const worker = runDist('apps/worker/src/main.js', workerEnv(t, env));
    workers.push(worker);
    await waitForOutput(worker, 'Worker started', 60_000, 'the worker');
    return worker;
  };
  const transcribing = (id: string) =>
    waitFor(
      async () =>
        (await t.http.get(`${API}/records/${id}`).set(bearer(owner))).body.data.processingStage ===
        'transcribing',
      60_000,
      'transcription to start',
    );

  it('finishes the job it holds before it exits, and closes no connection under it', async () => {
    const worker = await startWorker();
    const id = (await upload(t, owner, projectId, call).expect(201)).body.data.id;
    await transcribing(id);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('Stopped cleanly');
    expect(worker.output()).not.toMatch(/Connection is closed/);
    // The transcription it held was finished and written; the next stage waits for the next worker.
    const after = (await t.http.get(`${API}/records/${id}`).set(bearer(owner)).expect(200)).body.data;
    expect(after.features.transcription.status).toBe('ok');
    expect(after.processingStage).toBe('analyzing');
    await startWorker();
    expect((await waitForRecord(t, owner, id, 60_000)).record.processingStatus).toBe('completed');
  }, 180_000);

  it('hands back what it cannot finish in its grace period; a restarted worker completes it within a minute', async () => {
    const worker = await startWorker({ SHUTDOWN_GRACE_SECONDS: '0' });
    const id = (await upload(t, owner, projectId, call).expect(201)).body.data.id;
    await transcribing(id);
    const stoppedAt = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    await startWorker();
    const { record } = await waitForRecord(t, owner, id, 60_000);
    expect(record.processingStatus).toBe('completed');
    expect(Date.now() - stoppedAt).toBeLessThan(60_000);
  }, 180_000);
});
