import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysesService } from '@app/analysis';
import { PipelineService } from '@app/pipeline';
import { QueueName } from '@app/queue';
import { RecordProcessingService } from '@app/records';
import { TranscriptsService } from '@app/transcription';
import { OutboxService } from '@app/webhooks';
import { loadCorpus } from '../support/corpus';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { createProject, upload } from '../records/records-helpers';
import { waitForRecord } from './pipeline-helpers';

const ORDER = ['queued', 'transcribing', 'analyzing', 'alerting', 'done'];

describe('pipeline: upload → completed', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav', 'mp3'] });
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRANSCRIPTION_ENGINE: 'pocketsphinx' } });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  it('moves a stereo call through every stage in order, once', async () => {
    const created = await upload(t, owner, projectId, corpus.file('appointment-booking', 'mp3')).expect(201);
    const recordId = created.body.data.id as string;
    const { record, seen } = await waitForRecord(t, owner, recordId, 200_000);

    expect(record.processingStatus).toBe('completed');
    expect(record).toMatchObject({
      processingStage: 'done',
      analysisResult: expect.objectContaining({ status: 5 }),
    });
    const stages = seen.map((state) => ORDER.indexOf(state.processingStage));
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
    const codes = seen.map((state) => state.status);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));

    const transcript = await t.app.get(TranscriptsService).latest(owner.orgId, recordId);
    expect(transcript?.speakers.map((speaker) => speaker.role)).toEqual(['agent', 'customer']);
    expect(transcript?.sentences.length).toBeGreaterThan(3);
    const words = transcript!.sentences.map((sentence) => sentence.text).join(' ');
    expect(words).toMatch(/appointment|monday|thank|morning/);

    const analysis = await t.app.get(AnalysesService).latestForRecord(owner.orgId, recordId);
    expect(analysis).toMatchObject({ version: 1, complianceStatus: expect.stringMatching(/passed|failed/) });
    expect(record.qualityScore).toBe(analysis!.qualityScore);

    // Billed once, at transcription: ceil(duration / 60) minutes.
    const summary = await t.http.get(`/api/v1/billing/summary/${owner.orgId}`).set(bearer(owner)).expect(200);
    expect(summary.body.data).toMatchObject({
      totalRecords: 1,
      totalMinutes: Math.ceil(Number(record.duration) / 60),
    });

    // Indexed for search in the analysis transaction.
    const found = await t.http.get('/api/v1/search?q=thank').set(bearer(owner)).expect(200);
    expect(found.body.data.map((hit: { recordId: string }) => hit.recordId)).toContain(recordId);

    const outbox = t.app.get(OutboxService);
    for (const type of ['record.created', 'analysis.completed', 'record.completed'] as const)
      expect(await outbox.findByType(owner.orgId, type)).toHaveLength(1);

    const json = await t.http.get(`/api/v1/records/${recordId}/transcript`).set(bearer(owner)).expect(200);
    expect(json.body.data).toMatchObject({ recordId, engine: 'pocketsphinx', redacted: false });
    expect(json.body.data.sentences[0]).toEqual({
      speakerId: expect.any(String),
      startTime: expect.any(Number),
      endTime: expect.any(Number),
      text: expect.any(String),
      confidence: expect.any(Number),
      sentiment: expect.stringMatching(/POSITIVE|NEUTRAL|NEGATIVE/),
    });
    const vtt = await t.http
      .get(`/api/v1/records/${recordId}/transcript?format=vtt`)
      .set(bearer(owner))
      .expect(200);
    expect(vtt.headers['content-type']).toMatch(/^text\/vtt/);
    expect(vtt.text.startsWith('WEBVTT')).toBe(true);
    await t.http
      .get(`/api/v1/records/${recordId}/transcript?redacted=true&format=txt`)
      .set(bearer(owner))
      .expect(200);
    const detail = await t.http
      .get(`/api/v1/records/${recordId}?include=transcript,analysis`)
      .set(bearer(owner))
      .expect(200);
    expect(detail.body.data.transcript.sentences.length).toBe(transcript!.sentences.length);
    expect(detail.body.data.analysis).toMatchObject({ id: analysis!.id, recordId });

    // A duplicate of a stage job that already ran is a no-op: nothing claimed, nothing written twice.
    const pipeline = t.app.get(PipelineService);
    const job = { recordId, orgId: owner.orgId, version: 1 };
    await expect(pipeline.runTranscription(job)).resolves.toBe('skipped');
    await expect(pipeline.runAnalysis(job)).resolves.toBe('skipped');
    await expect(pipeline.runAlerting(job)).resolves.toBe('skipped');
    expect(await outbox.findByType(owner.orgId, 'record.completed')).toHaveLength(1);
    expect(await outbox.findByType(owner.orgId, 'analysis.completed')).toHaveLength(1);

    // Purging the record takes its transcript, analysis and search rows with it.
    await t.http.delete(`/api/v1/records/${recordId}?permanent=true`).set(bearer(owner)).expect(204);
    expect(await t.app.get(TranscriptsService).latest(owner.orgId, recordId)).toBeNull();
    expect(await t.app.get(AnalysesService).latestForRecord(owner.orgId, recordId)).toBeNull();
    const after = await t.http.get('/api/v1/search?q=thank').set(bearer(owner)).expect(200);
    expect(after.body.data).toEqual([]);
  }, 240_000);

  it('fails a record whose audio cannot be decoded, with a reason and record.failed', async () => {
    const transcription = t.app.get<Queue>(getQueueToken(QueueName.Transcription));
    await transcription.pause();
    try {
      const created = await upload(t, owner, projectId, corpus.file('wrong-number', 'wav')).expect(201);
      const recordId = created.body.data.id as string;
      const stored = await t.app.get(RecordProcessingService).find(owner.orgId, recordId);
      // The bytes rot in storage after the upload was accepted.
      writeFileSync(join(t.storageDir, stored!.storageKey!), Buffer.alloc(4096, 7));
      await transcription.resume();
      const { record } = await waitForRecord(t, owner, recordId);
      expect(record.processingStatus).toBe('failed');
      expect(record).toMatchObject({
        processingStage: 'transcribing',
        analysisResult: expect.objectContaining({ sentiment: 'ERROR', status: 2 }),
        processingErrors: [expect.objectContaining({ stage: 'transcribing', message: expect.any(String) })],
      });
      const failed = await t.app.get(OutboxService).findByType(owner.orgId, 'record.failed');
      expect(failed.map((event) => (event.payload.data as { id: string }).id)).toEqual([recordId]);
    } finally {
      await transcription.resume();
    }
  });

  it('shows queue counts to admins only', async () => {
    const response = await t.http.get('/api/v1/queues').set(bearer(owner)).expect(200);
    expect(response.body.data.map((q: { queue: string }) => q.queue)).toEqual(
      expect.arrayContaining(['transcription', 'analysis', 'alerting', 'webhooks', 'ingest', 'maintenance']),
    );
  });
});
