import { DataSource } from 'typeorm';
import { newId } from '@app/core';
import { DatabaseService } from '@app/database';
import { TranscriptionResult, TranscriptsService } from '@app/transcription';
import { createTestApp, TestApp } from '../support/test-app';
import { TranscriptionTestModule } from './transcription-test.module';

const result = (text: string): TranscriptionResult => ({
  engine: 'pocketsphinx',
  language: 'en-US',
  duration: 12.5,
  speakers: [
    { speakerId: 'spk_0', speakerLabel: 'Agent', role: 'agent' },
    { speakerId: 'spk_1', speakerLabel: 'Customer', role: 'customer' },
  ],
  sentences: [{ speakerId: 'spk_0', startTime: 0.5, endTime: 1.75, text, confidence: 0.875 }],
});

describe('transcript storage', () => {
  let t: TestApp;
  let transcripts: TranscriptsService;
  let database: DatabaseService;
  const orgA = newId('org');
  const orgB = newId('org');

  beforeAll(async () => {
    t = await createTestApp({ module: TranscriptionTestModule });
    transcripts = t.app.get(TranscriptsService);
    database = t.app.get(DatabaseService);
  });
  afterAll(() => t.close());

  const rowsOf = async (recordId: string) =>
    Number(
      (
        await t.app
          .get(DataSource)
          .query<Array<{ count: string }>>('SELECT count(*) FROM transcripts WHERE record_id = $1', [
            recordId,
          ])
      )[0].count,
    );

  it('saves a version once: a retried save replaces it in place, never a second row', async () => {
    const recordId = newId('rec');
    const first = await transcripts.save(orgA, recordId, 1, result('hello'));
    const again = await transcripts.save(orgA, recordId, 1, result('hello again'));
    expect(again.id).toBe(first.id);
    expect(await rowsOf(recordId)).toBe(1);
    const latest = await transcripts.latest(orgA, recordId);
    expect(latest).toMatchObject({
      id: first.id,
      recordId,
      version: 1,
      engine: 'pocketsphinx',
      language: 'en-US',
      duration: 12.5,
      speakers: result('').speakers,
      sentences: [
        { speakerId: 'spk_0', startTime: 0.5, endTime: 1.75, text: 'hello again', confidence: 0.875 },
      ],
    });
  });

  it('gives the newest version as latest', async () => {
    const recordId = newId('rec');
    await transcripts.save(orgA, recordId, 2, result('second'));
    await transcripts.save(orgA, recordId, 1, result('first'));
    expect((await transcripts.latest(orgA, recordId))?.sentences[0].text).toBe('second');
    expect(await rowsOf(recordId)).toBe(2);
  });

  it("keeps organisations apart: another organisation neither reads, overwrites nor deletes a record's transcript", async () => {
    const recordId = newId('rec');
    await transcripts.save(orgA, recordId, 1, result('private'));
    expect(await transcripts.latest(orgB, recordId)).toBeNull();
    await expect(transcripts.save(orgB, recordId, 1, result('hijack'))).rejects.toThrow();
    expect(await transcripts.deleteForRecord(orgB, recordId)).toBe(0);
    expect((await transcripts.latest(orgA, recordId))?.sentences[0].text).toBe('private');
  });

  it('commits and deletes with the caller transaction', async () => {
    const recordId = newId('rec');
    await expect(
      database.transaction(async (manager) => {
        await transcripts.save(orgA, recordId, 1, result('rolled back'), manager);
        throw new Error('the stage failed after saving');
      }),
    ).rejects.toThrow('the stage failed');
    expect(await rowsOf(recordId)).toBe(0);

    await database.transaction((manager) => transcripts.save(orgA, recordId, 1, result('kept'), manager));
    await transcripts.save(orgA, recordId, 2, result('kept too'));
    const removed = await database.transaction((manager) =>
      transcripts.deleteForRecord(orgA, recordId, manager),
    );
    expect(removed).toBe(2);
    expect(await transcripts.latest(orgA, recordId)).toBeNull();
  });

  it('stores an empty transcript for a silent call', async () => {
    const recordId = newId('rec');
    await transcripts.save(orgA, recordId, 1, { ...result(''), sentences: [] });
    expect((await transcripts.latest(orgA, recordId))?.sentences).toEqual([]);
  });
});
