import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';

const BASE = '/compat/imagicle';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Imagicle Voice Analytics Recordings.v1 (seed 000): a client written for it, pointed at Parley. */
describe('compat: Imagicle Recordings.v1 (seed 000)', () => {
  const corpus = loadCorpus({ formats: ['wav'] });
  let t: TestApp;
  let owner: TestUser;
  let client: { clientId: string; clientSecret: string };

  const token = async (scope?: string) => {
    const response = await t.http
      .post(`${BASE}/oauth2/token`)
      .type('form')
      .send({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        ...(scope ? { scope } : {}),
      });
    return response;
  };
  const put = (url: string, body: Buffer, headers: Record<string, string>) => {
    const { pathname, search } = new URL(url);
    return t.http
      .put(pathname + search)
      .set(headers)
      .send(body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    const created = await t.http
      .post('/api/v1/clients')
      .set(bearer(owner))
      .send({ name: 'Imagicle connector', scopes: ['recordings.read', 'recordings.write'] })
      .expect(201);
    client = created.body.data;
  });
  afterAll(() => t.close());

  it('issues tokens for its own scope names, and refuses a scope the client lacks', async () => {
    const granted = await token('voice-analytics/recordings.write voice-analytics/recordings.read');
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      token_type: 'Bearer',
      scope: 'voice-analytics/recordings.write voice-analytics/recordings.read',
    });
    const refused = await token('voice-analytics/admin');
    expect([refused.status, refused.body.error]).toEqual([400, 'invalid_scope']);
  });

  it('uploads in two steps (presigned PUT with content-md5 and x-amz-meta-*), then reads the analysed recording', async () => {
    const write = (await token('voice-analytics/recordings.write voice-analytics/recordings.read')).body
      .access_token;
    const audio = readFileSync(corpus.file('appointment-booking'));
    const contentMd5 = createHash('md5').update(audio).digest('base64');
    const requested = await t.http
      .post(`${BASE}/v1/recordings`)
      .set(bearer(write))
      .send({
        fileName: 'call-0042.wav',
        contentType: 'audio/wav',
        sizeBytes: audio.length,
        contentMd5,
        direction: 'UNKNOWN',
        from: { fullName: 'Ada Caller', phoneNumber: '+390212345678' },
        to: { fullName: 'Front desk', phoneNumber: '+390298765432' },
        date: '2021-04-25T10:24:40Z',
        licenseTier: 'gold', // not Parley's: accepted and ignored
      });
    expect(requested.status).toBe(201);
    const upload = requested.body as {
      id: string;
      uploadUrl: string;
      method: string;
      headers: Record<string, string>;
      expiresAt: string;
    };
    expect(upload).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'audio/wav', 'content-md5': contentMd5 },
    });
    expect(Object.keys(upload.headers).some((name) => name.startsWith('x-amz-meta-'))).toBe(true);
    expect(Date.parse(upload.expiresAt)).toBeGreaterThan(Date.now());

    const waiting = await t.http.get(`${BASE}/v1/recordings/${upload.id}`).set(bearer(write)).expect(200);
    expect(waiting.body).toMatchObject({
      id: upload.id,
      direction: 'UNKNOWN',
      from: { fullName: 'Ada Caller', phoneNumber: '+390212345678' },
      date: '2021-04-25T10:24:40.000Z',
      analysisResult: { sentiment: 'UNKNOWN', status: 0 },
      video: { status: 'NONE' },
      hasNotes: false,
      tags: [],
    });

    const wrongMd5 = createHash('md5').update('something else').digest('base64');
    expect((await put(upload.uploadUrl, audio, { ...upload.headers, 'content-md5': wrongMd5 })).status).toBe(
      403,
    );
    expect((await put(upload.uploadUrl, audio, upload.headers)).status).toBe(200);
    await waitForRecord(t, owner, upload.id, 120_000);

    const done = await t.http.get(`${BASE}/v1/recordings/${upload.id}`).set(bearer(write)).expect(200);
    expect(done.body.analysisResult.status).toBe(5);
    expect(['POSITIVE', 'NEUTRAL', 'NEGATIVE']).toContain(done.body.analysisResult.sentiment);
    expect(done.body.analysisResult.score).toBeGreaterThanOrEqual(-1);
    expect(done.body.analysisResult.score).toBeLessThanOrEqual(1);
    expect(done.body).toMatchObject({ channels: 2 });
    expect(done.body.duration).toBeGreaterThan(10);

    const transcription = await t.http
      .get(`${BASE}/v1/recordings/${upload.id}/transcription`)
      .set(bearer(write))
      .expect(200);
    expect(transcription.body.speakers).toHaveLength(2);
    expect(Object.keys(transcription.body.speakers[0]).sort()).toEqual(['speakerId', 'speakerLabel']);
    expect(transcription.body.sentences.length).toBeGreaterThan(3);
    expect(Object.keys(transcription.body.sentences[0]).sort()).toEqual([
      'endTime',
      'speakerId',
      'startTime',
      'text',
    ]);

    const listed = await t.http
      .get(`${BASE}/v1/recordings`)
      .query({ dateFrom: '2021-04-25T00:00:00Z', dateTo: '2021-04-26T00:00:00Z' })
      .set(bearer(write))
      .expect(200);
    expect(listed.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(listed.body.recordings.map((r: { id: string }) => r.id)).toEqual([upload.id]);
  }, 180_000);

  it('keeps tags and notes with UUID ids', async () => {
    const write = (await token()).body.access_token;
    const audio = readFileSync(corpus.file('wrong-number'));
    const requested = await t.http
      .post(`${BASE}/v1/recordings`)
      .set(bearer(write))
      .send({
        fileName: 'short.wav',
        contentType: 'audio/wav',
        sizeBytes: audio.length,
        contentMd5: createHash('md5').update(audio).digest('base64'),
      })
      .expect(201);
    const id = requested.body.id as string;

    const tag = await t.http
      .post(`${BASE}/v1/recordings/${id}/tags`)
      .set(bearer(write))
      .send({ value: 'vip' });
    expect(tag.status).toBe(201);
    expect(tag.body).toEqual({ id: expect.stringMatching(UUID), value: 'vip' });
    expect((await t.http.get(`${BASE}/v1/recordings/${id}/tags`).set(bearer(write))).body).toEqual([
      tag.body,
    ]);
    await t.http.delete(`${BASE}/v1/recordings/${id}/tags/${tag.body.id}`).set(bearer(write)).expect(204);
    expect((await t.http.get(`${BASE}/v1/recordings/${id}/tags`).set(bearer(write))).body).toEqual([]);

    const note = await t.http
      .post(`${BASE}/v1/recordings/${id}/notes`)
      .set(bearer(write))
      .send({ noteText: 'Call back on Monday' })
      .expect(201);
    expect(note.body).toMatchObject({
      noteId: expect.stringMatching(UUID),
      authorUserId: expect.stringMatching(UUID),
      noteText: 'Call back on Monday',
    });
    const edited = await t.http
      .patch(`${BASE}/v1/recordings/${id}/notes/${note.body.noteId}`)
      .set(bearer(write))
      .send({ noteText: 'Call back on Tuesday' })
      .expect(200);
    expect(edited.body).toMatchObject({ noteId: note.body.noteId, noteText: 'Call back on Tuesday' });
    expect((await t.http.get(`${BASE}/v1/recordings/${id}`).set(bearer(write))).body.hasNotes).toBe(true);
    await t.http
      .delete(`${BASE}/v1/recordings/${id}/notes/${note.body.noteId}`)
      .set(bearer(write))
      .expect(204);
    expect((await t.http.get(`${BASE}/v1/recordings/${id}/notes`).set(bearer(write))).body).toEqual([]);
  });

  it('answers in its error shape: no write scope 403, another organisation 404, bad input 400, no token 401', async () => {
    const readOnly = (await token('voice-analytics/recordings.read')).body.access_token;
    const body = {
      fileName: 'a.wav',
      contentType: 'audio/wav',
      sizeBytes: 100,
      contentMd5: 'rL0Y20zC+Fzt72VPzMSk2A==',
    };
    const forbidden = await t.http.post(`${BASE}/v1/recordings`).set(bearer(readOnly)).send(body);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ errorCode: 403, errorDescription: expect.any(String) });

    const outsider = await signUp(t.http);
    const theirs = await t.http.post(`${BASE}/v1/recordings`).set(bearer(outsider)).send(body).expect(201);
    const foreign = await t.http.get(`${BASE}/v1/recordings/${theirs.body.id}`).set(bearer(readOnly));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ errorCode: 404, errorDescription: expect.stringMatching(/not found/) });

    const { contentMd5: _missing, ...withoutMd5 } = body;
    const invalid = await t.http.post(`${BASE}/v1/recordings`).set(bearer(outsider)).send(withoutMd5);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ errorCode: 400, errorDescription: expect.stringMatching(/contentMd5/) });

    const anonymous = await t.http.get(`${BASE}/v1/recordings`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errorCode).toBe(401);
  });
});
