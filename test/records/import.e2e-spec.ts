import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, createReadStream } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TranscriptsService } from '@app/transcription';
import { ApiModule } from '../../apps/api/src/api.module';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject, recordCount, storedFiles } from './records-helpers';

describe('POST /records/import', () => {
  const corpus = loadCorpus();
  const wav = corpus.file(corpus.ids[3], 'wav');
  const flac = corpus.file(corpus.ids[4], 'flac');
  const root = mkdtempSync(join(tmpdir(), 'parley-import-root-'));
  const outside = mkdtempSync(join(tmpdir(), 'parley-import-outside-'));
  let webdav: Server;
  let webdavBase: string;
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    mkdirSync(join(root, 'calls', '2026'), { recursive: true });
    copyFileSync(wav, join(root, 'calls', '2026', 'call.wav'));
    copyFileSync(wav, join(outside, 'secret.wav'));
    symlinkSync(join(outside, 'secret.wav'), join(root, 'calls', 'escape.wav'));
    symlinkSync(outside, join(root, 'outside-dir'));
    webdav = createServer((request, response) => {
      if (request.url === '/media/call.flac') {
        response.writeHead(200, { 'Content-Type': 'audio/flac' });
        createReadStream(flac).pipe(response);
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => webdav.listen(0, '127.0.0.1', resolve));
    webdavBase = `http://127.0.0.1:${(webdav.address() as AddressInfo).port}`;
    // The API alone: imported calls are not transcribed while the test reads them back.
    t = await createTestApp({
      module: ApiModule,
      env: { IMPORT_ROOT: root, INGEST_ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => webdav.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const genesys = (id: string, mediaFiles: object[]) => ({
    id,
    projectId,
    callerPhoneNumber: '+15551234567',
    dialedPhoneNumber: '+15557654321',
    region: 'us-east',
    callType: 'inbound',
    mediaFiles,
    eventHistory: [
      {
        occurredAt: '2026-03-05T10:15:00Z',
        event: 'Joined',
        contact: { type: 'External', phoneNumber: '+15551234567' },
      },
      {
        occurredAt: '2026-03-05T10:20:00Z',
        event: 'Left',
        contact: { type: 'External', phoneNumber: '+15551234567' },
      },
    ],
  });
  const localMedia = (mediaId: string, path: string, masks: object[] = []) => ({
    mediaId,
    startTime: '2026-03-05T10:15:00Z',
    stopTime: '2026-03-05T10:20:00Z',
    type: 'audio',
    mediaDescriptor: { storage: 'local', path },
    masks,
    parameters: { agentId: 'a-1' },
  });

  it('imports local media with its masks, and merges a second import of the same id', async () => {
    const created = await t.http
      .post(`${API}/records/import`)
      .set(bearer(owner))
      .send(
        genesys('alex-test-id', [
          localMedia('m-1', 'calls/2026/call.wav', [
            { startTime: '2026-03-05T10:15:03Z', stopTime: '2026-03-05T10:15:05.500Z', type: 'Paused' },
          ]),
        ]),
      );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ statusCode: 0, data: { recordId: expect.stringMatching(/^rec_/) } });
    const recordId = created.body.data.recordId as string;
    const detail = await t.http.get(`${API}/records/${recordId}`).set(bearer(owner)).expect(200);
    expect(detail.body.data).toMatchObject({
      externalId: 'genesys:alex-test-id',
      source: 'import',
      direction: 'IN',
      customerPhone: '+15551234567',
      date: '2026-03-05T10:15:00.000Z',
      // Its masked stretch is rendered silent, so the call is stored re-encoded (FLAC, lossless).
      format: 'flac',
      channels: 2,
      masks: [{ startTime: 3, endTime: 5.5 }],
      metadata: { genesysId: 'alex-test-id', region: 'us-east' },
    });
    expect(detail.body.data.media).toHaveLength(1);

    const merged = await t.http
      .post(`${API}/records/import`)
      .set(bearer(owner))
      .send(
        genesys('alex-test-id', [
          localMedia('m-1', 'calls/2026/call.wav'),
          localMedia('m-2', 'calls/2026/call.wav'),
        ]),
      );
    expect(merged.status).toBe(200);
    expect(merged.body.data.recordId).toBe(recordId);
    const after = await t.http.get(`${API}/records/${recordId}`).set(bearer(owner)).expect(200);
    expect(after.body.data.media.map((media: { mediaId: string }) => media.mediaId)).toEqual(['m-1', 'm-2']);
    expect(storedFiles(t.storageDir).filter((path) => path.includes(recordId))).toHaveLength(1);
  });

  it('stores a transcript sent with the import, so recognition is skipped', async () => {
    const created = await t.http
      .post(`${API}/records/import`)
      .set(bearer(owner))
      .send({
        ...genesys('with-transcript', [localMedia('m-1', 'calls/2026/call.wav')]),
        transcript: [
          { timestamp: 0.5, author: 'Agent', text: 'Thank you for calling, how can I help?' },
          { timestamp: 3.2, author: 'Customer', text: 'I would like a refund.' },
        ],
      })
      .expect(201);
    const transcript = await t.app
      .get(TranscriptsService)
      .latest(owner.orgId, created.body.data.recordId as string);
    expect(transcript).toMatchObject({ version: 1, engine: 'none' });
    expect(transcript!.sentences.map((sentence) => sentence.text)).toEqual([
      'Thank you for calling, how can I help?',
      'I would like a refund.',
    ]);

    const before = await recordCount(t, owner);
    const bad = await t.http
      .post(`${API}/records/import`)
      .set(bearer(owner))
      .send({
        ...genesys('bad-transcript', [localMedia('m-1', 'calls/2026/call.wav')]),
        transcript: [{ timestamp: -1, author: 'Agent', text: 'x' }],
      })
      .expect(400);
    expect(bad.body.error.details[0].field).toMatch(/^transcript/);
    expect(await recordCount(t, owner)).toBe(before);
  });

  it('fetches webDAV media over http(s)', async () => {
    const response = await t.http
      .post(`${API}/records/import`)
      .set(bearer(owner))
      .send(
        genesys('webdav-1', [
          {
            mediaId: 'w-1',
            type: 'audio',
            mediaDescriptor: { storage: 'webDAV', path: `${webdavBase}/media/call.flac` },
          },
        ]),
      );
    expect(response.status).toBe(201);
    const detail = await t.http.get(`${API}/records/${response.body.data.recordId}`).set(bearer(owner));
    expect(detail.body.data.format).toBe('flac');
  });

  describe('refuses media outside the import root and leaves nothing behind', () => {
    it.each([
      ['a parent-directory climb', '../etc/passwd'],
      ['a climb in the middle', 'calls/../../etc/passwd'],
      ['an absolute path', '/etc/passwd'],
      ['a symlink to a file outside', 'calls/escape.wav'],
      ['a symlinked folder outside', 'outside-dir/secret.wav'],
      ['a missing file', 'calls/2026/none.wav'],
    ])('%s → 400', async (_what, path) => {
      const before = { files: storedFiles(t.storageDir), records: await recordCount(t, owner) };
      const response = await t.http
        .post(`${API}/records/import`)
        .set(bearer(owner))
        .send(genesys(`bad-${Math.random().toString(36).slice(2)}`, [localMedia('m', path)]));
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].field).toBe('mediaFiles.0.mediaDescriptor.path');
      expect(response.body.error.message).not.toMatch(/passwd|secret|parley-import/);
      expect(storedFiles(t.storageDir)).toEqual(before.files);
      expect(await recordCount(t, owner)).toBe(before.records);
    });
  });

  it('validates the body', async () => {
    const response = await t.http
      .post(`${API}/records/import`)
      .set(bearer(owner))
      .send({ ...genesys('x', [{ mediaId: 'm', mediaDescriptor: { storage: 'ftp', path: 'x' } }]) });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe('mediaFiles.0.mediaDescriptor.storage');
  });

  describe('with the default SSRF rules', () => {
    let strict: TestApp;
    let user: TestUser;

    beforeAll(async () => {
      strict = await createTestApp({ module: ApiModule, env: { IMPORT_ROOT: root } });
      user = await signUp(strict.http);
    });
    afterAll(() => strict.close());

    it('refuses webDAV media on loopback or metadata addresses with 400', async () => {
      const project = await createProject(strict, user);
      for (const path of [`${webdavBase}/media/call.flac`, 'http://169.254.169.254/latest/meta-data/']) {
        const response = await strict.http
          .post(`${API}/records/import`)
          .set(bearer(user))
          .send({
            ...genesys('ssrf', [{ mediaId: 'w', mediaDescriptor: { storage: 'webDAV', path } }]),
            projectId: project,
          });
        expect(response.status).toBe(400);
        expect(response.body.error.details[0].field).toBe('mediaFiles.0.mediaDescriptor.path');
      }
      expect(await recordCount(strict, user)).toBe(0);
      expect(storedFiles(strict.storageDir)).toEqual([]);
    });
  });
});
