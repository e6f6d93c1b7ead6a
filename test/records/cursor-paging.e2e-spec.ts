import { DataSource } from 'typeorm';
import { bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';
import { API, createProject } from './records-helpers';

/** Keyset paging: `cursor` / `meta.nextCursor` beside `page` on the lists (docs/api.md). */
describe('cursor paging', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    projectId = await createProject(t, owner);
  });
  afterAll(() => t.close());

  /**
   * Records written straight into the table in one statement: they share one created_at (ties the id must break),
   * and every fourth has no duration or score (nulls sort last).
   */
  const insertRecords = async (count: number, prefix: string) =>
    t.app.get(DataSource).query(
      `INSERT INTO records (id, org_id, project_id, source, processing_status, processing_stage, analysis_status,
                            duration, quality_score)
       SELECT 'rec_${prefix}' || lpad(n::text, 6, '0'), $1, $2, 'upload', 'completed', 'done', 5,
              CASE WHEN n % 4 = 0 THEN NULL ELSE (n % 7) * 10 END, CASE WHEN n % 4 = 1 THEN NULL ELSE n % 5 * 20 END
         FROM generate_series(1, $3) AS n`,
      [owner.orgId, projectId, count],
    );

  const contact = async () =>
    (await t.http.post(`${API}/contacts`).set(bearer(owner)).send({ displayName: 'Tagged' })).body.data
      .id as string;

  /** Every id of a list, following nextCursor from the first page. */
  const walk = async (path: string, pageSize: number, between?: () => Promise<unknown>) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const answer: {
        status: number;
        body: { data: Array<{ id: string }>; meta: { nextCursor: string | null } };
      } = await t.http
        .get(`${API}${path}${separator}pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(owner));
      expect(answer.status).toBe(200);
      ids.push(...answer.body.data.map((item: { id: string }) => item.id));
      cursor = answer.body.meta.nextCursor;
      expect(cursor === null || typeof cursor === 'string').toBe(true);
      if (pages++ === 0) await between?.();
    } while (cursor && pages < 100);
    return ids;
  };

  it('walks every record once, in the order of the offset pages, whatever the sort, ties and nulls', async () => {
    await insertRecords(45, 'a');
    for (const order of ['', '?sort=duration&order=asc', '?sort=qualityScore&order=desc', '?sort=date']) {
      const whole = await t.http
        .get(`${API}/records${order}${order ? '&' : '?'}pageSize=100`)
        .set(bearer(owner));
      const expected = whole.body.data.map((record: { id: string }) => record.id);
      expect(expected).toHaveLength(45);
      expect(await walk(`/records${order}`, 10)).toEqual(expected);
    }
  });

  it('is not shifted by calls that arrive while a client pages (newest first)', async () => {
    const before = await walk('/records', 100);
    const during = await walk('/records', 7, () => insertRecords(5, 'b'));
    expect(during).toEqual(before);
    const total = await t.http.get(`${API}/records?pageSize=1`).set(bearer(owner));
    expect(total.body.meta.total).toBe(before.length + 5);
  });

  it('refuses a cursor of another order, another list, another organisation, or none this API made', async () => {
    const first = await t.http.get(`${API}/records?pageSize=5`).set(bearer(owner));
    const cursor = first.body.meta.nextCursor as string;
    const projects = await t.http.get(`${API}/projects?pageSize=1`).set(bearer(owner));
    const outsider = await signUp(t.http);
    for (const [who, path] of [
      [owner, `/records?sort=duration&cursor=${cursor}`],
      [owner, `/projects?cursor=${cursor}`],
      [owner, `/records?cursor=${projects.body.meta.nextCursor ?? 'bm9uZQ'}`],
      [outsider, `/records?cursor=${cursor}`],
      [owner, `/records?cursor=not-a-cursor`],
      [owner, `/records?cursor=${encodeURIComponent('<b>x</b>')}`],
    ] as const) {
      const answer = await t.http.get(`${API}${path}`).set(bearer(who));
      expect([path, answer.status, answer.body.error?.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
    }
  });

  it('pages the other lists by cursor too (projects newest first, tags by value)', async () => {
    for (let i = 0; i < 4; i++)
      await t.http
        .post(`${API}/projects`)
        .set(bearer(owner))
        .send({ name: `Project ${i}` });
    const projects = await t.http.get(`${API}/projects?pageSize=100`).set(bearer(owner));
    expect(await walk('/projects', 2)).toEqual(
      projects.body.data.map((project: { id: string }) => project.id),
    );
    expect(projects.body.meta.nextCursor).toBeNull();

    const call = await t.http
      .post(`${API}/transcribes`)
      .set(bearer(owner))
      .send({ contact: await contact(), contents: [] });
    for (const value of ['delta', 'alpha', 'charlie', 'bravo', 'echo']) {
      const tagged = await t.http
        .post(`${API}/records/${call.body.data.recordId}/tags`)
        .set(bearer(owner))
        .send({ value });
      expect(tagged.status).toBe(201);
    }
    const tags = await t.http.get(`${API}/tags?pageSize=100`).set(bearer(owner));
    const values = tags.body.data.map((tag: { value: string }) => tag.value);
    expect(values).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect(await walk('/tags', 2)).toEqual(tags.body.data.map((tag: { id: string }) => tag.id));
    await waitForRecord(t, owner, call.body.data.recordId);

    // A list ordered newest first by a query of its own (customers, with a search).
    for (let i = 0; i < 5; i++)
      await t.http
        .post(`${API}/crm/customers`)
        .set(bearer(owner))
        .send({ name: `Acme ${i}`, customerType: 'ACCOUNT', externalId: `acme-${i}` });
    const customers = await t.http.get(`${API}/crm/customers?q=acme&pageSize=100`).set(bearer(owner));
    expect(customers.body.data).toHaveLength(5);
    expect(await walk('/crm/customers?q=acme', 2)).toEqual(
      customers.body.data.map((customer: { id: string }) => customer.id),
    );
    const crmCursor = (await t.http.get(`${API}/crm/customers?pageSize=1`).set(bearer(owner))).body.meta
      .nextCursor;
    const misplaced = await t.http.get(`${API}/followups?cursor=${crmCursor}`).set(bearer(owner));
    expect(misplaced.status).toBe(400);
  });
});
