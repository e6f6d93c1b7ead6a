import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysesService } from '@app/analysis';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { audioLevels } from '../support/audio-levels';
import { createTestApp, TestApp } from '../support/test-app';
import { createProject } from '../records/records-helpers';
import { waitForRecord } from './pipeline-helpers';

/** Peak level (dB) of a span of an audio file. */
const peakDb = (path: string, start: number, end: number) =>
  audioLevels(path, { from: start, to: end }).peakDb;

describe('PII redaction of audio and transcript', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  const work = mkdtempSync(join(tmpdir(), 'parley-redaction-'));
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** GET /records/:id/audio?redacted=true, as WAV, saved to a file of the test's folder; its path. */
  const downloadRedacted = async (recordId: string, name: string): Promise<string> => {
    const redacted = await t.http
      .get(`/api/v1/records/${recordId}/audio?redacted=true`)
      .set(bearer(owner))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(redacted.headers['content-type']).toMatch(/^audio\/wav/);
    const path = join(work, name);
    writeFileSync(path, redacted.body as Buffer);
    return path;
  };

  it('silences the card number in the redacted audio copy and masks it in the transcript', async () => {
    const projectId = await createProject(t, owner);
    const truth = corpus.truth('pii-payment');
    // The call with its ground-truth transcript: recognition is skipped, analysis runs on the known words.
    const utterances = truth.utterances.map((u) => ({
      timestamp: u.startTime,
      author: u.speaker === 'agent' ? 'Agent' : 'Customer',
      text: u.text,
    }));
    const created = await t.http
      .post('/api/v1/records/upload')
      .set(bearer(owner))
      .field('projectId', projectId)
      .attach('file', corpus.file('pii-payment', 'wav'))
      .field('transcript', JSON.stringify(utterances))
      .expect(201);
    const recordId = created.body.data.id as string;
    const { record } = await waitForRecord(t, owner, recordId, 120_000);
    expect(record.processingStatus).toBe('completed');

    const analysis = await t.app.get(AnalysesService).latestForRecord(owner.orgId, recordId);
    const card = analysis!.pii.find((span) => span.type === 'CREDIT_CARD');
    expect(card).toBeDefined();

    const redactedPath = await downloadRedacted(recordId, 'redacted.wav');

    const original = corpus.file('pii-payment', 'wav');
    const { startTime, endTime } = card!;
    const before = peakDb(original, startTime, endTime);
    const after = peakDb(redactedPath, startTime, endTime);
    expect(before).toBeGreaterThan(-30);
    // Silence, give or take the odd sample at the edges of ffmpeg's seek.
    expect(after).toBeLessThan(-50);
    expect(before - after).toBeGreaterThan(30);
    // Outside the PII spans the call is untouched.
    const greeting = truth.utterances[0];
    expect(peakDb(redactedPath, greeting.startTime, greeting.endTime)).toBeGreaterThan(-30);

    const text = await t.http
      .get(`/api/v1/records/${recordId}/transcript?redacted=true&format=txt`)
      .set(bearer(owner))
      .expect(200);
    expect(text.text).toContain('[CREDIT_CARD]');
    const cardRead = truth.utterances.flatMap((u) => u.spans).find((span) => span.type === 'card')!;
    expect(text.text).not.toContain(cardRead.text);
  }, 180_000);

  it('silences the spoken card and phone numbers when the speech engine transcribed the call itself', async () => {
    const projectId = await createProject(t, owner);
    const truth = corpus.truth('pii-payment');
    const created = await t.http
      .post('/api/v1/records/upload')
      .set(bearer(owner))
      .field('projectId', projectId)
      .attach('file', corpus.file('pii-payment', 'wav'))
      .expect(201);
    const recordId = created.body.data.id as string;
    const { record } = await waitForRecord(t, owner, recordId, 120_000);
    expect([record.processingStatus, record.processingErrors]).toEqual(['completed', []]);
    const analysis = await t.app.get(AnalysesService).latestForRecord(owner.orgId, recordId);
    expect(new Set(analysis!.pii.map((span) => span.type))).toEqual(
      new Set(['CREDIT_CARD', 'PHONE_NUMBER', 'EMAIL']),
    );

    const redactedPath = await downloadRedacted(recordId, 'redacted-asr.wav');
    // Where the script marks the card, e-mail and phone read out: the word times Moonshine's engine estimates must
    // cover them, whatever the speech before and after (a tenth of a second in from each edge: flite's own pauses).
    const marked = truth.utterances.flatMap((u) => u.spans);
    expect(marked.map((span) => span.type).sort()).toEqual(['card', 'email', 'phone']);
    for (const span of marked) {
      const [from, to] = [span.startTime + 0.1, span.endTime - 0.1];
      expect({
        span: span.text,
        original: peakDb(corpus.file('pii-payment', 'wav'), from, to) > -30,
      }).toEqual({
        span: span.text,
        original: true,
      });
      const after = peakDb(redactedPath, from, to);
      expect([span.type, after < -50 ? 'silent' : `${after} dB`]).toEqual([span.type, 'silent']);
    }
    expect(peakDb(redactedPath, truth.utterances[0].startTime, truth.utterances[0].endTime)).toBeGreaterThan(
      -30,
    );
  }, 180_000);

  it('serves the original as the redacted audio of a call where nothing needed silencing, once redaction ran', async () => {
    const projectId = await createProject(t, owner);
    const truth = corpus.truth('wrong-number');
    const created = await t.http
      .post('/api/v1/records/upload')
      .set(bearer(owner))
      .field('projectId', projectId)
      .attach('file', corpus.file('wrong-number', 'wav'))
      .field(
        'transcript',
        JSON.stringify(
          truth.utterances.map((u) => ({ timestamp: u.startTime, author: u.speaker, text: u.text })),
        ),
      )
      .expect(201);
    const recordId = created.body.data.id as string;
    const { record } = await waitForRecord(t, owner, recordId, 120_000);
    expect(record.features).toMatchObject({ redaction: { status: 'ok' } });
    const analysis = await t.app.get(AnalysesService).latestForRecord(owner.orgId, recordId);
    expect(analysis!.pii).toEqual([]);
    const redactedPath = await downloadRedacted(recordId, 'nothing-to-redact.wav');
    expect(readFileSync(redactedPath).equals(readFileSync(corpus.file('wrong-number', 'wav')))).toBe(true);
  }, 180_000);
});
