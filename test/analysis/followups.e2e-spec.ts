import { DataSource } from 'typeorm';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { analysedCall, type Line } from '../analysis-api/analysis-helpers';

const API = '/api/v1';

const CALL_WITH_PROMISES: Line[] = [
  { timestamp: 0, author: 'Agent', text: 'Good morning, thank you for calling. This call may be recorded.' },
  { timestamp: 5, author: 'Client', text: 'My replacement router never arrived.' },
  { timestamp: 9, author: 'Agent', text: 'I am sorry. I will email you the tracking number today.' },
  { timestamp: 15, author: 'Client', text: 'Could you also call me back tomorrow morning to confirm?' },
  { timestamp: 20, author: 'Agent', text: "Of course, I'll call you back tomorrow morning." },
  { timestamp: 25, author: 'Agent', text: 'Is there anything else? Have a good day.' },
];

type Followup = {
  id: string;
  recordId: string;
  type: string;
  source: string;
  status: string;
  dueAt: string | null;
  starred: boolean;
  ownerId: string | null;
  evidence: { startTime: number; endTime: number; speakerId: string; quote: string } | null;
  history: Array<{ status: string; note: string | null; updatedByUserId: string | null }>;
};

describe('follow-ups (api.md "Coaching")', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestUser;
  let recordId: string;
  let found: Followup[];

  const events = async (id: string) =>
    (
      await t.app
        .get(DataSource)
        .query(`SELECT type FROM outbox_events WHERE payload->'data'->>'id' = $1 ORDER BY created_at`, [id])
    ).map((row: { type: string }) => row.type);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    agent = await addMember(t.http, owner, 'agent');
    recordId = (await analysedCall(t.http, owner, CALL_WITH_PROMISES)).recordId;
    const list = await t.http.get(`${API}/records/${recordId}/followups`).set(bearer(owner)).expect(200);
    found = list.body.data;
  });
  afterAll(() => t.close());

  it("finds the agent's commitments in the call, with evidence, a due date from the words and an event", async () => {
    expect(found.map((f) => [f.type, f.source, f.status]).sort()).toEqual([
      ['CALLBACK', 'ai', 'TO_DO'],
      ['SEND_INFO', 'ai', 'TO_DO'],
    ]);
    const callback = found.find((f) => f.type === 'CALLBACK')!;
    expect(callback.evidence).toMatchObject({
      startTime: 20,
      quote: "Of course, I'll call you back tomorrow morning.",
    });
    const record = await t.http.get(`${API}/records/${recordId}`).set(bearer(owner)).expect(200);
    const callDate = new Date(record.body.data.date ?? record.body.data.createdAt);
    const due = new Date(callback.dueAt!);
    // "tomorrow morning": the next day after the call.
    expect(due.getUTCDate()).toBe(new Date(callDate.getTime() + 86_400_000).getUTCDate());
    expect(record.body.data.features.followups.status).toBe('ok');
    expect(await events(callback.id)).toEqual(['followup.created']);
  });

  it('stores each found follow-up once however often the call is analysed again', async () => {
    const analysis = await t.http.get(`${API}/analyses?recordId=${recordId}`).set(bearer(owner)).expect(200);
    await t.http
      .post(`${API}/analyses/${analysis.body.data[0].id}/re-analyze`)
      .set(bearer(owner))
      .send({})
      .expect(202);
    for (let i = 0; i < 200; i++) {
      const versions = await t.http
        .get(`${API}/analyses?recordId=${recordId}`)
        .set(bearer(owner))
        .expect(200);
      if (versions.body.meta.total === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const again = await t.http.get(`${API}/records/${recordId}/followups`).set(bearer(owner)).expect(200);
    expect(again.body.meta.total).toBe(2);
  });

  it('works a follow-up through TO_DO → IN_PROGRESS → COMPLETE, keeping who changed what', async () => {
    const id = found[0].id;
    await t.http
      .patch(`${API}/followups/${id}`)
      .set(bearer(owner))
      .send({ status: 'IN_PROGRESS', note: 'Looking into it' })
      .expect(200);
    const done = await t.http
      .patch(`${API}/followups/${id}`)
      .set(bearer(owner))
      .send({ status: 'COMPLETE', starred: true })
      .expect(200);
    const followup = done.body.data as Followup;
    expect(followup).toMatchObject({ status: 'COMPLETE', starred: true });
    expect(followup.history.map((h) => [h.status, h.note, h.updatedByUserId])).toEqual([
      ['TO_DO', null, null],
      ['IN_PROGRESS', 'Looking into it', owner.userId],
      ['COMPLETE', null, owner.userId],
    ]);
    // Setting the status it has is no change: no history entry, no event.
    await t.http.patch(`${API}/followups/${id}`).set(bearer(owner)).send({ status: 'COMPLETE' }).expect(200);
    expect(await events(id)).toEqual(['followup.created', 'followup.updated', 'followup.updated']);
  });

  it('adds a follow-up by hand and lists follow-ups across calls with filters and paging', async () => {
    const added = await t.http
      .post(`${API}/records/${recordId}/followups`)
      .set(bearer(owner))
      .send({
        text: 'Check the courier claim',
        type: 'OTHER',
        ownerId: agent.userId,
        dueAt: '2030-01-02T09:00:00Z',
      })
      .expect(201);
    expect(added.body.data).toMatchObject({
      source: 'human',
      ownerId: agent.userId,
      dueAt: '2030-01-02T09:00:00.000Z',
    });
    const mine = await t.http.get(`${API}/followups?ownerId=${agent.userId}`).set(bearer(owner)).expect(200);
    expect(mine.body.data.map((f: Followup) => f.id)).toEqual([added.body.data.id]);
    const done = await t.http
      .get(`${API}/followups?status=COMPLETE&starred=true`)
      .set(bearer(owner))
      .expect(200);
    expect(done.body.meta.total).toBe(1);
    const page = await t.http.get(`${API}/followups?pageSize=2&page=2`).set(bearer(owner)).expect(200);
    expect(page.body.meta).toEqual({ page: 2, pageSize: 2, total: 3, nextCursor: null });
  });

  it("keeps an agent to its own calls' follow-ups: another's is a 404", async () => {
    const list = await t.http.get(`${API}/followups`).set(bearer(agent)).expect(200);
    expect(list.body.meta.total).toBe(0);
    await t.http.get(`${API}/followups/${found[0].id}`).set(bearer(agent)).expect(404);
    await t.http
      .patch(`${API}/followups/${found[0].id}`)
      .set(bearer(agent))
      .send({ status: 'TO_DO' })
      .expect(404);
  });

  it("answers another organisation's follow-up and record ids with a 404", async () => {
    const stranger = await signUp(t.http);
    await t.http.get(`${API}/followups/${found[0].id}`).set(bearer(stranger)).expect(404);
    await t.http
      .patch(`${API}/followups/${found[0].id}`)
      .set(bearer(stranger))
      .send({ starred: true })
      .expect(404);
    await t.http.get(`${API}/records/${recordId}/followups`).set(bearer(stranger)).expect(404);
    await t.http
      .post(`${API}/records/${recordId}/followups`)
      .set(bearer(stranger))
      .send({ text: 'x' })
      .expect(404);
    expect((await t.http.get(`${API}/followups`).set(bearer(stranger))).body.meta.total).toBe(0);
  });

  it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
    const before = (await t.http.get(`${API}/followups`).set(bearer(owner))).body.meta.total;
    const bad = [
      { text: '' },
      { text: 'x', type: 'LUNCH' },
      { text: 'x', dueAt: 'next tuesday-ish' },
      { text: 'x', ownerId: 'usr_01HZZZZZZZZZZZZZZZZZZZZZZZ' },
    ];
    for (const body of bad) {
      const response = await t.http
        .post(`${API}/records/${recordId}/followups`)
        .set(bearer(owner))
        .send(body)
        .expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
    await t.http
      .patch(`${API}/followups/${found[1].id}`)
      .set(bearer(owner))
      .send({ status: 'DONE' })
      .expect(400);
    await t.http.get(`${API}/followups?starred=maybe`).set(bearer(owner)).expect(400);
    expect((await t.http.get(`${API}/followups`).set(bearer(owner))).body.meta.total).toBe(before);
  });

  it('hides the follow-ups of a deleted call, and a purge removes them', async () => {
    await t.http.delete(`${API}/records/${recordId}`).set(bearer(owner)).expect(204);
    expect((await t.http.get(`${API}/followups`).set(bearer(owner)).expect(200)).body.meta.total).toBe(0);
    await t.http.get(`${API}/followups/${found[0].id}`).set(bearer(owner)).expect(404);
    await t.http.delete(`${API}/records/${recordId}?permanent=true`).set(bearer(owner)).expect(204);
    const left = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM followups WHERE record_id = $1`, [recordId]);
    expect(left[0].n).toBe(0);
  });
});
