import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/queue';
import { addMember, bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject, storedFiles, upload } from './records-helpers';

describe('records', () => {
  const corpus = loadCorpus();
  const [callA, callB, callC] = corpus.ids;
  let t: TestApp;
  let owner: TestUser;
  let agent: TestUser;
  let viewer: TestUser;
  let projectId: string;
  let otherProjectId: string;
  let ownerRecord: string;
  let agentRecord: string;
  let mp3Record: string;

  beforeAll(async () => {
    // The API alone: no worker transcribes these uploads while the test reads them back.
    t = await createTestApp({ module: ApiModule });
    owner = await signUp(t.http);
    agent = await addMember(t.http, owner, 'agent');
    viewer = await addMember(t.http, owner, 'viewer');
    projectId = await createProject(t, owner, 'Inbound');
    otherProjectId = await createProject(t, owner, 'Outbound');
    const created = await Promise.all([
      upload(t, owner, projectId, corpus.file(callA, 'wav'), {
        metadata: {
          title: 'Billing inquiry',
          direction: 'IN',
          date: '2026-03-05T10:15:00Z',
          customerPhone: '+15551234567',
          from: { fullName: 'Jane Doe', phoneNumber: '+15551234567' },
          to: { fullName: 'John Smith', phoneNumber: '+15557654321' },
          agentName: 'John Smith',
          tags: ['billing'],
        },
      }),
      upload(t, agent, projectId, corpus.file(callB, 'ogg'), {
        metadata: { title: 'Agent call', direction: 'OUT', date: '2026-03-07T09:00:00Z', tags: ['sales'] },
      }),
      upload(t, owner, otherProjectId, corpus.file(callC, 'mp3'), {
        metadata: { title: 'Other project', direction: 'IN', date: '2026-02-01T09:00:00Z' },
      }),
    ]);
    for (const response of created) expect(response.status).toBe(201);
    [ownerRecord, agentRecord, mp3Record] = created.map((response) => response.body.data.id as string);
  });
  afterAll(() => t.close());

  const ids = (body: { data: Array<{ id: string }> }) => body.data.map((record) => record.id).sort();

  describe('GET /records', () => {
    it('lists the organisation with meta and filters', async () => {
      const all = await t.http.get(`${API}/records`).set(bearer(owner)).expect(200);
      expect(all.body.meta).toEqual({
        page: 1,
        pageSize: 20,
        total: 3,
        totalIsEstimate: false,
        nextCursor: null,
      });
      const check = async (query: string, expected: string[]) => {
        const response = await t.http.get(`${API}/records?${query}`).set(bearer(owner));
        expect(response.status).toBe(200);
        expect(ids(response.body)).toEqual([...expected].sort());
      };
      await check(`projectId=${projectId}`, [ownerRecord, agentRecord]);
      await check('direction=OUT', [agentRecord]);
      await check('from=2026-03-01T00:00:00Z&to=2026-03-06T00:00:00Z', [ownerRecord]);
      await check(`ownerId=${agent.userId}`, [agentRecord]);
      await check('tag=billing', [ownerRecord]);
      await check('tag=BILLING', [ownerRecord]);
    });

    it('sorts by duration and pages', async () => {
      const asc = await t.http.get(`${API}/records?sort=duration&order=asc`).set(bearer(owner)).expect(200);
      const durations = asc.body.data.map((record: { duration: number }) => record.duration);
      expect(durations).toEqual([...durations].sort((a, b) => a - b));
      const page = await t.http
        .get(`${API}/records?pageSize=2&page=2&sort=duration&order=asc`)
        .set(bearer(owner));
      expect(page.body.meta).toEqual({
        page: 2,
        pageSize: 2,
        total: 3,
        totalIsEstimate: false,
        nextCursor: null,
      });
      expect(page.body.data.map((record: { id: string }) => record.id)).toEqual([asc.body.data[2].id]);
    });

    it.each([
      ['pageSize=101', 'pageSize'],
      ['sort=size', 'sort'],
      ['status=done', 'status'],
      ['minQualityScore=abc', 'minQualityScore'],
      ['from=yesterday', 'from'],
      ['color=red', 'color'],
    ])('refuses %s naming %s', async (query, field) => {
      const response = await t.http.get(`${API}/records?${query}`).set(bearer(owner));
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].field).toBe(field);
    });

    it('shows an agent only its own records, and 404 for the others', async () => {
      const list = await t.http.get(`${API}/records`).set(bearer(agent)).expect(200);
      expect(ids(list.body)).toEqual([agentRecord]);
      await t.http.get(`${API}/records/${ownerRecord}`).set(bearer(agent)).expect(404);
      await t.http.get(`${API}/records/${ownerRecord}/audio`).set(bearer(agent)).expect(404);
      await t.http.patch(`${API}/records/${ownerRecord}`).set(bearer(agent)).send({ title: 'x' }).expect(404);
      await t.http.delete(`${API}/records/${ownerRecord}`).set(bearer(agent)).expect(404);
    });
  });

  describe('GET /records/:id', () => {
    it('masks the customer phone below supervisor and shows it whole from supervisor up', async () => {
      const supervisor = await addMember(t.http, owner, 'supervisor');
      const forViewer = await t.http.get(`${API}/records/${ownerRecord}`).set(bearer(viewer)).expect(200);
      expect(forViewer.body.data.customerPhone).toBe('+1***4567');
      expect(forViewer.body.data.from.phoneNumber).toBe('+1***4567');
      const listed = await t.http.get(`${API}/records?tag=billing`).set(bearer(viewer)).expect(200);
      expect(listed.body.data[0].customerPhone).toBe('+1***4567');
      const forSupervisor = await t.http
        .get(`${API}/records/${ownerRecord}`)
        .set(bearer(supervisor))
        .expect(200);
      expect(forSupervisor.body.data.customerPhone).toBe('+15551234567');
      expect(forSupervisor.body.data).toMatchObject({
        title: 'Billing inquiry',
        direction: 'IN',
        date: '2026-03-05T10:15:00.000Z',
        agentName: 'John Smith',
        to: { fullName: 'John Smith', phoneNumber: '+15557654321' },
        analysisResult: { status: expect.any(Number) },
        hasNotes: false,
      });
    });

    it('adds notes inline with include=notes and refuses unknown includes', async () => {
      await t.http
        .post(`${API}/records/${ownerRecord}/notes`)
        .set(bearer(owner))
        .send({ noteText: 'Follow up tomorrow' })
        .expect(201);
      const detail = await t.http
        .get(`${API}/records/${ownerRecord}?include=notes,transcript`)
        .set(bearer(owner))
        .expect(200);
      expect(detail.body.data.hasNotes).toBe(true);
      expect(detail.body.data.notes).toEqual([
        expect.objectContaining({ noteText: 'Follow up tomorrow', authorUserId: owner.userId }),
      ]);
      expect(detail.body.data).toHaveProperty('transcript');
      await t.http.get(`${API}/records/${ownerRecord}?include=secrets`).set(bearer(owner)).expect(400);
    });

    it('answers 404 for an unknown id and for an id of the wrong type', async () => {
      await t.http.get(`${API}/records/rec_01JD0000000000000000000000`).set(bearer(owner)).expect(404);
      await t.http.get(`${API}/records/${projectId}`).set(bearer(owner)).expect(404);
    });
  });

  describe('PATCH /records/:id', () => {
    it('edits the describing fields and keeps extra metadata', async () => {
      const response = await t.http
        .patch(`${API}/records/${agentRecord}`)
        .set(bearer(agent))
        .send({ title: 'Renamed', language: 'en', metadata: { crmId: 'crm-7' } })
        .expect(200);
      expect(response.body.data).toMatchObject({
        title: 'Renamed',
        language: 'en',
        metadata: { crmId: 'crm-7' },
      });
    });

    it('refuses unknown and processing fields, a viewer, and an agent changing the owner', async () => {
      const bad = await t.http
        .patch(`${API}/records/${agentRecord}`)
        .set(bearer(owner))
        .send({ processingStatus: 'completed' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].field).toBe('processingStatus');
      // The 16 KB limit of an upload's metadata holds on an edit too.
      const big = await t.http
        .patch(`${API}/records/${agentRecord}`)
        .set(bearer(owner))
        .send({ metadata: { notes: 'x'.repeat(17 * 1024) } });
      expect(big.status).toBe(400);
      expect(big.body.error.details[0].field).toBe('metadata');
      await t.http
        .patch(`${API}/records/${agentRecord}`)
        .set(bearer(viewer))
        .send({ title: 'x' })
        .expect(403);
      await t.http
        .patch(`${API}/records/${agentRecord}`)
        .set(bearer(agent))
        .send({ ownerId: owner.userId })
        .expect(403);
    });
  });

  describe('GET /records/:id/audio', () => {
    it('serves the bytes with their content type and honours Range', async () => {
      const bytes = readFileSync(corpus.file(callC, 'mp3'));
      const whole = await t.http.get(`${API}/records/${mp3Record}/audio`).set(bearer(viewer)).buffer(true);
      expect(whole.status).toBe(200);
      expect(whole.headers['content-type']).toBe('audio/mpeg');
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect(Number(whole.headers['content-length'])).toBe(bytes.length);

      const part = await t.http
        .get(`${API}/records/${mp3Record}/audio`)
        .set(bearer(viewer))
        .set('Range', 'bytes=100-199')
        .buffer(true);
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
      expect(Buffer.compare(part.body as Buffer, bytes.subarray(100, 200))).toBe(0);

      const tail = await t.http
        .get(`${API}/records/${mp3Record}/audio`)
        .set(bearer(viewer))
        .set('Range', 'bytes=-10')
        .buffer(true);
      expect(tail.status).toBe(206);
      expect(Buffer.compare(tail.body as Buffer, bytes.subarray(bytes.length - 10))).toBe(0);

      const beyond = await t.http
        .get(`${API}/records/${mp3Record}/audio`)
        .set(bearer(viewer))
        .set('Range', `bytes=${bytes.length}-`);
      expect(beyond.status).toBe(416);
      expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);
    });

    it('answers 404 for a redacted copy that does not exist yet', async () => {
      await t.http.get(`${API}/records/${mp3Record}/audio?redacted=true`).set(bearer(owner)).expect(404);
    });
  });

  describe('tags', () => {
    it('adds a tag once, lists it, filters by it and removes it', async () => {
      const added = await t.http
        .post(`${API}/records/${mp3Record}/tags`)
        .set(bearer(owner))
        .send({ value: 'Escalation' })
        .expect(201);
      const tagId = added.body.data.id as string;
      expect(tagId).toMatch(/^tag_/);
      const again = await t.http
        .post(`${API}/records/${mp3Record}/tags`)
        .set(bearer(owner))
        .send({ value: 'escalation' })
        .expect(201);
      expect(again.body.data.id).toBe(tagId);
      const tags = await t.http.get(`${API}/tags`).set(bearer(viewer)).expect(200);
      expect(tags.body.data.map((tag: { value: string }) => tag.value)).toEqual(
        expect.arrayContaining(['billing', 'sales', 'Escalation']),
      );
      const filtered = await t.http.get(`${API}/records?tag=${tagId}`).set(bearer(owner)).expect(200);
      expect(ids(filtered.body)).toEqual([mp3Record]);
      await t.http.delete(`${API}/records/${mp3Record}/tags/${tagId}`).set(bearer(owner)).expect(204);
      await t.http.delete(`${API}/records/${mp3Record}/tags/${tagId}`).set(bearer(owner)).expect(404);
      await t.http
        .post(`${API}/records/${mp3Record}/tags`)
        .set(bearer(owner))
        .send({ value: '  ' })
        .expect(400);
    });
  });

  describe('notes', () => {
    it('lets the author and an admin edit, nobody else', async () => {
      const note = await t.http
        .post(`${API}/records/${agentRecord}/notes`)
        .set(bearer(agent))
        .send({ noteText: 'Customer asked for a callback' })
        .expect(201);
      expect(note.body.data).toMatchObject({
        noteId: expect.stringMatching(/^nte_/),
        authorUserId: agent.userId,
        noteText: 'Customer asked for a callback',
        createdAt: expect.any(String),
        lastModified: expect.any(String),
      });
      const noteId = note.body.data.noteId as string;
      const supervisor = await addMember(t.http, owner, 'supervisor');
      await t.http
        .patch(`${API}/records/${agentRecord}/notes/${noteId}`)
        .set(bearer(supervisor))
        .send({ noteText: 'hijack' })
        .expect(403);
      const edited = await t.http
        .patch(`${API}/records/${agentRecord}/notes/${noteId}`)
        .set(bearer(agent))
        .send({ noteText: 'Callback done' })
        .expect(200);
      expect(edited.body.data.noteText).toBe('Callback done');
      const list = await t.http.get(`${API}/records/${agentRecord}/notes`).set(bearer(viewer)).expect(200);
      expect(list.body.meta.total).toBe(1);
      expect(list.body.data[0].noteText).toBe('Callback done');
      await t.http.delete(`${API}/records/${agentRecord}/notes/${noteId}`).set(bearer(owner)).expect(204);
      await t.http.get(`${API}/records/${agentRecord}/notes/${noteId}`).set(bearer(owner)).expect(404);
    });
  });

  describe('service tokens', () => {
    it('read with recordings.read, write only with recordings.write', async () => {
      const reader = await serviceToken(t.http, owner, ['recordings.read']);
      await t.http.get(`${API}/records`).set(bearer(reader)).expect(200);
      await t.http
        .post(`${API}/records/${ownerRecord}/tags`)
        .set(bearer(reader))
        .send({ value: 'x' })
        .expect(403);
      const writer = await serviceToken(t.http, owner, ['recordings.write', 'recordings.read']);
      const created = await upload(t, writer, projectId, corpus.file(callA, 'flac'));
      expect(created.status).toBe(201);
      const detail = await t.http
        .get(`${API}/records/${created.body.data.id}`)
        .set(bearer(writer))
        .expect(200);
      expect(detail.body.data.ownerId).toBeNull();
    });
  });

  describe('POST /records/:id/reprocess', () => {
    it('queues a finished record again with a new pipeline version; refuses one still in flight', async () => {
      const busy = await t.http.post(`${API}/records/${mp3Record}/reprocess`).set(bearer(owner)).send({});
      expect(busy.status).toBe(409);
      // The pipeline is not running in this test: finish the record the way it would.
      await t.app
        .get(DataSource)
        .query(
          `UPDATE records SET processing_status = 'completed', processing_stage = 'done' WHERE id = $1`,
          [mp3Record],
        );
      const accepted = await t.http
        .post(`${API}/records/${mp3Record}/reprocess`)
        .set(bearer(owner))
        .send({ fromStage: 'transcribing' });
      expect(accepted.status).toBe(202);
      expect(accepted.body.data).toMatchObject({
        id: mp3Record,
        processingStatus: 'pending',
        pipelineVersion: 2,
      });
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Transcription));
      expect(await queue.getJob(`${mp3Record}:transcription:2`)).toBeTruthy();
      const detail = await t.http.get(`${API}/records/${mp3Record}`).set(bearer(owner)).expect(200);
      expect(detail.body.data).toMatchObject({ processingStatus: 'pending', processingStage: 'queued' });
      await t.http
        .post(`${API}/records/${mp3Record}/reprocess`)
        .set(bearer(owner))
        .send({ fromStage: 'alerting' })
        .expect(400);
      await t.http.post(`${API}/records/${mp3Record}/reprocess`).set(bearer(viewer)).send({}).expect(403);
    });
  });

  describe('DELETE /records/:id', () => {
    it('hides the record at once, and a purge removes the row, its tags, notes and audio', async () => {
      const created = await upload(t, owner, projectId, corpus.file(callA, 'm4a'), {
        metadata: { tags: ['gone'] },
      });
      const id = created.body.data.id as string;
      await t.http
        .post(`${API}/records/${id}/notes`)
        .set(bearer(owner))
        .send({ noteText: 'bye' })
        .expect(201);
      expect(storedFiles(t.storageDir).some((path) => path.includes(id))).toBe(true);
      await t.http.delete(`${API}/records/${id}`).set(bearer(viewer)).expect(403);
      await t.http.delete(`${API}/records/${id}`).set(bearer(owner)).expect(204);
      await t.http.get(`${API}/records/${id}`).set(bearer(owner)).expect(404);
      await t.http.get(`${API}/records/${id}/notes`).set(bearer(owner)).expect(404);
      // Hidden, not gone: restorable until it is purged.
      expect(storedFiles(t.storageDir).some((path) => path.includes(id))).toBe(true);
      await t.http.delete(`${API}/records/${id}?permanent=true`).set(bearer(owner)).expect(204);
      expect(storedFiles(t.storageDir).some((path) => path.includes(id))).toBe(false);
      await t.http.get(`${API}/records/${id}?includeDeleted=true`).set(bearer(owner)).expect(404);
      const filtered = await t.http.get(`${API}/records?tag=gone`).set(bearer(owner)).expect(200);
      expect(filtered.body.meta.total).toBe(0);
    });
  });
});
