import { createHash, createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '../support/test-app';
import {
  API,
  createProject,
  multipartBody,
  rawPost,
  recordCount,
  storedFiles,
  upload,
} from './records-helpers';

const SIGNING_SECRET = 'test-upload-signing-secret-0123456789abcdef';

describe('record uploads', () => {
  const corpus = loadCorpus();
  const call = corpus.ids[0];
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule, env: { UPLOAD_SIGNING_SECRET: SIGNING_SECRET } });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  describe('POST /records/upload', () => {
    it.each(['wav', 'mp3', 'ogg', 'flac', 'm4a'] as const)(
      'accepts %s, judged and measured from its content',
      async (format) => {
        const path = corpus.file(call, format);
        const response = await upload(t, owner, projectId, path, {
          metadata: { title: `A ${format} call`, direction: 'IN', crmId: 'crm-42', tags: ['billing'] },
        });
        expect(response.status).toBe(201);
        expect(response.body.data).toMatchObject({ processingStatus: 'pending', projectId });
        const id = response.body.data.id as string;
        expect(id).toMatch(/^rec_/);

        const detail = await t.http.get(`${API}/records/${id}`).set(bearer(owner)).expect(200);
        const truth = corpus.truth(call);
        expect(detail.body.data).toMatchObject({
          id,
          format,
          channels: 2,
          title: `A ${format} call`,
          direction: 'IN',
          ownerId: owner.userId,
          sizeBytes: statSync(path).size,
          metadata: { crmId: 'crm-42' },
          tags: [{ value: 'billing' }],
          source: 'upload',
        });
        expect(detail.body.data.duration).toBeCloseTo(truth.duration, 0);
        expect(storedFiles(t.storageDir)).toContain(`${owner.orgId}/${id}/original.${format}`);

        const audio = await t.http
          .get(`${API}/records/${id}/audio`)
          .set(bearer(owner))
          .buffer(true)
          .expect(200);
        expect(Buffer.compare(audio.body as Buffer, readFileSync(path))).toBe(0);
      },
    );

    describe('refuses bad input and leaves nothing behind', () => {
      let before: { files: string[]; records: number };
      beforeEach(async () => {
        before = { files: storedFiles(t.storageDir), records: await recordCount(t, owner) };
      });
      afterEach(async () => {
        expect(storedFiles(t.storageDir)).toEqual(before.files);
        expect(await recordCount(t, owner)).toBe(before.records);
      });

      it('a text file named .wav → 415', async () => {
        const response = await upload(
          t,
          owner,
          projectId,
          Buffer.from('this is not audio at all '.repeat(200)),
          {
            filename: 'call.wav',
          },
        );
        expect(response.status).toBe(415);
        expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA');
      });

      it('a zero-byte file → 415', async () => {
        const response = await upload(t, owner, projectId, Buffer.alloc(0), { filename: 'empty.wav' });
        expect(response.status).toBe(415);
        expect(response.body.error.message).toMatch(/empty/);
      });

      it.each(['wav', 'm4a'] as const)('a truncated %s → 415', async (format) => {
        const whole = readFileSync(corpus.file(call, format));
        const response = await upload(t, owner, projectId, whole.subarray(0, Math.floor(whole.length / 3)), {
          filename: `cut.${format}`,
        });
        expect(response.status).toBe(415);
      });

      it('an mp3 renamed and relabelled as wav is judged as what it is, not refused', async () => {
        // The name and type lie but the bytes are fine audio: content decides, so this is accepted as mp3.
        const response = await upload(t, owner, projectId, readFileSync(corpus.file(call, 'mp3')), {
          filename: 'really-mp3.wav',
        });
        expect(response.status).toBe(201);
        const detail = await t.http.get(`${API}/records/${response.body.data.id}`).set(bearer(owner));
        expect(detail.body.data.format).toBe('mp3');
        await t.http
          .delete(`${API}/records/${response.body.data.id}?permanent=true`)
          .set(bearer(owner))
          .expect(204);
      });

      it('metadata that is not JSON → 400 naming metadata', async () => {
        const response = await upload(t, owner, projectId, corpus.file(call, 'wav'), {
          metadata: '{not json',
        });
        expect(response.status).toBe(400);
        expect(response.body.error.details[0].field).toBe('metadata');
      });

      it('a bad metadata field → 400 naming that field', async () => {
        const response = await upload(t, owner, projectId, corpus.file(call, 'wav'), {
          metadata: { direction: 'SIDEWAYS', date: 'yesterday' },
        });
        expect(response.status).toBe(400);
        const fields = response.body.error.details.map((detail: { field: string }) => detail.field);
        expect(fields).toEqual(expect.arrayContaining(['metadata.direction', 'metadata.date']));
      });

      it('no file → 400; no project → 400; an unknown project → 404', async () => {
        const noFile = await t.http
          .post(`${API}/records/upload`)
          .set(bearer(owner))
          .field('projectId', projectId);
        expect(noFile.status).toBe(400);
        expect(noFile.body.error.details[0].field).toBe('file');
        const noProject = await t.http
          .post(`${API}/records/upload`)
          .set(bearer(owner))
          .attach('file', corpus.file(call, 'wav'));
        expect(noProject.status).toBe(400);
        expect(noProject.body.error.details[0].field).toBe('projectId');
        const unknown = await upload(t, owner, 'prj_01JD0000000000000000000000', corpus.file(call, 'wav'));
        expect(unknown.status).toBe(404);
      });

      it('a JSON body instead of multipart → 415', async () => {
        const response = await t.http.post(`${API}/records/upload`).set(bearer(owner)).send({ projectId });
        expect(response.status).toBe(415);
      });

      it('a duplicate externalId → 409', async () => {
        const first = await upload(t, owner, projectId, corpus.file(call, 'ogg'), {
          metadata: { externalId: 'crm-call-1' },
        });
        expect(first.status).toBe(201);
        const second = await upload(t, owner, projectId, corpus.file(call, 'ogg'), {
          metadata: { externalId: 'crm-call-1' },
        });
        expect(second.status).toBe(409);
        await t.http
          .delete(`${API}/records/${first.body.data.id}?permanent=true`)
          .set(bearer(owner))
          .expect(204);
      });
    });

    it('a viewer may not upload (403); an agent may, for itself only', async () => {
      const viewer = await addMember(t.http, owner, 'viewer');
      // a small body: the guard answers before reading it, and a big one would be cut off mid-send
      const refused = await upload(t, viewer, projectId, Buffer.from('RIFF'));
      expect(refused.status).toBe(403);
      const agent = await addMember(t.http, owner, 'agent');
      const forOther = await upload(t, agent, projectId, corpus.file(call, 'wav'), {
        metadata: { ownerId: owner.userId },
      });
      expect(forOther.status).toBe(403);
      const own = await upload(t, agent, projectId, corpus.file(call, 'wav'));
      expect(own.status).toBe(201);
    });
  });

  describe('oversize uploads', () => {
    let small: TestApp;
    let user: TestUser;
    let project: string;

    beforeAll(async () => {
      small = await createTestApp({
        module: ApiModule,
        env: { MAX_UPLOAD_BYTES: String(64 * 1024) },
        listen: true,
      });
      user = await signUp(small.http);
      project = await createProject(small, user);
    });
    afterAll(() => small.close());

    it('POST /records/upload over MAX_UPLOAD_BYTES → 413 as soon as it is passed, partial file removed, no row', async () => {
      // Under the Content-Length shortcut: the limit trips while the file streams to storage.
      const file = readFileSync(corpus.file(call, 'wav')).subarray(0, 512 * 1024);
      const { body, contentType } = multipartBody({ projectId: project }, file);
      const response = await rawPost(
        `${small.url}${API}/records/upload`,
        { ...bearer(user), 'Content-Type': contentType },
        body,
      );
      expect(response.status).toBe(413);
      expect(response.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(storedFiles(small.storageDir)).toEqual([]);
      expect(await recordCount(small, user)).toBe(0);
    });

    it('a Content-Length far over the limit → 413 before anything is stored', async () => {
      const { body, contentType } = multipartBody(
        { projectId: project },
        readFileSync(corpus.file(call, 'wav')),
      );
      expect(body.length).toBeGreaterThan(64 * 1024 + 1024 * 1024);
      const response = await rawPost(
        `${small.url}${API}/records/upload`,
        { ...bearer(user), 'Content-Type': contentType },
        body,
      );
      expect(response.status).toBe(413);
      expect(storedFiles(small.storageDir)).toEqual([]);
      expect(await recordCount(small, user)).toBe(0);
    });

    it('a two-step upload declaring more than the limit → 413 before any URL is issued', async () => {
      const response = await small.http
        .post(`${API}/records/uploads`)
        .set(bearer(user))
        .send({
          projectId: project,
          fileName: 'big.wav',
          contentType: 'audio/wav',
          sizeBytes: 64 * 1024 + 1,
        });
      expect(response.status).toBe(413);
      expect(await recordCount(small, user)).toBe(0);
    });
  });

  describe('two-step signed upload', () => {
    const file = () => readFileSync(corpus.file(call, 'flac'));

    const start = async (contentType = 'audio/flac', sizeBytes = file().length) => {
      const response = await t.http
        .post(`${API}/records/uploads`)
        .set(bearer(owner))
        .send({ projectId, fileName: 'call.flac', contentType, sizeBytes, metadata: { title: 'Two-step' } });
      expect(response.status).toBe(201);
      return response.body.data as {
        recordId: string;
        uploadUrl: string;
        method: string;
        headers: Record<string, string>;
        expiresAt: string;
      };
    };
    const put = (url: string, body: Buffer, headers: Record<string, string>) => {
      const { pathname, search } = new URL(url);
      return t.http
        .put(pathname + search)
        .set(headers)
        .send(body);
    };

    it('lands the bytes once and queues the record; the same URL again → 403', async () => {
      const upload = await start();
      expect(upload).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'audio/flac' } });
      expect(new Date(upload.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const waiting = await t.http.get(`${API}/records/${upload.recordId}`).set(bearer(owner)).expect(200);
      expect(waiting.body.data).toMatchObject({ processingStage: 'uploading', title: 'Two-step' });

      const landed = await put(upload.uploadUrl, file(), upload.headers);
      expect(landed.status).toBe(200);
      expect(landed.body.data).toMatchObject({ id: upload.recordId, processingStatus: 'pending' });
      const detail = await t.http.get(`${API}/records/${upload.recordId}`).set(bearer(owner)).expect(200);
      expect(detail.body.data).toMatchObject({ format: 'flac', channels: 2, sizeBytes: file().length });
      expect(detail.body.data.processingStage).not.toBe('uploading');

      const files = storedFiles(t.storageDir);
      const again = await put(upload.uploadUrl, file(), upload.headers);
      expect(again.status).toBe(403);
      expect(storedFiles(t.storageDir)).toEqual(files);
    });

    it('refuses a tampered signature, another Content-Type, and an expired URL', async () => {
      const upload = await start();
      const files = storedFiles(t.storageDir);
      const tampered = upload.uploadUrl.replace(/signature=[^&]+/, 'signature=AAAA');
      expect((await put(tampered, file(), upload.headers)).status).toBe(403);
      expect((await put(upload.uploadUrl, file(), { 'Content-Type': 'audio/wav' })).status).toBe(403);

      const url = new URL(upload.uploadUrl);
      const expires = Math.floor(Date.now() / 1000) - 5;
      const signature = createHmac('sha256', SIGNING_SECRET)
        .update(
          [
            owner.orgId,
            upload.recordId,
            url.pathname.split('/').pop(),
            file().length,
            'audio/flac',
            '', // no Content-MD5 declared
            expires,
          ].join('\n'),
        )
        .digest('base64url');
      url.searchParams.set('expires', String(expires));
      url.searchParams.set('signature', signature);
      const expired = await put(url.toString(), file(), upload.headers);
      expect(expired.status).toBe(403);
      expect(expired.body.error.message).toMatch(/expired/);
      expect(storedFiles(t.storageDir)).toEqual(files);
    });

    it('binds Content-MD5 and the x-amz-meta-* headers: a changed one is refused, bytes must match the MD5', async () => {
      const md5 = createHash('md5').update(file()).digest('base64');
      const response = await t.http.post(`${API}/records/uploads`).set(bearer(owner)).send({
        projectId,
        fileName: 'call.flac',
        contentType: 'audio/flac',
        sizeBytes: file().length,
        contentMd5: md5,
      });
      expect(response.status).toBe(201);
      const upload = response.body.data as {
        uploadUrl: string;
        headers: Record<string, string>;
        recordId: string;
      };
      expect(upload.headers).toEqual({
        'Content-Type': 'audio/flac',
        'Content-MD5': md5,
        'x-amz-meta-parley-record': upload.recordId,
        'x-amz-meta-parley-organization': owner.orgId,
      });
      const files = storedFiles(t.storageDir);
      const wrongMd5 = createHash('md5').update('other bytes').digest('base64');
      expect(
        (await put(upload.uploadUrl, file(), { ...upload.headers, 'Content-MD5': wrongMd5 })).status,
      ).toBe(403);
      const { 'Content-MD5': _omitted, ...withoutMd5 } = upload.headers;
      expect((await put(upload.uploadUrl, file(), withoutMd5)).status).toBe(403);
      const changedMeta = { ...upload.headers, 'x-amz-meta-parley-record': 'rec_01JD0000000000000000000000' };
      expect((await put(upload.uploadUrl, file(), changedMeta)).status).toBe(403);
      const flipped = Buffer.from(file());
      flipped[flipped.length - 1] ^= 0xff;
      const badDigest = await put(upload.uploadUrl, flipped, upload.headers);
      expect([badDigest.status, badDigest.body.error.message]).toEqual([
        400,
        expect.stringMatching(/Content-MD5/),
      ]);
      expect(storedFiles(t.storageDir)).toEqual(files);

      expect((await put(upload.uploadUrl, file(), upload.headers)).status).toBe(200);
    });

    it('refuses bytes that are not what the signature says or not audio', async () => {
      const upload = await start('audio/wav', 4096);
      const garbage = Buffer.alloc(4096, 7);
      const response = await put(upload.uploadUrl, garbage, upload.headers);
      expect(response.status).toBe(415);
      const short = await put(upload.uploadUrl, garbage.subarray(0, 100), upload.headers);
      expect(short.status).toBe(400);
    });

    it('refuses a content type that is not audio → 415', async () => {
      const response = await t.http
        .post(`${API}/records/uploads`)
        .set(bearer(owner))
        .send({ projectId, fileName: 'x.exe', contentType: 'application/x-msdownload', sizeBytes: 10 });
      expect(response.status).toBe(415);
    });
  });
});
