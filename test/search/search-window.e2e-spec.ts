import { DataSource } from 'typeorm';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject } from '../records/records-helpers';

/** Search ranks a bounded window of the newest hits; beyond it the total is a lower bound (SEARCH_RANK_WINDOW). */
describe('search ranking window', () => {
  const WINDOW = 100;
  let t: TestApp;
  let owner: TestUser;
  /** Record ids of the calls that say "refund", newest first. */
  let refundCalls: string[];

  /** One indexed sentence per call, the calls a day apart (rows as the analysis stage writes them). */
  const indexCalls = async (count: number, text: string, prefix: string, projectId: string) => {
    const rows: Array<{ record_id: string }> = await t.app.get(DataSource).query(
      `INSERT INTO search_entries (org_id, record_id, project_id, owner_id, record_date, language, kind, ref,
                                   start_time, text, created_at)
       SELECT $1, 'rec_${prefix}' || lpad(n::text, 5, '0'), $2, NULL,
              timestamptz '2026-01-01' + n * interval '1 day', 'english', 'transcript', '0', 1.5, $3, now()
         FROM generate_series(1, $4) AS n
       RETURNING record_id`,
      [owner.orgId, projectId, text, count],
    );
    return rows.map((row) => row.record_id).reverse();
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SEARCH_RANK_WINDOW: String(WINDOW) } });
    owner = await signUp(t.http);
    const projectId = await createProject(t, owner);
    refundCalls = await indexCalls(150, 'I would like a refund for the double charge', 'r', projectId);
    await indexCalls(20, 'The warranty covers the screen', 'w', projectId);
  });
  afterAll(() => t.close());

  const search = (query: Record<string, string | number>) =>
    t.http.get(`${API}/search`).query(query).set(bearer(owner));

  it('ranks the newest hits of a frequent word and says its total is a lower bound', async () => {
    const answer = await search({ q: 'refund', limit: 100 });
    expect(answer.status).toBe(200);
    expect(answer.body.meta).toMatchObject({ total: WINDOW, totalIsLowerBound: true });
    const found = answer.body.data.map((hit: { recordId: string }) => hit.recordId);
    expect(found).toHaveLength(WINDOW);
    expect(new Set(found)).toEqual(new Set(refundCalls.slice(0, WINDOW)));
  });

  it('counts a rarer word exactly', async () => {
    const answer = await search({ q: 'warranty' });
    expect(answer.body.meta).toMatchObject({ total: 20, totalIsLowerBound: false });
  });

  it('pages as deep as the window and no deeper', async () => {
    const last = await search({ q: 'refund', limit: 50, page: 2 });
    expect(last.status).toBe(200);
    expect(last.body.data).toHaveLength(50);
    const beyond = await search({ q: 'refund', limit: 50, page: 3 });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `page * limit must not exceed ${WINDOW}; narrow the search instead`,
    });
  });
});
