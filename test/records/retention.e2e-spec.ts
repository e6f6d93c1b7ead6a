import { DataSource } from 'typeorm';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';
import { API, createProject, storedFiles, upload } from './records-helpers';

describe('retention policies (api.md "Deletion, retention and erasure")', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let tagged: string;
  let untagged: string;
  let held: string;

  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  const call = async (tags: string[]) => {
    const created = await upload(t, owner, projectId, corpus.file('wrong-number'), {
      metadata: { tags },
    }).expect(201);
    await waitForRecord(t, owner, created.body.data.id, 120_000);
    return created.body.data.id as string;
  };
  /** Runs the organisation's policies now and waits for the run's audit entry. */
  const runNow = async () => {
    const before = (await t.http.get(`${API}/audit-log?action=retention.run`).set(bearer(owner))).body.meta
      .total;
    await t.http.post(`${API}/retention-policies/run`).set(bearer(owner)).expect(202);
    for (let i = 0; i < 300; i++) {
      const after = await t.http.get(`${API}/audit-log?action=retention.run`).set(bearer(owner));
      if (after.body.meta.total > before) return after.body.data[0].details;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the retention run did not finish');
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
    tagged = await call(['short-keep']);
    untagged = await call([]);
    held = await call(['Short-Keep']);
    await t.http.patch(`${API}/records/${held}`).set(bearer(owner)).send({ legalHold: true }).expect(200);
  }, 240_000);
  afterAll(() => t.close());

  it('removes the audio of tagged calls at the next run; transcript and analysis stay; held and untagged calls keep theirs', async () => {
    const created = await t.http
      .post(`${API}/retention-policies`)
      .set(bearer(owner))
      .send({ name: 'Short keep', tag: 'short-keep', deleteAudioAfterDays: 0 })
      .expect(201);
    expect(created.body.data).toMatchObject({ id: expect.stringMatching(/^rtp_/), tag: 'short-keep' });

    const report = await runNow();
    expect(report).toMatchObject({ policies: 1, audioRemoved: 1 });
    const audio = await t.http.get(`${API}/records/${tagged}/audio`).set(bearer(owner)).expect(410);
    expect(audio.body.error.code).toBe('GONE');
    expect(storedFiles(t.storageDir).some((path) => path.includes(tagged))).toBe(false);
    const record = await t.http
      .get(`${API}/records/${tagged}?include=transcript,analysis`)
      .set(bearer(owner))
      .expect(200);
    expect(record.body.data.audioDeletedAt).toEqual(expect.any(String));
    expect(record.body.data.transcript.sentences.length).toBeGreaterThan(0);
    expect(record.body.data.analysis).not.toBeNull();
    await t.http.post(`${API}/records/${tagged}/reprocess`).set(bearer(owner)).send({}).expect(410);

    await t.http.get(`${API}/records/${untagged}/audio`).set(bearer(owner)).expect(200);
    await t.http.get(`${API}/records/${held}/audio`).set(bearer(owner)).expect(200);

    const entries = await t.http
      .get(`${API}/audit-log?action=record.retention_applied`)
      .set(bearer(owner))
      .expect(200);
    expect(entries.body.data.map((e: { target: { id: string } }) => e.target.id)).toEqual([tagged]);
    const events = await t.app
      .get(DataSource)
      .query(`SELECT payload FROM outbox_events WHERE type = 'record.retention_applied'`);
    expect(events.map((e: { payload: { data: { id: string } } }) => e.payload.data.id)).toEqual([tagged]);
    // A second run finds nothing left to do.
    expect(await runNow()).toMatchObject({ audioRemoved: 0 });
  });

  it('applies a changed policy to existing calls: transcripts of the project go, with their search entries', async () => {
    const [policy] = (await t.http.get(`${API}/retention-policies`).set(bearer(owner)).expect(200)).body.data;
    await t.http
      .patch(`${API}/retention-policies/${policy.id}`)
      .set(bearer(owner))
      .send({ tag: null, projectId, deleteTranscriptAfterDays: 0 })
      .expect(200);
    const report = await runNow();
    expect(report).toMatchObject({ transcriptsRemoved: 2 });
    const record = await t.http
      .get(`${API}/records/${untagged}?include=transcript`)
      .set(bearer(owner))
      .expect(200);
    expect(record.body.data.transcript).toBeNull();
    expect(record.body.data.transcriptDeletedAt).toEqual(expect.any(String));
    const left = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM search_entries WHERE record_id = $1 AND kind = 'transcript'`, [
        untagged,
      ]);
    expect(left[0].n).toBe(0);
    // The held call keeps everything.
    const kept = await t.http.get(`${API}/records/${held}?include=transcript`).set(bearer(owner)).expect(200);
    expect(kept.body.data.transcript).not.toBeNull();
  });

  it('purges deleted calls past their days; a held one stays', async () => {
    const [policy] = (await t.http.get(`${API}/retention-policies`).set(bearer(owner)).expect(200)).body.data;
    await t.http
      .patch(`${API}/retention-policies/${policy.id}`)
      .set(bearer(owner))
      .send({ purgeDeletedAfterDays: 0 })
      .expect(200);
    await t.http.delete(`${API}/records/${untagged}`).set(bearer(owner)).expect(204);
    expect(await runNow()).toMatchObject({ purged: 1 });
    await t.http.get(`${API}/records/${untagged}?includeDeleted=true`).set(bearer(owner)).expect(404);
    const purged = await t.http
      .get(`${API}/audit-log?action=record.purged&targetId=${untagged}`)
      .set(bearer(owner));
    expect(purged.body.data[0].actor).toEqual({ type: 'user', id: owner.userId });
  });

  it('refuses policies that keep nothing from being kept, and is for admins only', async () => {
    const bad = [
      { name: 'x' },
      { name: 'x', deleteAudioAfterDays: -1 },
      { name: 'x', deleteAudioAfterDays: 1.5 },
      { name: 'x', deleteAudioAfterDays: 1, projectId: 'prj_nope' },
    ];
    for (const body of bad)
      await t.http.post(`${API}/retention-policies`).set(bearer(owner)).send(body).expect(400);
    const stranger = await signUp(t.http);
    const theirs = await createProject(t, stranger);
    await t.http
      .post(`${API}/retention-policies`)
      .set(bearer(owner))
      .send({ name: 'x', deleteAudioAfterDays: 1, projectId: theirs })
      .expect(404);
    const [policy] = (await t.http.get(`${API}/retention-policies`).set(bearer(owner))).body.data;
    await t.http.get(`${API}/retention-policies/${policy.id}`).set(bearer(stranger)).expect(404);
    await t.http.delete(`${API}/retention-policies/${policy.id}`).set(bearer(stranger)).expect(404);
  });
});
