import { DataSource } from 'typeorm';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { analysedCall, COMPLIANT_CALL } from '../analysis-api/analysis-helpers';
import { waitForRecord } from '../pipeline/pipeline-helpers';
import { API, createProject, storedFiles, upload } from './records-helpers';

type AuditEntry = {
  action: string;
  actor: { type: string; id: string };
  target: { type: string; id: string };
};

describe('deletion, legal hold and the audit log (api.md "Deletion, retention and erasure")', () => {
  let t: TestApp;
  let owner: TestUser;
  let supervisor: TestUser;
  let projectId: string;
  let typed: string;
  let call: string;

  const audit = async (query: string) =>
    (await t.http.get(`${API}/audit-log?${query}`).set(bearer(owner)).expect(200)).body.data as AuditEntry[];
  const listed = async (path: string) =>
    (await t.http.get(`${API}/${path}`).set(bearer(owner)).expect(200)).body.data as Array<{
      id: string;
      recordId?: string;
    }>;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    supervisor = await addMember(t.http, owner, 'supervisor');
    projectId = await createProject(t, owner);
    typed = (await analysedCall(t.http, owner, COMPLIANT_CALL, projectId)).recordId;
    const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
    const uploaded = await upload(t, owner, projectId, corpus.file('wrong-number')).expect(201);
    call = uploaded.body.data.id;
    await waitForRecord(t, owner, call, 120_000);
  }, 180_000);
  afterAll(() => t.close());

  it('a delete hides the record from lists, search, stats and analyses at once; an admin restores it', async () => {
    const statsBefore = (
      await t.http.get(`${API}/projects/${projectId}/stats`).set(bearer(owner)).expect(200)
    ).body.data;
    await t.http.delete(`${API}/records/${typed}`).set(bearer(supervisor)).expect(204);

    expect((await listed('records')).map((r) => r.id)).not.toContain(typed);
    expect((await listed('analyses')).map((a) => a.recordId)).not.toContain(typed);
    const hits = await t.http.get(`${API}/search?q=refund`).set(bearer(owner)).expect(200);
    expect(hits.body.data.map((hit: { recordId: string }) => hit.recordId)).not.toContain(typed);
    const stats = (await t.http.get(`${API}/projects/${projectId}/stats`).set(bearer(owner)).expect(200)).body
      .data;
    expect(stats.totalRecords).toBe(statsBefore.totalRecords - 1);
    await t.http.get(`${API}/records/${typed}`).set(bearer(owner)).expect(404);
    await t.http.delete(`${API}/records/${typed}`).set(bearer(owner)).expect(404);

    // Admins may look at it, and see who deleted it and when.
    await t.http.get(`${API}/records/${typed}?includeDeleted=true`).set(bearer(supervisor)).expect(403);
    const seen = await t.http
      .get(`${API}/records/${typed}?includeDeleted=true`)
      .set(bearer(owner))
      .expect(200);
    expect(seen.body.data).toMatchObject({ deleted: true, deletedBy: supervisor.userId });
    expect(Date.parse(seen.body.data.deletedAt)).toBeGreaterThan(0);

    await t.http.post(`${API}/records/${typed}/restore`).set(bearer(supervisor)).expect(403);
    const restored = await t.http.post(`${API}/records/${typed}/restore`).set(bearer(owner)).expect(200);
    expect(restored.body.data).toMatchObject({ id: typed, deleted: false, deletedAt: null });
    expect((await listed('records')).map((r) => r.id)).toContain(typed);
    await t.http.post(`${API}/records/${typed}/restore`).set(bearer(owner)).expect(409);

    const entries = await audit(`targetId=${typed}`);
    expect(entries.map((e) => [e.action, e.actor.id])).toEqual([
      ['record.restored', owner.userId],
      ['record.deleted', supervisor.userId],
    ]);
  });

  it('a typed conversation follows the same rules: hidden with its record, back on restore, gone for good on purge', async () => {
    const contact = await t.http
      .post(`${API}/contacts`)
      .set(bearer(owner))
      .send({ displayName: 'Dana' })
      .expect(201);
    const created = await t.http
      .post(`${API}/transcribes`)
      .set(bearer(owner))
      .send({
        contact: contact.body.data.id,
        contents: [{ timestamp: 0, author: 'Client', text: 'Hello there.' }],
      })
      .expect(201);
    const { id, recordId } = created.body.data;
    await t.http.delete(`${API}/transcribes/${id}`).set(bearer(owner)).expect(204);
    await t.http.get(`${API}/transcribes/${id}`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/records/${recordId}`).set(bearer(owner)).expect(404);
    await t.http.post(`${API}/records/${recordId}/restore`).set(bearer(owner)).expect(200);
    await t.http.get(`${API}/transcribes/${id}`).set(bearer(owner)).expect(200);

    await t.http.delete(`${API}/transcribes/${id}?permanent=true`).set(bearer(supervisor)).expect(403);
    await t.http.delete(`${API}/transcribes/${id}?permanent=true`).set(bearer(owner)).expect(204);
    const db = t.app.get(DataSource);
    expect((await db.query(`SELECT count(*)::int AS n FROM transcribes WHERE id = $1`, [id]))[0].n).toBe(0);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM transcribe_entries WHERE transcribe_id = $1`, [id]))[0]
        .n,
    ).toBe(0);
  });

  it('a contact is hidden by a delete and removed by an admin with permanent=true, both audited', async () => {
    const hidden = (
      await t.http.post(`${API}/contacts`).set(bearer(owner)).send({ displayName: 'Hidden' }).expect(201)
    ).body.data.id;
    await t.http.delete(`${API}/contacts/${hidden}`).set(bearer(supervisor)).expect(204);
    await t.http.get(`${API}/contacts/${hidden}`).set(bearer(owner)).expect(404);
    const listed = await t.http.get(`${API}/contacts?pageSize=100`).set(bearer(owner)).expect(200);
    expect(listed.body.data.map((c: { id: string }) => c.id)).not.toContain(hidden);
    const gone = (
      await t.http.post(`${API}/contacts`).set(bearer(owner)).send({ displayName: 'Gone' }).expect(201)
    ).body.data.id;
    await t.http.delete(`${API}/contacts/${gone}?permanent=true`).set(bearer(supervisor)).expect(403);
    await t.http.delete(`${API}/contacts/${gone}?permanent=true`).set(bearer(owner)).expect(204);
    const db = t.app.get(DataSource);
    expect((await db.query(`SELECT count(*)::int AS n FROM contacts WHERE id = $1`, [gone]))[0].n).toBe(0);
    const entries = await audit('action=contact.deleted');
    expect(entries.map((e) => [e.target.id, e.actor.id])).toEqual([
      [gone, owner.userId],
      [hidden, supervisor.userId],
    ]);
  });

  it('a legal hold blocks delete and purge (409) until an admin lifts it', async () => {
    await t.http
      .patch(`${API}/records/${typed}`)
      .set(bearer(supervisor))
      .send({ legalHold: true })
      .expect(403);
    const held = await t.http
      .patch(`${API}/records/${typed}`)
      .set(bearer(owner))
      .send({ legalHold: true })
      .expect(200);
    expect(held.body.data.legalHold).toBe(true);
    await t.http.delete(`${API}/records/${typed}`).set(bearer(owner)).expect(409);
    await t.http.delete(`${API}/records/${typed}?permanent=true`).set(bearer(owner)).expect(409);
    await t.http.get(`${API}/records/${typed}`).set(bearer(owner)).expect(200);
    await t.http.patch(`${API}/records/${typed}`).set(bearer(owner)).send({ legalHold: false }).expect(200);
    expect((await audit(`targetId=${typed}`)).slice(0, 2).map((e) => e.action)).toEqual([
      'record.hold_released',
      'record.hold_set',
    ]);
  });

  it('logs who listened to a call', async () => {
    await t.http.get(`${API}/records/${call}/audio`).set(bearer(supervisor)).expect(200);
    // A player's seek within the same listening is not a new entry.
    await t.http
      .get(`${API}/records/${call}/audio`)
      .set(bearer(supervisor))
      .set('Range', 'bytes=1000-1999')
      .expect(206);
    const entries = await audit(`action=record.audio_downloaded&targetId=${call}`);
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { type: 'user', id: supervisor.userId },
        target: { type: 'record', id: call },
      }),
    ]);
  });

  it('a purge removes the audio, transcript, analyses, search entries and files, and redacts its queued events', async () => {
    await t.http.delete(`${API}/records/${call}?permanent=true`).set(bearer(supervisor)).expect(403);
    expect(storedFiles(t.storageDir).some((path) => path.includes(call))).toBe(true);
    await t.http.delete(`${API}/records/${call}?permanent=true`).set(bearer(owner)).expect(204);

    await t.http.get(`${API}/records/${call}?includeDeleted=true`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/records/${call}/audio`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/records/${call}/audio?redacted=true`).set(bearer(owner)).expect(404);
    await t.http.get(`${API}/records/${call}/transcript`).set(bearer(owner)).expect(404);
    expect(storedFiles(t.storageDir).some((path) => path.includes(call))).toBe(false);
    const db = t.app.get(DataSource);
    for (const table of ['transcripts', 'analyses', 'search_entries'])
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE record_id = $1`, [call]))[0].n,
      ).toBe(0);
    // Events about it keep its id only: nothing of the call goes out with a delivery still due.
    const events = await db.query(`SELECT payload FROM outbox_events WHERE payload->'data'->>'id' = $1`, [
      call,
    ]);
    expect(events.length).toBeGreaterThan(0);
    for (const { payload } of events) expect(payload.data).toEqual({ id: call, purged: true });
    // The bill stays.
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM usage_ledger WHERE record_id = $1`, [call]))[0].n,
    ).toBe(1);
    expect((await audit(`targetId=${call}&action=record.purged`))[0].actor.id).toBe(owner.userId);
  });

  it('logs who may reach the data: invites, role changes, removals, service clients, webhook secret rotations', async () => {
    const invite = await t.http
      .post(`${API}/users/invite`)
      .set(bearer(owner))
      .send({ email: 'new.agent@example.com', role: 'agent' })
      .expect(201);
    await t.http
      .patch(`${API}/users/${supervisor.userId}`)
      .set(bearer(owner))
      .send({ role: 'admin' })
      .expect(200);
    const client = await t.http
      .post(`${API}/clients`)
      .set(bearer(owner))
      .send({ name: 'CRM sync', scopes: ['recordings.read'] })
      .expect(201);
    const agent = await addMember(t.http, owner, 'agent');
    await t.http.delete(`${API}/users/${agent.userId}`).set(bearer(owner)).expect(204);
    const entries = await audit('pageSize=100');
    const has = (action: string, targetId: string) =>
      entries.some((e) => e.action === action && e.target.id === targetId && e.actor.id === owner.userId);
    expect(has('user.invited', invite.body.data.id)).toBe(true);
    expect(has('user.role_changed', supervisor.userId)).toBe(true);
    expect(has('client.created', client.body.data.id)).toBe(true);
    expect(has('user.removed', agent.userId)).toBe(true);
    await t.http
      .patch(`${API}/users/${supervisor.userId}`)
      .set(bearer(owner))
      .send({ role: 'supervisor' })
      .expect(200);
  });

  it('keeps the audit log append-only, even for the database role the application uses', async () => {
    const db = t.app.get(DataSource);
    await expect(db.query(`UPDATE audit_log SET action = 'record.restored'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('shows the log to admins only, filtered and paginated, and to no other organisation', async () => {
    await t.http.get(`${API}/audit-log`).set(bearer(supervisor)).expect(403);
    const page = await t.http.get(`${API}/audit-log?pageSize=2`).set(bearer(owner)).expect(200);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.meta.total).toBeGreaterThanOrEqual(6);
    const byActor = await audit(`actorId=${supervisor.userId}`);
    expect(byActor.every((e) => e.actor.id === supervisor.userId)).toBe(true);
    await t.http.get(`${API}/audit-log?action=record.eaten`).set(bearer(owner)).expect(400);
    await t.http.get(`${API}/audit-log?from=yesterday`).set(bearer(owner)).expect(400);
    const stranger = await signUp(t.http);
    expect((await t.http.get(`${API}/audit-log`).set(bearer(stranger)).expect(200)).body.meta.total).toBe(0);
  });
});
