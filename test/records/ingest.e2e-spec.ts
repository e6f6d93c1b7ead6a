import { DataSource } from 'typeorm';
import { Module } from '@nestjs/common';
import { createReadStream, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RecordsModule } from '@app/records';
import { ApiModule } from '../../apps/api/src/api.module';
import { IngestProcessor } from '../../apps/worker/src/ingest.processor';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { waitFor } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject, recordCount, storedFiles } from './records-helpers';

/** The API and only the ingest worker: the pulled records are not transcribed while the test looks at them. */
@Module({ imports: [ApiModule, RecordsModule], providers: [IngestProcessor] })
class IngestOnlyModule {}

describe('URL ingest', () => {
  const corpus = loadCorpus();
  const mp3 = corpus.file(corpus.ids[2], 'mp3');
  // the longest call as WAV: larger than the 2 MB limit of the first app below
  const bigWav = corpus.ids
    .map((id) => corpus.file(id, 'wav'))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  let audioServer: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    // A real HTTP server the worker pulls from, with redirects, errors and non-audio.
    audioServer = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      hits.push(url.pathname);
      const hops = /^\/hop\/(\d+)$/.exec(url.pathname);
      if (hops) {
        const left = Number(hops[1]);
        response.writeHead(302, { Location: left > 1 ? `/hop/${left - 1}` : '/call.mp3' }).end();
      } else if (url.pathname === '/call.mp3') {
        response.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': statSync(mp3).size });
        createReadStream(mp3).pipe(response);
      } else if (url.pathname === '/big.wav') {
        // chunked, without Content-Length: only the running byte count can stop it
        response.writeHead(200, { 'Content-Type': 'audio/wav' });
        createReadStream(bigWav).pipe(response);
      } else if (url.pathname === '/page.html') {
        response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>'.repeat(500));
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => audioServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(audioServer.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => audioServer.close(() => resolve())));

  const settled = (t: TestApp, user: TestUser, id: string) =>
    waitFor(
      async () => {
        const response = await t.http.get(`${API}/records/${id}`).set(bearer(user));
        const record = response.body.data;
        return record.processingStage !== 'uploading' || record.processingStatus === 'failed'
          ? record
          : undefined;
      },
      20_000,
      `record ${id} to leave uploading`,
    );

  describe('with private networks allowed (the test server is on loopback)', () => {
    let t: TestApp;
    let owner: TestUser;
    let projectId: string;

    beforeAll(async () => {
      t = await createTestApp({
        module: IngestOnlyModule,
        env: { INGEST_ALLOW_PRIVATE_NETWORKS: 'true', MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) },
      });
      owner = await signUp(t.http);
      projectId = await createProject(t, owner);
    });
    afterAll(() => t.close());

    const ingest = (body: object) =>
      t.http
        .post(`${API}/records/ingest`)
        .set(bearer(owner))
        .send({ projectId, ...body });

    it('pulls the audio in the background into a queued record', async () => {
      const accepted = await ingest({ audioUrl: `${base}/call.mp3`, metadata: { title: 'Pulled' } });
      expect(accepted.status).toBe(202);
      expect(accepted.body.data).toMatchObject({
        id: expect.stringMatching(/^rec_/),
        processingStatus: 'pending',
      });
      const record = await settled(t, owner, accepted.body.data.id);
      expect(record).toMatchObject({
        processingStatus: 'pending',
        processingStage: 'queued',
        format: 'mp3',
        title: 'Pulled',
        sizeBytes: statSync(mp3).size,
        source: 'ingest',
      });
      expect(storedFiles(t.storageDir)).toContain(`${owner.orgId}/${record.id}/original.mp3`);
    });

    it('answers the same (source, externalId) with the first record (200), never a duplicate', async () => {
      const body = { audioUrl: `${base}/call.mp3`, source: 'bitrix24', externalId: 'call-77' };
      const first = await ingest(body);
      expect(first.status).toBe(202);
      const again = await ingest(body);
      expect(again.status).toBe(200);
      expect(again.body.data.id).toBe(first.body.data.id);
      const otherSource = await ingest({ ...body, source: 'other-pbx' });
      expect(otherSource.status).toBe(202);
      expect(otherSource.body.data.id).not.toBe(first.body.data.id);
    });

    it('follows up to three redirects and refuses a fourth', async () => {
      const three = await ingest({ audioUrl: `${base}/hop/3` });
      expect((await settled(t, owner, three.body.data.id)).format).toBe('mp3');
      const four = await ingest({ audioUrl: `${base}/hop/4` });
      const failed = await settled(t, owner, four.body.data.id);
      expect(failed.processingStatus).toBe('failed');
      expect(failed.processingErrors[0]).toMatchObject({
        stage: 'ingest',
        message: expect.stringMatching(/redirect/i),
      });
    });

    it('fails the record, keeping no file, for a page that is not audio, a 404 and a file over the limit', async () => {
      const before = storedFiles(t.storageDir);
      for (const [path, reason] of [
        ['/page.html', /WAV, MP3/],
        ['/missing.mp3', /404/],
        ['/big.wav', /larger than/],
      ] as const) {
        const accepted = await ingest({ audioUrl: `${base}${path}` });
        expect(accepted.status).toBe(202);
        const record = await settled(t, owner, accepted.body.data.id);
        expect(record.processingStatus).toBe('failed');
        expect(record.processingErrors[0].message).toMatch(reason);
        // The client holds this record's id: its webhook receivers hear that it failed, once.
        const events = await t.app
          .get(DataSource)
          .query(`SELECT type FROM outbox_events WHERE payload->'data'->>'id' = $1`, [accepted.body.data.id]);
        expect(events.map((event: { type: string }) => event.type)).toEqual(['record.failed']);
      }
      expect(storedFiles(t.storageDir)).toEqual(before);
    });

    it('validates the body', async () => {
      const bad = await ingest({ audioUrl: 'ftp://example.com/a.mp3' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].field).toBe('audioUrl');
      const unknown = await t.http
        .post(`${API}/records/ingest`)
        .set(bearer(owner))
        .send({ projectId: 'prj_01JD0000000000000000000000', audioUrl: `${base}/call.mp3` });
      expect(unknown.status).toBe(404);
    });
  });

  describe('with the default SSRF rules', () => {
    let t: TestApp;
    let owner: TestUser;
    let projectId: string;

    beforeAll(async () => {
      t = await createTestApp({ module: IngestOnlyModule });
      owner = await signUp(t.http);
      projectId = await createProject(t, owner);
    });
    afterAll(() => t.close());

    it.each([
      ['loopback', () => `${base}/call.mp3`],
      ['localhost by name', () => `http://localhost:${new URL(base).port}/call.mp3`],
      ['IPv6 loopback', () => 'http://[::1]/call.mp3'],
      ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
      ['a private network', () => 'http://10.0.0.5/call.mp3'],
      ['CGNAT', () => 'http://100.64.0.1/call.mp3'],
      ['IPv4-mapped IPv6 loopback', () => 'http://[::ffff:127.0.0.1]/call.mp3'],
    ])('refuses %s with 400 and queues nothing', async (_what, url) => {
      const hitsBefore = hits.length;
      const response = await t.http
        .post(`${API}/records/ingest`)
        .set(bearer(owner))
        .send({ projectId, audioUrl: url() });
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].field).toBe('audioUrl');
      expect(await recordCount(t, owner)).toBe(0);
      expect(hits.length).toBe(hitsBefore);
    });
  });
});
