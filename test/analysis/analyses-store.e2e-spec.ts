import { DataSource } from 'typeorm';
import {
  AnalysesService,
  AnalysisProfilesService,
  computeAnalysis,
  DEFAULT_PROFILE,
  scorecardOf,
} from '@app/analysis';
import { newId } from '@app/core';
import { DatabaseService } from '@app/database';
import { createTestApp, TestApp } from '../support/test-app';

const transcript = {
  language: 'en',
  duration: 20,
  speakers: [
    { speakerId: 'A', speakerLabel: 'Agent', role: 'agent' as const },
    { speakerId: 'C', speakerLabel: 'Customer', role: 'customer' as const },
  ],
  sentences: [
    {
      speakerId: 'A',
      startTime: 0,
      endTime: 4,
      text: 'Thank you for calling, this call may be recorded.',
      confidence: 1,
    },
    { speakerId: 'C', startTime: 5, endTime: 9, text: 'My card is 4111 1111 1111 1111.', confidence: 1 },
  ],
};

describe('analyses and profiles storage', () => {
  let t: TestApp;
  let analyses: AnalysesService;
  let profiles: AnalysisProfilesService;
  let database: DatabaseService;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    analyses = t.app.get(AnalysesService);
    profiles = t.app.get(AnalysisProfilesService);
    database = t.app.get(DatabaseService);
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('creates one default profile per organisation even when asked concurrently', async () => {
    const orgId = newId('org');
    const results = await Promise.all(Array.from({ length: 5 }, () => profiles.defaultFor(orgId)));
    expect(new Set(results.map((p) => p.id)).size).toBe(1);
    expect(results[0].criteria).toEqual(DEFAULT_PROFILE.criteria);
    const [{ count }] = await dataSource.query(
      'SELECT count(*)::int AS count FROM analysis_profiles WHERE org_id = $1',
      [orgId],
    );
    expect(count).toBe(1);
  });

  it('stores an analysis once per record version, also when a retry saves it again', async () => {
    const orgId = newId('org');
    const recordId = newId('rec');
    const profile = await profiles.defaultFor(orgId);
    const result = computeAnalysis(transcript, scorecardOf(profile));
    const first = await database.transaction((manager) =>
      analyses.saveForRecord(orgId, recordId, 1, profile.id, result, manager),
    );
    const retry = await database.transaction((manager) =>
      analyses.saveForRecord(orgId, recordId, 1, profile.id, { ...result, qualityScore: 0 }, manager),
    );
    expect(retry.id).toBe(first.id);
    expect(retry.qualityScore).toBe(result.qualityScore);
    expect(first.id).toMatch(/^ana_/);
    expect(first).toMatchObject({ complianceStatus: 'passed', sentimentLabel: result.sentiment.label });
    expect(first.sentences[1].redactedText).toBe('My card is [CREDIT_CARD].');

    const second = await analyses.saveForRecord(orgId, recordId, 2, profile.id, result);
    expect(second.id).not.toBe(first.id);
    expect((await analyses.latestForRecord(orgId, recordId))?.id).toBe(second.id);
    const [{ count }] = await dataSource.query(
      'SELECT count(*)::int AS count FROM analyses WHERE record_id = $1',
      [recordId],
    );
    expect(count).toBe(2);
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    const orgId = newId('org');
    const recordId = newId('rec');
    const result = computeAnalysis(transcript, DEFAULT_PROFILE);
    await expect(
      database.transaction(async (manager) => {
        await analyses.saveForRecord(orgId, recordId, 1, newId('prf'), result, manager);
        throw new Error('the stage failed after saving');
      }),
    ).rejects.toThrow('the stage failed');
    expect(await analyses.latestForRecord(orgId, recordId)).toBeNull();
  });

  it('never shows one organisation the analysis of another', async () => {
    const recordId = newId('rec');
    const saved = await analyses.saveForRecord(
      newId('org'),
      recordId,
      1,
      newId('prf'),
      computeAnalysis(transcript, DEFAULT_PROFILE),
    );
    await expect(analyses.findOne(newId('org'), saved.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      analyses.saveForRecord(
        newId('org'),
        recordId,
        1,
        newId('prf'),
        computeAnalysis(transcript, DEFAULT_PROFILE),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
