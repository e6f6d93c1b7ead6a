import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { freePort, runDist } from '../support/processes';
import { startS3Server, S3Server } from '../support/s3-server';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';
import { API, createProject, storedFiles, upload } from './records-helpers';

/** STORAGE_DRIVER=s3 against a real S3-compatible server process (s3rver, which checks SigV4 signatures). */
describe('S3 storage', () => {
  const corpus = loadCorpus();
  const call = corpus.ids[0];
  const flac = () => readFileSync(corpus.file(call, 'flac'));
  let s3: S3Server;
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let localTemp: string;

  beforeAll(async () => {
    s3 = await startS3Server();
    localTemp = await mkdtemp(join(tmpdir(), 'parley-s3-temp-'));
    t = await createTestApp({
      env: {
        ...s3.env,
        STORAGE_TEMP_DIR: localTemp,
        UPLOAD_SIGNING_SECRET: 'test-upload-signing-secret-0123456789abcdef',
      },
    });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
    await rm(localTemp, { recursive: true, force: true });
  });

  const objectsOf = async (recordId: string) =>
    (await s3.objectKeys()).filter((key) => key.startsWith(`${owner.orgId}/${recordId}/`));

  it('an upload lands in the bucket (nothing on local disk), is processed from there, reads by Range and is purged', async () => {
    const response = await upload(t, owner, projectId, corpus.file(call, 'flac'));
    expect(response.status).toBe(201);
    const id = response.body.data.id as string;
    expect(await objectsOf(id)).toEqual([`${owner.orgId}/${id}/original.flac`]);
    expect(storedFiles(t.storageDir)).toEqual([]);

    const { record } = await waitForRecord(t, owner, id);
    expect(record.processingStatus).toBe('completed');
    const transcript = await t.http.get(`${API}/records/${id}/transcript`).set(bearer(owner)).expect(200);
    expect(transcript.body.data.sentences.length).toBeGreaterThan(2);

    const bytes = flac();
    const range = await t.http
      .get(`${API}/records/${id}/audio`)
      .set(bearer(owner))
      .set('Range', 'bytes=100-1123')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(range.status).toBe(206);
    expect(range.headers['content-range']).toBe(`bytes 100-1123/${bytes.length}`);
    expect(Buffer.compare(range.body as Buffer, bytes.subarray(100, 1124))).toBe(0);

    await t.http.delete(`${API}/records/${id}?permanent=true`).set(bearer(owner)).expect(204);
    expect(await objectsOf(id)).toEqual([]);
    // Nothing half-written is left in the bucket's temporary area or in the local temporary folder.
    expect((await s3.objectKeys()).filter((key) => key.startsWith('tmp/'))).toEqual([]);
    expect(await readdir(localTemp)).toEqual([]);
    expect(storedFiles(t.storageDir)).toEqual([]);
  });

  describe('two-step upload: a presigned PUT straight to the bucket', () => {
    const start = async (body: Buffer) => {
      const contentMd5 = createHash('md5').update(body).digest('base64');
      const response = await t.http.post(`${API}/records/uploads`).set(bearer(owner)).send({
        projectId,
        fileName: 'call.flac',
        contentType: 'audio/flac',
        sizeBytes: body.length,
        contentMd5,
      });
      expect(response.status).toBe(201);
      return response.body.data as {
        recordId: string;
        uploadUrl: string;
        headers: Record<string, string>;
        completeUrl: string;
      };
    };
    const put = (url: string, headers: Record<string, string>, body: Buffer) =>
      fetch(url, { method: 'PUT', headers, body }).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      }));

    it('the bucket refuses a changed x-amz-meta-* or Content-MD5; the signed PUT lands and the poll moves it on', async () => {
      const body = flac();
      const upload = await start(body);
      expect(upload.uploadUrl.startsWith(`${s3.endpoint}/${s3.bucket}/`)).toBe(true);
      expect(upload.headers).toMatchObject({
        'Content-Type': 'audio/flac',
        'x-amz-meta-parley-record': upload.recordId,
        'x-amz-meta-parley-organization': owner.orgId,
      });

      const otherRecord = { ...upload.headers, 'x-amz-meta-parley-record': 'rec_someoneelse' };
      const refused = await put(upload.uploadUrl, otherRecord, body);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('SignatureDoesNotMatch');
      const otherMd5 = { ...upload.headers, 'Content-MD5': createHash('md5').update('x').digest('base64') };
      expect((await put(upload.uploadUrl, otherMd5, body)).status).toBe(403);
      expect(await objectsOf(upload.recordId)).toEqual([]);

      expect((await put(upload.uploadUrl, upload.headers, body)).status).toBe(200);
      // No completion call: the maintenance poll finds the object, as a bucket event would.
      const { record } = await waitForRecord(t, owner, upload.recordId);
      expect(record).toMatchObject({ processingStatus: 'completed', format: 'flac', sizeBytes: body.length });
      expect(await objectsOf(upload.recordId)).toEqual([`${owner.orgId}/${upload.recordId}/original`]);
      expect(storedFiles(t.storageDir)).toEqual([]);
    });

    it('the completion call lands it at once, and again answers the same record', async () => {
      const body = flac();
      const upload = await start(body);
      const early = await t.http.post(`${API}/records/${upload.recordId}/upload-complete`).set(bearer(owner));
      expect(early.status).toBe(409);
      expect((await put(upload.uploadUrl, upload.headers, body)).status).toBe(200);
      const completeUrl = new URL(upload.completeUrl);
      const done = await t.http.post(completeUrl.pathname).set(bearer(owner));
      expect(done.status).toBe(200);
      expect(done.body.data).toMatchObject({ id: upload.recordId, processingStatus: 'pending' });
      const again = await t.http.post(completeUrl.pathname).set(bearer(owner));
      expect(again.status).toBe(200);
      expect(again.body.data.id).toBe(upload.recordId);
      await waitForRecord(t, owner, upload.recordId);
    });

    it('bytes that are not audio are refused when they land (ffprobe reads the object in place), and removed', async () => {
      const body = Buffer.from(
        'fLaC but not really a FLAC file, just text that starts like one. '.repeat(64),
      );
      const upload = await start(body);
      expect((await put(upload.uploadUrl, upload.headers, body)).status).toBe(200);
      const landed = await t.http
        .post(`${API}/records/${upload.recordId}/upload-complete`)
        .set(bearer(owner));
      expect(landed.status).toBe(415);
      expect(landed.body.error.code).toBe('UNSUPPORTED_MEDIA');
      expect(await objectsOf(upload.recordId)).toEqual([]);
      expect(await readdir(localTemp)).toEqual([]);
    });

    it('bytes that do not match the signed Content-MD5 are refused when they land, and removed', async () => {
      const body = flac();
      const upload = await start(body);
      const forged = Buffer.from(body);
      forged[forged.length - 1] ^= 0xff;
      // s3rver checks signatures but not digests (AWS S3 and MinIO answer BadDigest here): Parley checks the ETag.
      const stored = await put(upload.uploadUrl, upload.headers, forged);
      if (stored.status === 200) {
        const landed = await t.http
          .post(`${API}/records/${upload.recordId}/upload-complete`)
          .set(bearer(owner));
        expect(landed.status).toBe(400);
        expect(landed.body.error.message).toMatch(/Content-MD5/);
      } else {
        expect(stored.text).toContain('BadDigest');
      }
      expect(await objectsOf(upload.recordId)).toEqual([]);
      const waiting = await t.http.get(`${API}/records/${upload.recordId}`).set(bearer(owner)).expect(200);
      expect(waiting.body.data.processingStage).toBe('uploading');
      // The same URL with the right bytes still works.
      expect((await put(upload.uploadUrl, upload.headers, body)).status).toBe(200);
      expect(
        (await t.http.post(`${API}/records/${upload.recordId}/upload-complete`).set(bearer(owner))).status,
      ).toBe(200);
      await waitForRecord(t, owner, upload.recordId);
    });
  });

  it('another organisation cannot complete an upload it does not own (404)', async () => {
    const upload = await t.http.post(`${API}/records/uploads`).set(bearer(owner)).send({
      projectId,
      fileName: 'call.flac',
      contentType: 'audio/flac',
      sizeBytes: 10,
    });
    const stranger = await signUp(t.http);
    const response = await t.http
      .post(`${API}/records/${upload.body.data.recordId}/upload-complete`)
      .set(bearer(stranger));
    expect(response.status).toBe(404);
  });

  it.each([
    ['a bucket that does not exist', { S3_BUCKET: 'no-such-bucket' }, /"no-such-bucket".*does not exist/],
    ['credentials it refuses', { S3_ACCESS_KEY_ID: 'NOBODY' }, /"parley-test".*(denied|InvalidAccessKeyId)/],
  ])('%s stops the API process at start with a message naming the bucket', async (_what, env, message) => {
    const api = runDist('apps/api/src/main.js', {
      ...s3.env,
      ...env,
      NODE_ENV: 'test',
      PORT: String(await freePort()),
      DATABASE_URL: t.config.DATABASE_URL,
      MIGRATIONS_RUN_AT_START: 'false',
      QUEUE_PREFIX: t.config.QUEUE_PREFIX,
      STORAGE_DIR: t.storageDir,
      STORAGE_TEMP_DIR: localTemp,
    });
    expect(await api.exited).not.toBe(0);
    expect(api.output()).toMatch(message);
  });
});
