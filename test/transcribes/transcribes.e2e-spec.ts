import { DataSource } from 'typeorm';
import { AnalysesService } from '@app/analysis';
import { TranscriptsService } from '@app/transcription';
import { OutboxService } from '@app/webhooks';
import { addMember, bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';

const API = '/api/v1';

const CONVERSATION = [
  {
    timestamp: 0,
    author: 'Agent',
    text: 'Good morning, this call may be recorded. How can I help you today?',
  },
  { timestamp: 5, author: 'Client', text: 'I was charged twice for my subscription this month.' },
  {
    timestamp: 9.5,
    author: 'Agent',
    text: 'I am sorry about that, let me issue a refund for the double charge.',
  },
  { timestamp: 15, author: 'Client', text: 'Thank you, that is great.' },
];

describe('transcribes and contacts', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
  });
  afterAll(() => t.close());

  const newContact = async (user: TestUser = owner, body: object = { displayName: 'Dana Smith' }) => {
    const response = await t.http.post(`${API}/contacts`).set(bearer(user)).send(body).expect(201);
    return response.body.data.id as string;
  };
  const newTranscribe = (user: TestUser, body: object) =>
    t.http.post(`${API}/transcribes`).set(bearer(user)).send(body);
  const count = async (sql: string, params: unknown[]) =>
    Number((await t.app.get(DataSource).query(sql, params))[0].count);

  describe('contacts', () => {
    it('creates, reads, lists, updates and deletes a contact', async () => {
      const created = await t.http
        .post(`${API}/contacts`)
        .set(bearer(owner))
        .send({
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: 'ada@example.com',
          phoneNumber: '+44 20 7946 0958',
          company: 'Engines Ltd',
        })
        .expect(201);
      const contact = created.body.data;
      expect(contact).toMatchObject({
        id: expect.stringMatching(/^con_/),
        displayName: 'Ada Lovelace',
        email: 'ada@example.com',
        company: 'Engines Ltd',
      });
      await t.http.get(`${API}/contacts/${contact.id}`).set(bearer(owner)).expect(200);
      const list = await t.http.get(`${API}/contacts?pageSize=100`).set(bearer(owner)).expect(200);
      expect(list.body.data.map((c: { id: string }) => c.id)).toContain(contact.id);
      expect(list.body.meta).toMatchObject({ page: 1, pageSize: 100 });

      const patched = await t.http
        .patch(`${API}/contacts/${contact.id}`)
        .set(bearer(owner))
        .send({ company: 'Analytical Engines' })
        .expect(200);
      expect(patched.body.data).toMatchObject({ company: 'Analytical Engines', email: 'ada@example.com' });

      await t.http.delete(`${API}/contacts/${contact.id}`).set(bearer(owner)).expect(204);
      await t.http.get(`${API}/contacts/${contact.id}`).set(bearer(owner)).expect(404);
    });

    it('refuses a bad email, a bad phone number, unknown fields and a contact with nothing to name it', async () => {
      for (const [body, field] of [
        [{ displayName: 'X', email: 'not-an-email' }, 'email'],
        [{ displayName: 'X', phoneNumber: 'call me maybe' }, 'phoneNumber'],
        [{ displayName: 'X', phoneNumber: '+1 23' }, 'phoneNumber'],
        [{ displayName: 'X', nickname: 'x' }, 'nickname'],
        [{ company: 'Only a company' }, 'displayName'],
      ] as const) {
        const response = await t.http.post(`${API}/contacts`).set(bearer(owner)).send(body).expect(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
        expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    it('lets a viewer read but not write, and a service token with recordings scopes do both', async () => {
      const viewer = await addMember(t.http, owner, 'viewer');
      const id = await newContact();
      await t.http.get(`${API}/contacts/${id}`).set(bearer(viewer)).expect(200);
      await t.http.post(`${API}/contacts`).set(bearer(viewer)).send({ displayName: 'No' }).expect(403);
      const token = await serviceToken(t.http, owner, ['recordings.read', 'recordings.write']);
      await t.http.post(`${API}/contacts`).set(bearer(token)).send({ displayName: 'Robot' }).expect(201);
    });

    it('keeps a contact with transcribes (409) until they are deleted', async () => {
      const contact = await newContact();
      const created = await newTranscribe(owner, { contact, contents: [] }).expect(201);
      await t.http.delete(`${API}/contacts/${contact}`).set(bearer(owner)).expect(409);
      await t.http.delete(`${API}/transcribes/${created.body.data.id}`).set(bearer(owner)).expect(204);
      await t.http.delete(`${API}/contacts/${contact}`).set(bearer(owner)).expect(204);
    });
  });

  describe('transcribes', () => {
    it('creates a transcribe with its entries, backed by a transcript record in the default project', async () => {
      const contact = await newContact();
      const response = await newTranscribe(owner, { contact, contents: CONVERSATION }).expect(201);
      const transcribe = response.body.data;
      expect(transcribe).toMatchObject({
        id: expect.stringMatching(/^trb_/),
        contact,
        recordId: expect.stringMatching(/^rec_/),
        projectId: expect.stringMatching(/^prj_/),
      });
      expect(transcribe.contents).toHaveLength(4);
      expect(transcribe.contents[1]).toEqual({
        id: expect.any(String),
        transcribe: transcribe.id,
        timestamp: 5,
        author: 'Client',
        text: 'I was charged twice for my subscription this month.',
        createdAt: expect.any(String),
      });

      const project = await t.http
        .get(`${API}/projects/${transcribe.projectId}`)
        .set(bearer(owner))
        .expect(200);
      expect(project.body.data.name).toBe('Transcribes');
      // a second transcribe without projectId lands in the same default project
      const second = await newTranscribe(owner, { contact, contents: [] }).expect(201);
      expect(second.body.data.projectId).toBe(transcribe.projectId);

      const transcript = await t.app.get(TranscriptsService).latest(owner.orgId, transcribe.recordId);
      expect(transcript).toMatchObject({ engine: 'none', version: 1 });
      expect(transcript!.speakers.map((s) => [s.speakerLabel, s.role])).toEqual([
        ['Agent', 'agent'],
        ['Client', 'customer'],
      ]);
      expect(transcript!.sentences.map((s) => [s.startTime, s.endTime])).toEqual([
        [0, 5],
        [5, 9.5],
        [9.5, 15],
        [15, 17], // 5 words at 2.5 words per second
      ]);
    });

    it('puts it in the project given, and refuses a project of another organisation', async () => {
      const contact = await newContact();
      const project = await t.http
        .post(`${API}/projects`)
        .set(bearer(owner))
        .send({ name: 'Sales' })
        .expect(201);
      const created = await newTranscribe(owner, { contact, projectId: project.body.data.id, contents: [] });
      expect(created.status).toBe(201);
      expect(created.body.data.projectId).toBe(project.body.data.id);

      const other = await signUp(t.http);
      const foreign = await t.http
        .post(`${API}/projects`)
        .set(bearer(other))
        .send({ name: 'Theirs' })
        .expect(201);
      const refused = await newTranscribe(owner, { contact, projectId: foreign.body.data.id, contents: [] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details[0].field).toBe('projectId');
    });

    it('lists the most recent first, filtered by contact, paginated', async () => {
      const user = await signUp(t.http);
      const first = await newContact(user);
      const second = await newContact(user, { displayName: 'Other' });
      const ids: string[] = [];
      for (const contact of [first, second, first]) {
        const created = await newTranscribe(user, { contact, contents: CONVERSATION.slice(0, 1) }).expect(
          201,
        );
        ids.push(created.body.data.id);
      }
      const all = await t.http.get(`${API}/transcribes`).set(bearer(user)).expect(200);
      expect(all.body.data.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect(all.body.meta.total).toBe(3);

      const ofFirst = await t.http.get(`${API}/transcribes?contact=${first}`).set(bearer(user)).expect(200);
      expect(ofFirst.body.data.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[0]]);

      const page = await t.http.get(`${API}/transcribes?pageSize=1&page=2`).set(bearer(user)).expect(200);
      expect(page.body.data.map((x: { id: string }) => x.id)).toEqual([ids[1]]);
      expect(page.body.meta).toEqual({ page: 2, pageSize: 1, total: 3, nextCursor: expect.any(String) });

      await t.http.get(`${API}/transcribes?contact=nope`).set(bearer(user)).expect(400);
    });

    it('inlines the contact with associations=transcribe.contact', async () => {
      const contact = await newContact(owner, { displayName: 'Inline Me', email: 'inline@example.com' });
      const created = await newTranscribe(owner, { contact, contents: CONVERSATION }).expect(201);
      const id = created.body.data.id;
      const plain = await t.http.get(`${API}/transcribes/${id}`).set(bearer(owner)).expect(200);
      expect(plain.body.data.contact).toBe(contact);
      expect(plain.body.data.contents.map((e: { author: string }) => e.author)).toEqual([
        'Agent',
        'Client',
        'Agent',
        'Client',
      ]);
      const inlined = await t.http
        .get(`${API}/transcribes/${id}?associations=transcribe.contact`)
        .set(bearer(owner))
        .expect(200);
      expect(inlined.body.data.contact).toMatchObject({
        id: contact,
        displayName: 'Inline Me',
        email: 'inline@example.com',
      });
      await t.http
        .get(`${API}/transcribes/${id}?associations=transcribe.owner`)
        .set(bearer(owner))
        .expect(400);
    });

    it('names the bad entry by its index and leaves nothing behind', async () => {
      const user = await signUp(t.http);
      const contact = await newContact(user);
      const cases: Array<[unknown, string]> = [
        [
          [...CONVERSATION.slice(0, 3), { timestamp: 4, author: 'Agent', text: 'earlier' }],
          'contents[3].timestamp',
        ],
        [[{ timestamp: -1, author: 'Agent', text: 'x' }], 'contents[0].timestamp'],
        [[{ timestamp: '3', author: 'Agent', text: 'x' }], 'contents[0].timestamp'],
        [[CONVERSATION[0], { timestamp: 6, text: 'no author' }], 'contents[1].author'],
        [[CONVERSATION[0], { timestamp: 6, author: 'Client', text: '   ' }], 'contents[1].text'],
        [[{ ...CONVERSATION[0], mood: 'happy' }], 'contents[0].mood'],
        [[CONVERSATION[0], { timestamp: 6, author: 'Client', text: 'x'.repeat(5001) }], 'contents[1].text'],
        [new Array(2001).fill(CONVERSATION[0]), 'contents'],
        [undefined, 'contents'],
      ];
      for (const [contents, field] of cases) {
        const response = await newTranscribe(user, { contact, contents });
        expect({ field, status: response.status, code: response.body.error?.code }).toEqual({
          field,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const other = await signUp(t.http);
      const foreignContact = await newContact(other);
      for (const body of [
        { contact: foreignContact, contents: [] },
        { contact: 'con_01JAAAAAAAAAAAAAAAAAAAAAAA', contents: [] },
        { contact: 'nope', contents: [] },
      ]) {
        const response = await newTranscribe(user, body).expect(400);
        expect(response.body.error.details[0].field).toBe('contact');
      }
      expect(await count(`SELECT count(*) FROM transcribes WHERE org_id = $1`, [user.orgId])).toBe(0);
      expect(await count(`SELECT count(*) FROM records WHERE org_id = $1`, [user.orgId])).toBe(0);
      expect(await count(`SELECT count(*) FROM outbox_events WHERE org_id = $1`, [user.orgId])).toBe(0);
    });

    it('soft-deletes: 404 everywhere afterwards, out of the list, its record gone', async () => {
      const contact = await newContact();
      const created = await newTranscribe(owner, { contact, contents: CONVERSATION }).expect(201);
      const { id, recordId } = created.body.data;
      await t.http.delete(`${API}/transcribes/${id}`).set(bearer(owner)).expect(204);
      await t.http.get(`${API}/transcribes/${id}`).set(bearer(owner)).expect(404);
      await t.http.delete(`${API}/transcribes/${id}`).set(bearer(owner)).expect(404);
      const list = await t.http.get(`${API}/transcribes?contact=${contact}`).set(bearer(owner)).expect(200);
      expect(list.body.data).toEqual([]);
      await t.http.get(`${API}/records/${recordId}`).set(bearer(owner)).expect(404);
      // the row stays, marked deleted
      expect(
        await count(`SELECT count(*) FROM transcribes WHERE id = $1 AND deleted_at IS NOT NULL`, [id]),
      ).toBe(1);
    });

    it('hides a transcribe whose record is deleted through DELETE /records/:id', async () => {
      const contact = await newContact();
      const created = await newTranscribe(owner, { contact, contents: [] }).expect(201);
      await t.http
        .delete(`${API}/records/${created.body.data.recordId}?permanent=true`)
        .set(bearer(owner))
        .expect(204);
      await t.http.get(`${API}/transcribes/${created.body.data.id}`).set(bearer(owner)).expect(404);
    });

    it('shows an agent only its own transcribes; a viewer may not create one', async () => {
      const agent = await addMember(t.http, owner, 'agent');
      const viewer = await addMember(t.http, owner, 'viewer');
      const contact = await newContact();
      const mine = await newTranscribe(agent, { contact, contents: [] }).expect(201);
      const theirs = await newTranscribe(owner, { contact, contents: [] }).expect(201);
      await t.http.get(`${API}/transcribes/${mine.body.data.id}`).set(bearer(agent)).expect(200);
      await t.http.get(`${API}/transcribes/${theirs.body.data.id}`).set(bearer(agent)).expect(404);
      const listed = await t.http.get(`${API}/transcribes?contact=${contact}`).set(bearer(agent)).expect(200);
      expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([mine.body.data.id]);
      await newTranscribe(viewer, { contact, contents: [] }).expect(403);
    });

    it('reaches a completed analysis with transcribe.created and record.completed events', async () => {
      const user = await signUp(t.http);
      const contact = await newContact(user);
      const created = await newTranscribe(user, { contact, contents: CONVERSATION }).expect(201);
      const { id, recordId } = created.body.data;
      const { record, seen } = await waitForRecord(t, user, recordId, 60_000);
      expect(record).toMatchObject({ processingStatus: 'completed', type: 'transcript' });
      expect(seen.map((state) => state.processingStage)).not.toContain('transcribing');

      const analysis = await t.app.get(AnalysesService).latestForRecord(user.orgId, recordId);
      expect(analysis).toMatchObject({ version: 1 });
      expect(analysis!.qualityScore).toEqual(expect.any(Number));

      const outbox = t.app.get(OutboxService);
      const events = await outbox.findByType(user.orgId, 'transcribe.created');
      expect(events).toHaveLength(1);
      expect(events[0].payload.data).toMatchObject({ id, recordId, contact, entryCount: 4 });
      expect(await outbox.findByType(user.orgId, 'record.created')).toHaveLength(1);
      expect(await outbox.findByType(user.orgId, 'record.completed')).toHaveLength(1);

      const found = await t.http.get(`${API}/search?q=refund`).set(bearer(user)).expect(200);
      expect(found.body.data.map((hit: { recordId: string }) => hit.recordId)).toContain(recordId);
    });

    it('is billed once at analysis and refused with 402 once the budget is spent', async () => {
      const user = await signUp(t.http);
      const contact = await newContact(user);
      await t.http
        .patch(`${API}/billing/budget/${user.orgId}`)
        .set(bearer(user))
        .send({ budgetLimit: 0.01 })
        .expect(200);
      const created = await newTranscribe(user, { contact, contents: CONVERSATION }).expect(201);
      await waitForRecord(t, user, created.body.data.recordId, 60_000);
      const summary = await t.http.get(`${API}/billing/summary/${user.orgId}`).set(bearer(user)).expect(200);
      expect(summary.body.data).toMatchObject({ totalRecords: 1, totalMinutes: 1 });

      const refused = await newTranscribe(user, { contact, contents: [] });
      expect({ status: refused.status, code: refused.body.error?.code }).toEqual({
        status: 402,
        code: 'BUDGET_EXCEEDED',
      });
      expect(await count(`SELECT count(*) FROM transcribes WHERE org_id = $1`, [user.orgId])).toBe(1);
    });
  });
});
