import { TranscriptsService } from '@app/transcription';
import { loadCorpus } from '../support/corpus';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';
import { API, createProject, recordCount, storedFiles } from '../records/records-helpers';

const VTT = `WEBVTT

00:00:00.500 --> 00:00:03.000
<v Agent>Thank you for calling, this call may be recorded.

00:00:03.500 --> 00:00:06.000
<v Customer>I would like to book an appointment for Monday.
`;

describe('POST /records/upload with a transcript', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  // pocketsphinx is the engine: a supplied transcript must stop it from running at all
  beforeAll(async () => {
    t = await createTestApp({ env: { TRANSCRIPTION_ENGINE: 'pocketsphinx' } });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  const uploadWith = (transcript: { part: 'file' | 'field'; text: string; filename?: string }) => {
    const request = t.http
      .post(`${API}/records/upload`)
      .set(bearer(owner))
      .field('projectId', projectId)
      .attach('file', corpus.file('appointment-booking', 'wav'));
    return transcript.part === 'file'
      ? request.attach('transcript', Buffer.from(transcript.text), transcript.filename ?? 'call.vtt')
      : request.field('transcript', transcript.text);
  };

  it('stores the WebVTT transcript (engine none), skips recognition and completes the call', async () => {
    const created = await uploadWith({ part: 'file', text: VTT }).expect(201);
    const recordId = created.body.data.id as string;
    const { record } = await waitForRecord(t, owner, recordId, 60_000);
    expect(record.processingStatus).toBe('completed');

    const transcript = await t.app.get(TranscriptsService).latest(owner.orgId, recordId);
    expect(transcript).toMatchObject({ version: 1, engine: 'none' });
    expect(transcript!.sentences.map((s) => [s.startTime, s.endTime, s.text])).toEqual([
      [0.5, 3, 'Thank you for calling, this call may be recorded.'],
      [3.5, 6, 'I would like to book an appointment for Monday.'],
    ]);
    expect(transcript!.speakers.map((s) => s.role)).toEqual(['agent', 'customer']);
    // the duration is the audio's, not the transcript's
    expect(transcript!.duration).toBeCloseTo(Number(record.duration), 1);

    const found = await t.http.get(`${API}/search?q=appointment`).set(bearer(owner)).expect(200);
    expect(found.body.data.map((hit: { recordId: string }) => hit.recordId)).toContain(recordId);
  });

  it('takes JSON utterances as a field', async () => {
    const created = await uploadWith({
      part: 'field',
      text: JSON.stringify([{ timestamp: 0, author: 'Agent', text: 'Hello from a field' }]),
    }).expect(201);
    const recordId = created.body.data.id as string;
    await waitForRecord(t, owner, recordId, 60_000);
    const transcript = await t.app.get(TranscriptsService).latest(owner.orgId, recordId);
    expect(transcript!.sentences.map((s) => s.text)).toEqual(['Hello from a field']);
  });

  it('refuses a bad transcript with a 400 naming it, keeping no record and no file', async () => {
    const before = await recordCount(t, owner);
    const filesBefore = storedFiles(t.storageDir).length;
    const bad = await uploadWith({ part: 'file', text: '1\nno timing here\n', filename: 'call.srt' }).expect(
      400,
    );
    expect(bad.body.error.details[0].field).toMatch(/^transcript/);
    const badEntry = await uploadWith({
      part: 'field',
      text: JSON.stringify([
        { timestamp: 2, author: 'A', text: 'x' },
        { timestamp: 1, author: 'B', text: 'y' },
      ]),
    }).expect(400);
    expect(badEntry.body.error.details[0].field).toBe('transcript[1].timestamp');
    expect(await recordCount(t, owner)).toBe(before);
    expect(storedFiles(t.storageDir).length).toBe(filesBefore);
  });
});
