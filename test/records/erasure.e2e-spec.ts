import { DataSource } from 'typeorm';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitUntilProcessed } from '../analysis-api/analysis-helpers';
import { waitForRecord } from '../pipeline/pipeline-helpers';
import { API, createProject, upload } from './records-helpers';

describe('erasure of a person (api.md "Deletion, retention and erasure")', () => {
  let t: TestApp;
  let owner: TestUser;
  const ids: Record<string, string> = {};

  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  const call = async (projectId: string, metadata: object) => {
    const created = await upload(t, owner, projectId, corpus.file('wrong-number'), { metadata }).expect(201);
    await waitForRecord(t, owner, created.body.data.id, 120_000);
    return created.body.data.id as string;
  };
  const contact = async (body: object) =>
    (await t.http.post(`${API}/contacts`).set(bearer(owner)).send(body).expect(201)).body.data.id as string;
  const erase = (body: object, user = owner) =>
    t.http.post(`${API}/privacy/erasure-requests`).set(bearer(user)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    const projectId = await createProject(t, owner);
    ids.caller = await call(projectId, { direction: 'IN', from: { phoneNumber: '+1 555 010 4567' } });
    ids.callee = await call(projectId, { direction: 'OUT', to: { phoneNumber: '15550104567' } });
    ids.someoneElse = await call(projectId, {
      customerPhone: '+15550109999',
      from: { phoneNumber: '+15550109999' },
    });
    ids.held = await call(projectId, { from: { phoneNumber: '+15550104567' } });
    await t.http.patch(`${API}/records/${ids.held}`).set(bearer(owner)).send({ legalHold: true }).expect(200);
    ids.customer = (
      await t.http
        .post(`${API}/crm/customers`)
        .set(bearer(owner))
        .send({
          name: 'The caller',
          customerType: 'CONTACT',
          externalId: 'c-1',
          phoneNumbers: ['15550104567'],
        })
        .expect(201)
    ).body.data.id;
    ids.contact = await contact({ displayName: 'The caller', phoneNumber: '+1 555-010-4567' });
    ids.otherContact = await contact({
      displayName: 'Someone else',
      email: 'else@example.com',
      phoneNumber: '+15550109999',
    });
    const transcribe = await t.http
      .post(`${API}/transcribes`)
      .set(bearer(owner))
      .send({
        contact: ids.contact,
        contents: [{ timestamp: 0, author: 'Client', text: 'Hi, it is me again.' }],
      })
      .expect(201);
    ids.transcribe = transcribe.body.data.id;
    ids.conversation = transcribe.body.data.recordId;
    await waitUntilProcessed(t.http, owner, ids.conversation);
  }, 300_000);
  afterAll(() => t.close());

  it('removes the calls where the number is caller or callee, its contacts and their conversations, and nothing else', async () => {
    const requested = await erase({ phoneNumber: '+1 555 010 4567' }).expect(202);
    expect(requested.body.data).toMatchObject({
      id: expect.stringMatching(/^era_/),
      status: 'pending',
      criteria: { phoneNumber: '+15550104567' },
    });
    let request = requested.body.data;
    for (let i = 0; i < 400 && request.status !== 'completed' && request.status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      request = (
        await t.http.get(`${API}/privacy/erasure-requests/${request.id}`).set(bearer(owner)).expect(200)
      ).body.data;
    }
    expect(request).toMatchObject({
      status: 'completed',
      matched: { records: 3, transcribes: 1, contacts: 1, crmCustomers: 1, heldRecords: [ids.held] },
    });
    expect(Date.parse(request.completedAt)).toBeGreaterThan(0);

    for (const gone of [ids.caller, ids.callee, ids.conversation])
      await t.http.get(`${API}/records/${gone}?includeDeleted=true`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/transcribes/${ids.transcribe}`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/contacts/${ids.contact}`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/crm/customers/${ids.customer}`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/records/${ids.someoneElse}`).set(bearer(owner)).expect(200);
    await t.http.get(`${API}/records/${ids.held}`).set(bearer(owner)).expect(200);
    await t.http.get(`${API}/contacts/${ids.otherContact}`).set(bearer(owner)).expect(200);

    const erased = await t.http
      .get(`${API}/audit-log?action=record.erased&pageSize=100`)
      .set(bearer(owner))
      .expect(200);
    expect(erased.body.data.map((e: { target: { id: string } }) => e.target.id).sort()).toEqual(
      [ids.caller, ids.callee, ids.conversation].sort(),
    );
    expect(erased.body.data[0].actor).toEqual({ type: 'system', id: null });
    const requestedEntry = await t.http
      .get(`${API}/audit-log?action=erasure.requested`)
      .set(bearer(owner))
      .expect(200);
    expect(requestedEntry.body.data[0]).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      target: { id: request.id },
    });
    const events = await t.app
      .get(DataSource)
      .query(`SELECT payload FROM outbox_events WHERE type = 'record.erased' ORDER BY created_at`);
    expect(events.map((e: { payload: { data: { id: string } } }) => e.payload.data.id).sort()).toEqual(
      [ids.caller, ids.callee, ids.conversation].sort(),
    );
  });

  it('erases by e-mail, compared without case', async () => {
    const byEmail = await erase({ email: 'ELSE@example.com' }).expect(202);
    for (let i = 0; i < 200; i++) {
      const now = await t.http
        .get(`${API}/privacy/erasure-requests/${byEmail.body.data.id}`)
        .set(bearer(owner));
      if (now.body.data.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await t.http.get(`${API}/contacts/${ids.otherContact}`).set(bearer(owner)).expect(404);
  });

  it('refuses a request that names nobody or an unreadable number, and is for admins only', async () => {
    const empty = await erase({}).expect(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    const bad = await erase({ phoneNumber: 'call me maybe' }).expect(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('phoneNumber');
    await erase({ email: 'not-an-address' }).expect(400);
    await erase({ contactId: 'con_nope' }).expect(400);
    const supervisor = await addMember(t.http, owner, 'supervisor');
    await erase({ email: 'x@example.com' }, supervisor).expect(403);
    const stranger = await signUp(t.http);
    const theirs = await erase({ email: 'x@example.com' }, stranger).expect(202);
    await t.http.get(`${API}/privacy/erasure-requests/${theirs.body.data.id}`).set(bearer(owner)).expect(404);
  });
});
