import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiModule } from '../../apps/api/src/api.module';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject, recordCount, storedFiles } from './records-helpers';

const TUS = { 'Tus-Resumable': '1.0.0' };
const encode = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

describe('tus resumable uploads', () => {
  const corpus = loadCorpus();
  const file = readFileSync(corpus.file(corpus.ids[1], 'm4a'));
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  const create = async (
    user: TestUser | string = owner,
    metadata: Record<string, string> = {},
    size = file.length,
  ) =>
    t.http
      .post(`${API}/tus`)
      .set(bearer(user))
      .set(TUS)
      .set('Upload-Length', String(size))
      .set(
        'Upload-Metadata',
        encode({
          projectId,
          filename: 'call.m4a',
          metadata: JSON.stringify({ title: 'Resumed' }),
          ...metadata,
        }),
      );
  const patch = (location: string, offset: number, chunk: Buffer, user: TestUser = owner) =>
    t.http
      .patch(location)
      .set(bearer(user))
      .set(TUS)
      .set('Upload-Offset', String(offset))
      .set('Content-Type', 'application/offset+octet-stream')
      .send(chunk);

  it('announces its extensions and checksum algorithms', async () => {
    const response = await t.http.options(`${API}/tus`).set(bearer(owner)).expect(204);
    expect(response.headers['tus-extension']).toEqual(expect.stringContaining('creation'));
    expect(response.headers['tus-extension']).toEqual(expect.stringContaining('termination'));
    expect(response.headers['tus-extension']).toEqual(expect.stringContaining('checksum'));
    expect(response.headers['tus-checksum-algorithm']).toBe('sha1,md5');
  });

  it('uploads in chunks, resumes from HEAD, verifies checksums and creates the record', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    const location = created.headers.location as string;
    expect(location).toMatch(/\/api\/v1\/tus\/tus-[0-9a-f]{32}$/);

    const half = Math.floor(file.length / 2);
    const first = await patch(location, 0, file.subarray(0, half)).set(
      'Upload-Checksum',
      `sha1 ${createHash('sha1').update(file.subarray(0, half)).digest('base64')}`,
    );
    expect(first.status).toBe(204);
    expect(first.headers['upload-offset']).toBe(String(half));

    const head = await t.http.head(location).set(bearer(owner)).set(TUS).expect(200);
    expect(head.headers['upload-offset']).toBe(String(half));
    expect(head.headers['upload-length']).toBe(String(file.length));

    const stale = await patch(location, 0, file.subarray(0, 10));
    expect(stale.status).toBe(409);
    // tus's own refusals come in the error envelope too.
    expect(JSON.parse(stale.text)).toMatchObject({
      error: { code: 'CONFLICT', message: expect.any(String) },
    });

    const wrong = await patch(location, half, file.subarray(half)).set(
      'Upload-Checksum',
      `md5 ${createHash('md5').update('something else').digest('base64')}`,
    );
    expect(wrong.status).toBe(460);
    expect(JSON.parse(wrong.text).error.code).toBe('VALIDATION_FAILED');
    const after = await t.http.head(location).set(bearer(owner)).set(TUS).expect(200);
    expect(after.headers['upload-offset']).toBe(String(half));

    const last = await patch(location, half, file.subarray(half)).set(
      'Upload-Checksum',
      `md5 ${createHash('md5').update(file.subarray(half)).digest('base64')}`,
    );
    expect(last.status).toBe(204);
    const recordId = last.headers['parley-record-id'] as string;
    expect(recordId).toMatch(/^rec_/);
    const record = await t.http.get(`${API}/records/${recordId}`).set(bearer(owner)).expect(200);
    expect(record.body.data).toMatchObject({
      format: 'm4a',
      title: 'Resumed',
      source: 'tus',
      sizeBytes: file.length,
      ownerId: owner.userId,
    });
    expect(storedFiles(t.storageDir)).toEqual([`${owner.orgId}/${recordId}/original.m4a`]);
  });

  it('refuses an unsupported checksum algorithm with 400', async () => {
    const created = await create();
    const response = await patch(created.headers.location, 0, file.subarray(0, 100)).set(
      'Upload-Checksum',
      'crc32 AAAA',
    );
    expect(response.status).toBe(400);
    await t.http.delete(created.headers.location).set(bearer(owner)).set(TUS).expect(204);
  });

  it('terminates an upload and leaves nothing behind', async () => {
    const before = storedFiles(t.storageDir);
    const created = await create();
    await patch(created.headers.location, 0, file.subarray(0, 1000)).expect(204);
    await t.http.delete(created.headers.location).set(bearer(owner)).set(TUS).expect(204);
    await t.http.head(created.headers.location).set(bearer(owner)).set(TUS).expect(404);
    expect(storedFiles(t.storageDir)).toEqual(before);
  });

  it('refuses bad metadata and unknown projects at creation', async () => {
    const badMetadata = await create(owner, { metadata: '{oops' });
    expect(badMetadata.status).toBe(400);
    expect(JSON.parse(badMetadata.text).error.details[0].field).toBe('metadata');
    const unknown = await create(owner, { projectId: 'prj_01JD0000000000000000000000' });
    expect(unknown.status).toBe(404);
    const tooBig = await create(owner, {}, 600 * 1024 * 1024);
    expect(tooBig.status).toBe(413);
  });

  it('a finished upload that is not audio → 415, nothing left behind', async () => {
    const before = { files: storedFiles(t.storageDir), records: await recordCount(t, owner) };
    const junk = Buffer.alloc(2048, 65);
    const created = await create(owner, {}, junk.length);
    const response = await patch(created.headers.location, 0, junk);
    expect(response.status).toBe(415);
    expect(storedFiles(t.storageDir)).toEqual(before.files);
    expect(await recordCount(t, owner)).toBe(before.records);
  });

  it('checks authentication and the organisation on every request', async () => {
    const created = await create();
    const location = created.headers.location as string;
    await t.http.head(location).set(TUS).expect(401);
    await t.http.patch(location).set(TUS).set('Upload-Offset', '0').expect(401);
    const outsider = await signUp(t.http);
    await t.http.head(location).set(bearer(outsider)).set(TUS).expect(404);
    await patch(location, 0, file.subarray(0, 100), outsider).expect(404);
    await t.http.delete(location).set(bearer(outsider)).set(TUS).expect(404);
    const viewer = await addMember(t.http, owner, 'viewer');
    await t.http.head(location).set(bearer(viewer)).set(TUS).expect(403);
    const agent = await addMember(t.http, owner, 'agent');
    await t.http.head(location).set(bearer(agent)).set(TUS).expect(404);
    await t.http.get(location).set(bearer(owner)).expect(404);
    await t.http.head(location).set(bearer(owner)).set(TUS).expect(200);
  });
});
