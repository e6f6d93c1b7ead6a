import { DatabaseService } from '@app/database';
import { RecordIntakeService, UploadDetailsDto } from '@app/records';
import { SearchService } from '@app/search';
import { addMember, bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { SEARCH_CALLS, type SearchCall } from './search-calls';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

/**
 * Search over typed calls (search-calls.ts) indexed the way the analysis stage does (SearchService.indexRecord in a
 * transaction), read back through GET /search.
 */
describe('search', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let support: string;
  let sales: string;
  const calls: Record<string, string> = {};

  const search = (who: TestUser | string, query: Record<string, string | number>) =>
    t.http.get(`${API}/search`).query(query).set(bearer(who));

  async function createProject(who: TestUser, name: string, language?: string): Promise<string> {
    const response = await t.http.post(`${API}/projects`).set(bearer(who)).send({ name, language });
    expect(response.status).toBe(201);
    return response.body.data.id as string;
  }

  const sentencesOf = (call: SearchCall) => call.lines.map(([startTime, , text]) => ({ startTime, text }));

  /** A record row (waiting for audio, so no pipeline job runs) whose transcript is a typed call. */
  async function indexCall(
    who: TestUser,
    projectId: string,
    truth: SearchCall,
    options: { ownerId?: string; date?: string; language?: string | null; summary?: string } = {},
  ): Promise<string> {
    const details = Object.assign(new UploadDetailsDto(), { title: truth.title, date: options.date });
    const record = await t.app.get(RecordIntakeService).reserve({
      orgId: who.orgId,
      projectId,
      ownerId: options.ownerId ?? who.userId,
      source: 'upload',
      details,
    });
    await t.app.get(DatabaseService).transaction((manager) =>
      t.app.get(SearchService).indexRecord(manager, {
        orgId: who.orgId,
        recordId: record.id,
        projectId,
        ownerId: record.ownerId,
        language: options.language ?? null,
        title: truth.title,
        sentences: sentencesOf(truth),
        summary: options.summary ?? null,
        recordDate: record.date ?? record.createdAt,
      }),
    );
    return record.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    agent = await addMember(t.http, owner, 'agent');
    viewer = await addMember(t.http, owner, 'viewer');
    outsider = await signUp(t.http);
    support = await createProject(owner, 'Support');
    sales = await createProject(owner, 'Sales');
    calls.billing = await indexCall(owner, support, SEARCH_CALLS.billing, {
      ownerId: agent.userId,
      date: '2026-03-05T10:15:00Z',
      summary: 'Customer was charged twice; agent confirmed and issued a refund.',
    });
    calls.angry = await indexCall(owner, support, SEARCH_CALLS.angry, { date: '2026-03-10T09:00:00Z' });
    calls.sales = await indexCall(owner, sales, SEARCH_CALLS.sales, { date: '2026-02-01T12:00:00Z' });
    calls.outage = await indexCall(owner, support, SEARCH_CALLS.outage, { date: '2026-03-12T08:00:00Z' });
    const elsewhere = await createProject(outsider, 'Theirs');
    calls.foreign = await indexCall(outsider, elsewhere, SEARCH_CALLS.billing);
  });
  afterAll(() => t.close());

  it('stems: "refunds" finds the sentence that says "refund", with its start time and a highlighted snippet', async () => {
    const response = await search(owner, { q: 'refunds', type: 'transcript' });
    expect(response.status).toBe(200);
    const said = sentencesOf(SEARCH_CALLS.billing).filter((s) => /refund/i.test(s.text));
    expect(response.body.meta).toMatchObject({ total: said.length, query: 'refunds' });
    for (const hit of response.body.data) {
      expect(hit.recordId).toBe(calls.billing);
      expect(hit.type).toBe('transcript');
      expect(hit.snippet).toMatch(/<b>refund<\/b>/i);
      expect(said.map((u) => u.startTime)).toContain(hit.startTime);
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
      expect(Number.isNaN(Date.parse(hit.createdAt))).toBe(false);
    }
  });

  it('matches a quoted phrase only in that order', async () => {
    const phrase = await search(owner, { q: '"charged twice"' });
    expect(phrase.body.data.map((hit: { recordId: string }) => hit.recordId)).toContain(calls.billing);
    const transcriptHit = phrase.body.data.find((hit: { type: string }) => hit.type === 'transcript');
    expect(transcriptHit.snippet).toContain('<b>charged</b> <b>twice</b>');

    const reversed = await search(owner, { q: '"twice charged"' });
    expect(reversed.body.meta.total).toBe(0);
  });

  it('ranks a sentence with more of the words above one with fewer', async () => {
    const response = await search(owner, { q: 'refund OR charged OR twice', type: 'transcript' });
    const scores = response.body.data.map((hit: { score: number }) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(response.body.data[0].snippet).toMatch(/charged.*twice.*refund/i);
  });

  it('OR finds either word; -word excludes', async () => {
    const either = await search(owner, { q: 'refund OR subscription', type: 'transcript' });
    const records = new Set(either.body.data.map((hit: { recordId: string }) => hit.recordId));
    expect(records).toEqual(new Set([calls.billing, calls.angry]));

    // "cancel my subscription", "the cancellation fee" (same stem), "I will cancel it"
    const cancel = await search(owner, { q: 'cancel', type: 'transcript' });
    expect(cancel.body.meta.total).toBe(3);
    const excluded = await search(owner, { q: 'cancel -subscription', type: 'transcript' });
    expect(excluded.body.meta.total).toBe(2);
    for (const hit of excluded.body.data) expect(hit.snippet).not.toMatch(/subscription/i);
  });

  it('filters by project, type and date range', async () => {
    const all = await search(owner, { q: '"this call may be recorded"', limit: 100 });
    const transcriptRecords = new Set(
      all.body.data
        .filter((hit: { type: string }) => hit.type === 'transcript')
        .map((hit: { recordId: string }) => hit.recordId),
    );
    expect(transcriptRecords).toEqual(new Set([calls.billing, calls.sales, calls.outage]));

    const inSales = await search(owner, { q: '"this call may be recorded"', projectId: sales });
    expect(inSales.body.data.map((hit: { recordId: string }) => hit.recordId)).toEqual([calls.sales]);

    const march = await search(owner, {
      q: '"this call may be recorded"',
      from: '2026-03-01',
      to: '2026-03-05',
    });
    expect(march.body.data.map((hit: { recordId: string }) => hit.recordId)).toEqual([calls.billing]);

    const summaries = await search(owner, { q: 'refund', type: 'summary' });
    expect(summaries.body.data).toEqual([
      expect.objectContaining({
        recordId: calls.billing,
        type: 'summary',
        snippet: expect.stringContaining('<b>refund</b>'),
      }),
    ]);
    expect(summaries.body.data[0].startTime).toBeUndefined();

    const titles = await search(owner, { q: 'refunded', type: 'title' });
    expect(titles.body.data.map((hit: { recordId: string }) => hit.recordId)).toEqual([calls.billing]);
  });

  it('pages with limit and page, keeping the total', async () => {
    const first = await search(owner, { q: 'thank OR thanks', limit: 2, page: 1 });
    const second = await search(owner, { q: 'thank OR thanks', limit: 2, page: 2 });
    expect(first.body.meta.total).toBeGreaterThan(4);
    expect(second.body.meta.total).toBe(first.body.meta.total);
    expect(first.body.data).toHaveLength(2);
    expect(second.body.data).toHaveLength(2);
    expect(second.body.data).not.toContainEqual(first.body.data[0]);
    const beyond = await search(owner, { q: 'thank OR thanks', limit: 100, page: 50 });
    expect(beyond.body).toMatchObject({ data: [], meta: { total: first.body.meta.total } });
  });

  it('pages through ties in the order of one long list: every hit once, none skipped', async () => {
    // Sentences of one call share the record date, and a common word scores many of them alike.
    const query = 'call OR help OR thank OR account OR today';
    const all = (await search(owner, { q: query, limit: 100 })).body;
    expect(all.meta.total).toBeGreaterThan(10);
    const scores = all.data.map((hit: { score: number }) => hit.score);
    expect(new Set(scores).size).toBeLessThan(scores.length);
    for (const limit of [1, 3, 7]) {
      const paged: unknown[] = [];
      for (let page = 1; paged.length < all.data.length; page += 1) {
        const response = await search(owner, { q: query, limit, page });
        expect(response.body.data.length).toBeGreaterThan(0);
        paged.push(...response.body.data);
      }
      expect(paged).toEqual(all.data);
    }
  });

  it('an agent finds only its own records; a viewer and a read-scoped service token find the organisation', async () => {
    const byAgent = await search(agent, { q: '"this call may be recorded"', limit: 100 });
    expect(new Set(byAgent.body.data.map((hit: { recordId: string }) => hit.recordId))).toEqual(
      new Set([calls.billing]),
    );
    const byAgentOther = await search(agent, { q: 'subscription' });
    expect(byAgentOther.body.meta.total).toBe(0);

    const byViewer = await search(viewer, { q: 'subscription' });
    expect(byViewer.body.data.map((hit: { recordId: string }) => hit.recordId)).toContain(calls.angry);

    const reader = await serviceToken(t.http, owner, ['recordings.read']);
    const byService = await search(reader, { q: 'subscription' });
    expect(byService.status).toBe(200);
    expect(byService.body.meta.total).toBe(byViewer.body.meta.total);

    const writer = await serviceToken(t.http, owner, ['alerts.write']);
    const refused = await search(writer, { q: 'subscription' });
    expect(refused.status).toBe(403);
    const anonymous = await t.http.get(`${API}/search`).query({ q: 'refund' });
    expect(anonymous.status).toBe(401);
  });

  it('never crosses organisations', async () => {
    const mine = await search(owner, { q: 'refund', limit: 100 });
    const theirs = await search(outsider, { q: 'refund', limit: 100 });
    const mineIds = new Set(mine.body.data.map((hit: { recordId: string }) => hit.recordId));
    const theirIds = new Set(theirs.body.data.map((hit: { recordId: string }) => hit.recordId));
    expect(mineIds.has(calls.foreign)).toBe(false);
    expect(theirIds).toEqual(new Set([calls.foreign]));
    const foreignProject = await search(outsider, { q: 'refund', projectId: support });
    expect(foreignProject.status).toBe(404);
    expect(foreignProject.body.error.code).toBe('NOT_FOUND');
  });

  it('re-indexing a record (a retry or a reprocess) replaces its rows instead of adding to them', async () => {
    const before = await search(owner, { q: 'outrageous OR ridiculous' });
    const truth = SEARCH_CALLS.angry;
    const index = () =>
      t.app.get(DatabaseService).transaction((manager) =>
        t.app.get(SearchService).indexRecord(manager, {
          orgId: owner.orgId,
          recordId: calls.angry,
          projectId: support,
          ownerId: owner.userId,
          language: null,
          title: truth.title,
          sentences: sentencesOf(truth),
          summary: null,
          recordDate: new Date('2026-03-10T09:00:00Z'),
        }),
      );
    await index();
    await index();
    const after = await search(owner, { q: 'outrageous OR ridiculous' });
    expect(after.body.meta.total).toBe(before.body.meta.total);
    expect(after.body.meta.total).toBe(2);
  });

  it('indexes notes, with HTML in them escaped, and forgets removed ones', async () => {
    const service = t.app.get(SearchService);
    await service.indexNote(undefined, {
      orgId: owner.orgId,
      recordId: calls.outage,
      noteId: 'nte_01JD0000000000000000000001',
      text: 'Follow up <script>alert(1)</script> about the modem replacement',
    });
    const found = await search(owner, { q: 'replacement', type: 'note' });
    expect(found.body.data).toEqual([
      expect.objectContaining({
        recordId: calls.outage,
        type: 'note',
        noteId: 'nte_01JD0000000000000000000001',
      }),
    ]);
    expect(found.body.data[0].snippet).toContain('&lt;script&gt;');
    expect(found.body.data[0].snippet).not.toContain('<script>');
    expect(found.body.data[0].snippet).toContain('<b>replacement</b>');

    await service.removeNote(undefined, {
      orgId: owner.orgId,
      recordId: calls.outage,
      noteId: 'nte_01JD0000000000000000000001',
    });
    expect((await search(owner, { q: 'replacement' })).body.meta.total).toBe(0);
  });

  it("stems in the project's language", async () => {
    const berlin = await createProject(owner, 'Berlin', 'de');
    const record = await t.app.get(RecordIntakeService).reserve({
      orgId: owner.orgId,
      projectId: berlin,
      ownerId: owner.userId,
      source: 'upload',
      details: new UploadDetailsDto(),
    });
    await t.app.get(DatabaseService).transaction((manager) =>
      t.app.get(SearchService).indexRecord(manager, {
        orgId: owner.orgId,
        recordId: record.id,
        projectId: berlin,
        ownerId: owner.userId,
        language: 'de',
        title: null,
        sentences: [{ startTime: 1.5, text: 'Ich habe zwei Rechnungen für denselben Monat bekommen.' }],
        summary: null,
        recordDate: record.createdAt,
      }),
    );
    const response = await search(owner, { q: 'Rechnung' });
    expect(response.body.data).toEqual([
      expect.objectContaining({
        recordId: record.id,
        startTime: 1.5,
        snippet: expect.stringContaining('<b>Rechnungen</b>'),
      }),
    ]);
  });

  it('keeps notes in step through the notes API: create, edit and delete', async () => {
    const created = await t.http
      .post(`${API}/records/${calls.sales}/notes`)
      .set(bearer(owner))
      .send({ noteText: 'Customer asked for a proposal with room booking' });
    expect(created.status).toBe(201);
    const noteId = created.body.data.noteId as string;
    const found = await search(owner, { q: 'proposal', type: 'note' });
    expect(found.body.data).toEqual([
      expect.objectContaining({ recordId: calls.sales, type: 'note', noteId }),
    ]);

    await t.http
      .patch(`${API}/records/${calls.sales}/notes/${noteId}`)
      .set(bearer(owner))
      .send({ noteText: 'Customer wants a quotation instead' })
      .expect(200);
    expect((await search(owner, { q: 'proposal', type: 'note' })).body.meta.total).toBe(0);
    expect((await search(owner, { q: 'quotation', type: 'note' })).body.data).toEqual([
      expect.objectContaining({ recordId: calls.sales, noteId }),
    ]);

    await t.http.delete(`${API}/records/${calls.sales}/notes/${noteId}`).set(bearer(owner)).expect(204);
    expect((await search(owner, { q: 'quotation' })).body.meta.total).toBe(0);
  });

  it('follows a record to its new owner', async () => {
    const record = await indexCall(owner, support, SEARCH_CALLS.claim, { ownerId: owner.userId });
    const word = 'claim';
    const hitsOf = async (who: TestUser) =>
      new Set(
        (await search(who, { q: word, limit: 100 })).body.data.map(
          (hit: { recordId: string }) => hit.recordId,
        ),
      );
    expect((await hitsOf(agent)).has(record)).toBe(false);
    await t.http
      .patch(`${API}/records/${record}`)
      .set(bearer(owner))
      .send({ ownerId: agent.userId })
      .expect(200);
    expect((await hitsOf(agent)).has(record)).toBe(true);
    await t.http
      .patch(`${API}/records/${record}`)
      .set(bearer(owner))
      .send({ ownerId: owner.userId })
      .expect(200);
    expect((await hitsOf(agent)).has(record)).toBe(false);
  });

  it('a deleted record vanishes from search, comes back on restore, and a purge removes its entries', async () => {
    const doomed = await indexCall(owner, sales, SEARCH_CALLS.wrongNumber);
    const word = 'afternoon';
    const before = await search(owner, { q: word, limit: 100 });
    expect(before.body.data.map((hit: { recordId: string }) => hit.recordId)).toContain(doomed);

    const hits = async () =>
      (await search(owner, { q: word, limit: 100 })).body.data.map(
        (hit: { recordId: string }) => hit.recordId,
      );
    const deleted = await t.http.delete(`${API}/records/${doomed}`).set(bearer(owner));
    expect(deleted.status).toBe(204);
    expect(await hits()).not.toContain(doomed);
    await t.http.post(`${API}/records/${doomed}/restore`).set(bearer(owner)).expect(200);
    expect(await hits()).toContain(doomed);

    await t.http.delete(`${API}/records/${doomed}?permanent=true`).set(bearer(owner)).expect(204);
    expect(await hits()).not.toContain(doomed);
    const [{ count }] = await t.app
      .get(DatabaseService)
      .transaction((manager) =>
        manager.query(`SELECT count(*)::int AS count FROM search_entries WHERE record_id = $1`, [doomed]),
      );
    expect(count).toBe(0);
  });

  it('answers bad input with a 400 in the error envelope', async () => {
    const cases: Array<Record<string, string | number>> = [
      {},
      { q: '   ' },
      { q: 'refund', limit: 0 },
      { q: 'refund', limit: 101 },
      { q: 'refund', page: 0 },
      { q: 'refund', type: 'audio' },
      { q: 'refund', from: 'yesterday' },
      { q: 'refund', from: '2026-03-10', to: '2026-03-01' },
      { q: 'refund', projectId: 'rec_01JD0000000000000000000000' },
      { q: 'refund', limit: 100, page: 101 },
      { q: 'x'.repeat(501) },
      { q: 'refund', sort: 'score' },
    ];
    for (const query of cases) {
      const response = await search(owner, query);
      expect({ query, status: response.status, code: response.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it('treats query syntax as text, never as an error', async () => {
    for (const q of ['refund &', "o'brien", '"unclosed phrase', '-', 'OR', '!!(', 'the']) {
      const response = await search(owner, { q });
      expect({ q, status: response.status }).toEqual({ q, status: 200 });
    }
  });
});
