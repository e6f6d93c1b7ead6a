import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audioLevels } from '../support/audio-levels';
import { bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/processes';

const API = '/api/v1';

interface InsertedRecord {
  id: string;
  processingStatus: string;
  duration: number;
  media: unknown[];
  [field: string]: unknown;
}
const CONTACT_CENTER = '57c0b771-b57c-4ea8-8655-7ef6d3c58ccc';
const OPS = { username: 'gir-ops', password: 'a long ops password' };
const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** The insertion API document's sample body (seed 003), with its media paths pointed at a test WebDAV server. */
const sampleBody = (storage: string) => ({
  id: 'alex-test-id',
  callerPhoneNumber: '+14160000000',
  dialedPhoneNumber: '+14161111111',
  region: 'Can-West',
  callType: 'Inbound',
  mediaFiles: [
    {
      callUUID: '123123',
      startTime: '2015-06-15T23:59:00.000',
      stopTime: '2015-06-15T23:59:59.000',
      mediaId: '123123-FFAB-ABAD',
      type: 'audio/mp3',
      duration: '59000',
      size: '67324',
      parameters: { username: 'agent.bob@example.com' },
      masks: [
        { time: '2015-06-15T23:59:10.034Z', type: 'paused' },
        { time: '2013-06-15T23:59:20.034Z', type: 'resume' },
      ],
      mediaDescriptor: { storage: 'webDAV', path: `${storage}/file1.mp3` },
    },
    {
      callUUID: '234222',
      startTime: '2015-06-15T23:58:00.000',
      stopTime: '2015-06-15T23:58:59.000',
      mediaId: '123123-FFAB-ABAC',
      type: 'audio/mp3',
      mediaDescriptor: { storage: 'webDAV', path: `${storage}/file2.mp3` },
    },
  ],
  eventHistory: [
    {
      occurredAt: '2015-06-15T23:58:30.000+0000',
      calluuid: '234222',
      eventId: '2015-09-10 13:31:00.887_011AP643CSAPR4FKQGQE31TAES00029B',
      event: 'Data',
      data: { added: { drink: 'cola', food: 'burger' } },
    },
    {
      occurredAt: '2015-06-15T23:58:00.000',
      calluuid: '234222',
      event: 'Joined',
      contact: {
        type: 'User',
        phoneNumber: '417001',
        userName: 'agent.bob@example.com',
        firstName: 'Bob',
        lastName: 'Smith',
      },
    },
  ],
});

describe('compat: Genesys insertion (seed 003)', () => {
  const corpus = loadCorpus({ formats: ['mp3'] });
  const files: Record<string, string> = {
    '/file1.mp3': corpus.file('billing-refund', 'mp3'),
    '/file2.mp3': corpus.file('appointment-booking', 'mp3'),
    '/file3.mp3': corpus.file('wrong-number', 'mp3'),
  };
  let webdav: Server;
  let storage: string;
  let t: TestApp;
  let owner: TestUser;
  let bobId: string;
  let projectId: string;
  const insert = (body: object, auth = basic(OPS.username, OPS.password), center = CONTACT_CENTER) =>
    t.http
      .post(`/compat/genesys/internal-api/contact-centers/${center}/recordings`)
      .set('Authorization', auth)
      .send(body);
  const recordOf = async (): Promise<InsertedRecord | undefined> => {
    const listed = await t.http.get(`${API}/records`).query({ projectId }).set(bearer(owner)).expect(200);
    return listed.body.data.find((r: { externalId: string }) => r.externalId === 'genesys:alex-test-id');
  };

  beforeAll(async () => {
    webdav = createServer((request, response) => {
      const path = files[request.url ?? ''];
      if (request.method !== 'GET' || !path) return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': 'audio/mpeg' });
      createReadStream(path).pipe(response);
    });
    await new Promise<void>((resolve) => webdav.listen(0, '127.0.0.1', resolve));
    const port = (webdav.address() as AddressInfo).port;
    storage = `http://127.0.0.1:${port}`;
    t = await createTestApp();
    owner = await signUp(t.http);
    const invite = await t.http
      .post(`${API}/users/invite`)
      .set(bearer(owner))
      .send({ email: 'agent.bob@example.com', role: 'agent' })
      .expect(201);
    bobId = (
      await t.http
        .post(`${API}/auth/accept-invite`)
        .send({ token: invite.body.data.inviteToken, password: 'bob has a long password', name: 'Bob' })
        .expect(201)
    ).body.data.user.id;
    projectId = (await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'GIR' })).body.data.id;
    const center = await t.http
      .post(`${API}/genesys/contact-centers`)
      .set(bearer(owner))
      .send({
        contactCenterId: CONTACT_CENTER,
        projectId,
        opsUsername: OPS.username,
        opsPassword: OPS.password,
        allowedStorageHosts: [`127.0.0.1:${port}`],
      });
    expect(center.status).toBe(201);
    expect(JSON.stringify(center.body)).not.toContain(OPS.password);
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => webdav.close(() => resolve()));
  });

  it("inserts the document's sample: both media files on one timeline, the masked span silent and untranscribed, Bob as the agent", async () => {
    const inserted = await insert(sampleBody(storage));
    expect([inserted.status, inserted.body]).toEqual([200, { statusCode: 0 }]);

    let record: InsertedRecord | undefined;
    await waitFor(
      async () => (record = await recordOf())?.processingStatus === 'completed',
      180_000,
      'the inserted call',
    );
    const durations = Object.fromEntries(
      Object.entries(files).map(([name, path]) => [
        name,
        Number(
          execFileSync('ffprobe', [
            '-v',
            'error',
            '-show_entries',
            'format=duration',
            '-of',
            'csv=p=0',
            path,
          ]).toString(),
        ),
      ]),
    );
    // file2 began a minute before file1: the call runs from file2's start to file1's end.
    expect(record!.duration).toBeCloseTo(60 + durations['/file1.mp3'], 0);
    expect(record!).toMatchObject({
      ownerId: bobId,
      agentName: 'Bob Smith',
      direction: 'IN',
      date: '2015-06-15T23:58:00.000Z',
      masks: [{ startTime: 70.03, endTime: expect.any(Number) }],
    });
    const transcript = (
      await t.http.get(`${API}/records/${record!.id}/transcript`).set(bearer(owner)).expect(200)
    ).body.data;
    const early = transcript.sentences.filter((s: { startTime: number }) => s.startTime < 58);
    const late = transcript.sentences.filter(
      (s: { startTime: number }) => s.startTime >= 60 && s.startTime < 69.5,
    );
    expect(early.length).toBeGreaterThan(3); // file2, the appointment booking
    expect(late.length).toBeGreaterThan(0); // file1's first ten seconds, before the pause
    const masked = transcript.sentences.filter((s: { endTime: number }) => s.endTime > 70.6);
    expect(masked).toEqual([]);
    // The paused stretch is silent in the call's audio itself; the first minute (file2) is not.
    const audio = await t.http
      .get(`${API}/records/${record!.id}/audio`)
      .set(bearer(owner))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const work = mkdtempSync(join(tmpdir(), 'parley-genesys-test-'));
    const stored = join(work, `call.${record!.format as string}`);
    writeFileSync(stored, audio.body as Buffer);
    const volume = (from: number, length: number) => audioLevels(stored, { from, to: from + length }).peakDb;
    expect(volume(2, 30)).toBeGreaterThan(-30);
    expect(volume(71, 45)).toBeLessThan(-80);
    rmSync(work, { recursive: true, force: true });
  }, 240_000);

  it('merges a later insertion with a new media file: fetched, added to the timeline, transcribed', async () => {
    const before = await recordOf();
    const body = sampleBody(storage);
    const merged = await insert({
      ...body,
      mediaFiles: [
        {
          callUUID: '345333',
          startTime: '2015-06-16T00:00:10.000',
          stopTime: '2015-06-16T00:00:40.000',
          mediaId: '123123-FFAB-ABAE',
          type: 'audio/mp3',
          mediaDescriptor: { storage: 'webDAV', path: `${storage}/file3.mp3` },
        },
      ],
      eventHistory: [],
    });
    expect([merged.status, merged.body]).toEqual([200, { statusCode: 0 }]);
    let record: InsertedRecord | undefined;
    await waitFor(
      async () => {
        record = await recordOf();
        return record?.processingStatus === 'completed' && record.duration > before!.duration + 20;
      },
      240_000,
      'the merged call',
    );
    expect(record!.id).toBe(before!.id);
    expect(record!.media).toHaveLength(3);
    const transcript = (
      await t.http.get(`${API}/records/${record!.id}/transcript`).set(bearer(owner)).expect(200)
    ).body.data;
    // The third file starts 130 s into the call (00:00:10 after 23:58:00) and runs to its end.
    expect(record!.duration).toBeGreaterThan(150);
    expect(transcript.sentences.some((s: { startTime: number }) => s.startTime >= 129.5)).toBe(true);
  }, 300_000);

  it('answers failures with a non-zero statusCode: wrong password, unknown contact center, bad events, a private host not allowed', async () => {
    const wrong = await insert(sampleBody(storage), basic(OPS.username, 'not the password'));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ statusCode: 2, statusMessage: expect.any(String) });
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic/);
    const nobody = await insert(sampleBody(storage), basic(OPS.username, OPS.password), 'no-such-center');
    expect([nobody.status, nobody.body.statusCode]).toEqual([401, 2]);
    const anonymous = await t.http
      .post(`/compat/genesys/internal-api/contact-centers/${CONTACT_CENTER}/recordings`)
      .send(sampleBody(storage));
    expect([anonymous.status, anonymous.body.statusCode]).toEqual([401, 2]);

    const body = { ...sampleBody(storage), id: 'bad-events' };
    const joinedWithoutContact = await insert({
      ...body,
      eventHistory: [{ occurredAt: '2015-06-15T23:58:00.000', event: 'Joined' }],
    });
    expect(joinedWithoutContact.status).toBe(400);
    expect(joinedWithoutContact.body).toEqual({
      statusCode: 1,
      statusMessage: expect.stringMatching(/eventHistory\[0\]\.contact/),
    });
    const dataWithoutId = await insert({
      ...body,
      eventHistory: [{ occurredAt: '2015-06-15T23:58:00.000', event: 'Data', data: {} }],
    });
    expect(dataWithoutId.body).toEqual({ statusCode: 1, statusMessage: expect.stringMatching(/eventId/) });
    const noMedia = await insert({ ...body, mediaFiles: undefined });
    expect([noMedia.status, noMedia.body.statusCode]).toEqual([400, 1]);

    // Another contact center, without the storage host allowed: its private WebDAV host is refused.
    const otherProject = (await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'Other' }))
      .body.data.id;
    await t.http
      .post(`${API}/genesys/contact-centers`)
      .set(bearer(owner))
      .send({
        contactCenterId: 'cc-closed',
        projectId: otherProject,
        opsUsername: 'ops2',
        opsPassword: OPS.password,
      })
      .expect(201);
    const refused = await insert({ ...body, id: 'private-host' }, basic('ops2', OPS.password), 'cc-closed');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ statusCode: 1, statusMessage: expect.stringMatching(/non-public/) });
    const listed = await t.http.get(`${API}/records`).query({ projectId: otherProject }).set(bearer(owner));
    expect(listed.body.meta.total).toBe(0);
  });

  it("throttles wrong passwords for an ops user as logins are (429, statusCode 6), not the right user's inserts", async () => {
    const intruder = basic('intruder', 'guessing');
    for (let attempt = 0; attempt < 10; attempt += 1)
      expect((await insert(sampleBody(storage), intruder)).status).toBe(401);
    const locked = await insert(sampleBody(storage), intruder);
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ statusCode: 6, statusMessage: expect.any(String) });
    expect(locked.headers['retry-after']).toMatch(/^\d+$/);
    const rightUser = await insert({ ...sampleBody(storage), mediaFiles: [] });
    expect([rightUser.status, rightUser.body.statusCode]).toEqual([200, 0]);
  });

  it('keeps contact centers to admins, and each organisation to its own', async () => {
    const outsider = await signUp(t.http);
    const theirs = await t.http.get(`${API}/genesys/contact-centers`).set(bearer(outsider)).expect(200);
    expect(theirs.body.data).toEqual([]);
    await t.http.delete(`${API}/genesys/contact-centers/${CONTACT_CENTER}`).set(bearer(outsider)).expect(404);
    const ours = await t.http.get(`${API}/genesys/contact-centers`).set(bearer(owner)).expect(200);
    expect(ours.body.data.map((c: { contactCenterId: string }) => c.contactCenterId)).toContain(
      CONTACT_CENTER,
    );
    expect(JSON.stringify(ours.body)).not.toMatch(/password/i);
  });
});
