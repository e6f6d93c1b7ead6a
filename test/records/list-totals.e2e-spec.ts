import { DataSource } from 'typeorm';
import { LIST_TOTAL_EXACT_UP_TO } from '@app/records';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { API, createProject } from './records-helpers';

/** GET /records totals: exact up to a bound, then the planner's estimate flagged as such (docs/api.md). */
describe('record list totals', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  /** Rows as an upload leaves them, written straight into the table (a large organisation in a second). */
  const insertRecords = async (count: number, status = 'completed') => {
    await t.app.get(DataSource).query(
      `INSERT INTO records (id, org_id, project_id, source, processing_status, processing_stage, analysis_status)
       SELECT 'rec_' || lpad(to_hex(n), 20, '0') || substr(md5(random()::text), 1, 6), $1, $2, 'upload', $3,
              CASE WHEN $3 = 'completed' THEN 'done' ELSE 'queued' END, CASE WHEN $3 = 'completed' THEN 5 ELSE 1 END
         FROM generate_series(1, $4) AS n`,
      [owner.orgId, projectId, status, count],
    );
    await t.app.get(DataSource).query('ANALYZE records');
  };
  const list = (query = '') => t.http.get(`${API}/records?pageSize=20${query}`).set(bearer(owner));

  it('is exact while the organisation is small, and past the bound an estimate flagged as one', async () => {
    await insertRecords(30, 'pending');
    const small = await list();
    expect(small.status).toBe(200);
    expect(small.body.meta).toMatchObject({ total: 30, totalIsEstimate: false, page: 1, pageSize: 20 });
    expect(small.body.data).toHaveLength(20);

    await insertRecords(LIST_TOTAL_EXACT_UP_TO + 500);
    const large = await list();
    expect(large.body.meta.totalIsEstimate).toBe(true);
    expect(large.body.meta.total).toBeGreaterThan(LIST_TOTAL_EXACT_UP_TO);
    expect(large.body.data).toHaveLength(20);
    // Newest first, as before.
    const created = large.body.data.map((record: { createdAt: string }) => record.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    // A filter that narrows below the bound counts exactly again.
    const pending = await list('&status=pending');
    expect(pending.body.meta).toMatchObject({ total: 30, totalIsEstimate: false });
  });
});
