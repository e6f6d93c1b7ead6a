import { DataSource } from 'typeorm';
import { AppError, newId } from '@app/core';
import { DatabaseService } from '@app/database';
import { BillingService, MAX_USABLE_CREDIT_GRANTS, totalSlotOf, UsageInput } from '@app/billing';
import { addMember, bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { sleep } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const PRICE_CENTS = 2; // BILLING_PRICE_PER_MINUTE_CENTS default

describe('billing', () => {
  let t: TestApp;
  let billing: BillingService;
  let database: DatabaseService;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    billing = t.app.get(BillingService, { strict: false });
    database = t.app.get(DatabaseService, { strict: false });
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const usageFor = (owner: TestUser, overrides: Partial<UsageInput> = {}): UsageInput => ({
    orgId: owner.orgId,
    recordId: newId('rec'),
    projectId: newId('prj'),
    stage: 'transcription',
    version: 1,
    durationSeconds: 342.5,
    ...overrides,
  });
  const bill = (usage: UsageInput, at?: Date) =>
    database.transaction((manager) => billing.recordUsage(manager, usage, at));
  const ledgerRows = async (recordId: string) =>
    (await dataSource.query(`SELECT * FROM usage_ledger WHERE record_id = $1`, [recordId])) as Array<
      Record<string, string>
    >;
  const grant = (owner: TestUser, amount: number, expiresAt: string) =>
    t.http.post(`${API}/billing/credits/${owner.orgId}`).set(bearer(owner)).send({ amount, expiresAt });
  const summaryOf = async (owner: TestUser) => {
    const response = await t.http.get(`${API}/billing/summary/${owner.orgId}`).set(bearer(owner));
    expect(response.status).toBe(200);
    return response.body.data;
  };
  const budgetEvents = async (orgId: string) =>
    (await dataSource.query(`SELECT * FROM outbox_events WHERE org_id = $1 AND type = $2`, [
      orgId,
      'billing.budget_exceeded',
    ])) as Array<{ dedupe_key: string; payload: { data: Record<string, unknown> } }>;

  describe('metering', () => {
    it('bills every started minute at the price per minute, once per record, stage and version', async () => {
      const owner = await signUp(t.http);
      const usage = usageFor(owner);
      const first = await bill(usage);
      expect(first).toMatchObject({
        billed: true,
        minutes: 6,
        costCents: 6 * PRICE_CENTS,
        creditCentsUsed: 0,
      });
      // the same stage job again (a retry, a duplicate delivery) bills nothing
      expect(await bill(usage)).toEqual({ billed: false });
      expect(await bill({ ...usage, durationSeconds: 999 })).toEqual({ billed: false });
      const rows = await ledgerRows(usage.recordId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        minutes: 6,
        unit_price_cents: 2,
        cost_cents: '12',
        stage: 'transcription',
      });
      // a reprocess that re-transcribes is a new version: billed again, but still one record in the month
      await bill({ ...usage, version: 2, durationSeconds: 60 });
      expect(await ledgerRows(usage.recordId)).toHaveLength(2);
      const summary = await summaryOf(owner);
      expect(summary).toMatchObject({
        orgId: owner.orgId,
        totalRecords: 1,
        totalMinutes: 7,
        totalCost: 0.14,
        chargedCost: 0.14,
        budgetLimit: null,
        budgetUsedPercent: null,
        credits: { available: 0, used: 0 },
      });
      expect(summary.period).toMatch(/^\d{4}-\d{2}$/);
    });

    it('bills a typed transcript once at analysis, even when it is re-analysed as a new version', async () => {
      const owner = await signUp(t.http);
      const usage = usageFor(owner, { stage: 'analysis', durationSeconds: 90 });
      expect(await bill(usage)).toMatchObject({ billed: true, minutes: 2 });
      expect(await bill({ ...usage, version: 2 })).toEqual({ billed: false });
      expect(await ledgerRows(usage.recordId)).toHaveLength(1);
      expect(await summaryOf(owner)).toMatchObject({ totalRecords: 1, totalMinutes: 2 });
    });

    it('bills a zero-second record as zero minutes, and refuses a negative duration', async () => {
      const owner = await signUp(t.http);
      expect(await bill(usageFor(owner, { durationSeconds: 0 }))).toMatchObject({
        billed: true,
        minutes: 0,
        costCents: 0,
      });
      const bad = usageFor(owner, { durationSeconds: -3 });
      await expect(bill(bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await ledgerRows(bad.recordId)).toHaveLength(0);
    });

    it('bills once when two transactions bill the same usage at the same time', async () => {
      const owner = await signUp(t.http);
      const usage = usageFor(owner, { durationSeconds: 600 });
      let firstBilled!: () => void;
      const firstHasBilled = new Promise<void>((resolve) => (firstBilled = resolve));
      const first = database.transaction(async (manager) => {
        const outcome = await billing.recordUsage(manager, usage);
        firstBilled();
        await sleep(400); // hold the transaction open while the second one tries
        return outcome;
      });
      await firstHasBilled;
      const second = bill(usage);
      const outcomes = await Promise.all([first, second]);
      expect(outcomes.filter((outcome) => outcome.billed)).toHaveLength(1);
      expect(await ledgerRows(usage.recordId)).toHaveLength(1);
      expect(await summaryOf(owner)).toMatchObject({ totalRecords: 1, totalMinutes: 10, totalCost: 0.2 });
    });

    it("two calls of one organisation are billed side by side: neither waits for the other's commit", async () => {
      const owner = await signUp(t.http);
      // Two records whose usage goes to different rows of the running totals.
      const first = usageFor(owner, { durationSeconds: 60 });
      let second = usageFor(owner, { durationSeconds: 120 });
      while (totalSlotOf(second.recordId) === totalSlotOf(first.recordId))
        second = usageFor(owner, { durationSeconds: 120 });
      let firstBilled!: () => void;
      const firstHasBilled = new Promise<void>((resolve) => (firstBilled = resolve));
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
      const held = database.transaction(async (manager) => {
        await billing.recordUsage(manager, first);
        firstBilled();
        await firstMayCommit;
      });
      await firstHasBilled;
      // Before, the second stage waited on the organisation's one totals row until the first committed.
      const secondDone = await Promise.race([bill(second).then(() => true), sleep(3000).then(() => false)]);
      releaseFirst();
      await held;
      expect(secondDone).toBe(true);
      expect(await summaryOf(owner)).toMatchObject({ totalRecords: 2, totalMinutes: 3, totalCost: 0.06 });
    });

    it('a rolled-back stage bills nothing and can bill on its retry', async () => {
      const owner = await signUp(t.http);
      const usage = usageFor(owner);
      await expect(
        database.transaction(async (manager) => {
          await billing.recordUsage(manager, usage);
          throw new Error('stage failed after billing');
        }),
      ).rejects.toThrow('stage failed after billing');
      expect(await ledgerRows(usage.recordId)).toHaveLength(0);
      expect(await bill(usage)).toMatchObject({ billed: true });
      expect(await summaryOf(owner)).toMatchObject({ totalRecords: 1, totalMinutes: 6 });
    });
  });

  describe('credits', () => {
    it('are drawn before anything is charged, the one expiring first first, never once expired', async () => {
      const owner = await signUp(t.http);
      const later = await grant(owner, 0.1, '2031-01-01T00:00:00Z');
      const sooner = await grant(owner, 0.05, '2030-01-01T00:00:00Z');
      expect(later.status).toBe(201);
      expect(sooner.body.data).toMatchObject({ amount: 0.05, remaining: 0.05, used: 0, expired: false });
      // 6 minutes = 12 cents: 5 from the sooner grant, 7 from the later one
      expect(await bill(usageFor(owner))).toMatchObject({ costCents: 12, creditCentsUsed: 12 });
      // 6 more minutes: the 3 cents left, then 9 charged
      expect(await bill(usageFor(owner))).toMatchObject({ costCents: 12, creditCentsUsed: 3 });
      const list = await t.http.get(`${API}/billing/credits/${owner.orgId}`).set(bearer(owner));
      expect(list.status).toBe(200);
      expect(list.body.meta).toEqual({ page: 1, pageSize: 20, total: 2, nextCursor: null });
      expect(list.body.data).toEqual([
        expect.objectContaining({ id: sooner.body.data.id, remaining: 0, used: 0.05 }),
        expect.objectContaining({ id: later.body.data.id, remaining: 0, used: 0.1 }),
      ]);
      expect(await summaryOf(owner)).toMatchObject({
        totalCost: 0.24,
        chargedCost: 0.09,
        credits: { available: 0, used: 0.15 },
      });
      // a grant past its expiry is not drawn, even with credit left
      const expiring = await grant(owner, 1, new Date(Date.now() + 60_000).toISOString());
      expect(await bill(usageFor(owner), new Date(Date.now() + 120_000))).toMatchObject({
        creditCentsUsed: 0,
      });
      const [row] = await dataSource.query(`SELECT remaining_cents FROM credit_grants WHERE id = $1`, [
        expiring.body.data.id,
      ]);
      expect(row.remaining_cents).toBe('100');
    });

    it('cannot be overdrawn by stages billing at the same time', async () => {
      const owner = await signUp(t.http);
      await grant(owner, 0.3, '2031-01-01T00:00:00Z');
      // ten usages of 12 cents against 30 cents of credit, all at once
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => bill(usageFor(owner))));
      const drawn = outcomes.reduce(
        (sum, outcome) => sum + (outcome.billed ? outcome.creditCentsUsed : 0),
        0,
      );
      expect(drawn).toBe(30);
      const [credit] = await dataSource.query(`SELECT remaining_cents FROM credit_grants WHERE org_id = $1`, [
        owner.orgId,
      ]);
      expect(credit.remaining_cents).toBe('0');
      expect(await summaryOf(owner)).toMatchObject({
        totalRecords: 10,
        totalCost: 1.2,
        chargedCost: 0.9,
        credits: { used: 0.3, available: 0 },
      });
    });

    it('are granted by owners only, with a positive amount and a future expiry', async () => {
      const owner = await signUp(t.http);
      const admin = await addMember(t.http, owner, 'admin');
      expect((await grant(admin, 10, '2031-01-01T00:00:00Z')).status).toBe(403);
      for (const body of [
        { amount: 0, expiresAt: '2031-01-01T00:00:00Z' },
        { amount: 1.234, expiresAt: '2031-01-01T00:00:00Z' },
        { amount: 10, expiresAt: '2020-01-01T00:00:00Z' },
        { amount: 10, expiresAt: 'soon' },
        { amount: '10', expiresAt: '2031-01-01T00:00:00Z' },
      ]) {
        const response = await t.http
          .post(`${API}/billing/credits/${owner.orgId}`)
          .set(bearer(owner))
          .send(body);
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
      }
      const list = await t.http.get(`${API}/billing/credits/${owner.orgId}`).set(bearer(owner));
      expect(list.body.meta.total).toBe(0);
    });

    it('are limited in number while usable (each billing locks them)', async () => {
      const owner = await signUp(t.http);
      await dataSource.query(
        `INSERT INTO credit_grants (id, org_id, amount_cents, remaining_cents, expires_at)
         SELECT 'crd_' || lpad(n::text, 26, '0'), $1, 100, 100, now() + interval '1 year'
           FROM generate_series(1, $2::int) AS n`,
        [owner.orgId, MAX_USABLE_CREDIT_GRANTS],
      );
      const refused = await grant(owner, 1, '2031-01-01T00:00:00Z');
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
      // a spent grant no longer counts
      await dataSource.query(`UPDATE credit_grants SET remaining_cents = 0 WHERE id = $1`, [
        `crd_${'1'.padStart(26, '0')}`,
      ]);
      expect((await grant(owner, 1, '2031-01-01T00:00:00Z')).status).toBe(201);
    });
  });

  describe('usage report', () => {
    it('groups by UTC day and by project, within from and to', async () => {
      const owner = await signUp(t.http);
      const projectA = newId('prj');
      const projectB = newId('prj');
      await bill(
        usageFor(owner, { projectId: projectA, durationSeconds: 60 }),
        new Date('2026-03-02T10:00:00Z'),
      );
      await bill(
        usageFor(owner, { projectId: projectA, durationSeconds: 61 }),
        new Date('2026-03-02T23:59:59Z'),
      );
      await bill(
        usageFor(owner, { projectId: projectB, durationSeconds: 30 }),
        new Date('2026-03-03T00:00:00Z'),
      );
      await bill(
        usageFor(owner, { projectId: projectB, durationSeconds: 600 }),
        new Date('2026-03-09T00:00:00Z'),
      );
      await bill(
        usageFor(owner, { projectId: projectB, stage: 'analysis', durationSeconds: 125 }),
        new Date('2026-02-28T12:00:00Z'),
      );

      const byDay = await t.http
        .get(`${API}/billing/usage/${owner.orgId}?from=2026-03-01&to=2026-03-03&groupBy=day`)
        .set(bearer(owner));
      expect(byDay.status).toBe(200);
      expect(byDay.body.data).toEqual([
        { date: '2026-03-02', records: 2, minutes: 3, cost: 0.06, creditsUsed: 0, chargedCost: 0.06 },
        { date: '2026-03-03', records: 1, minutes: 1, cost: 0.02, creditsUsed: 0, chargedCost: 0.02 },
      ]);
      expect(byDay.body.meta).toMatchObject({ page: 1, pageSize: 20, total: 2, groupBy: 'day' });

      const byProject = await t.http
        .get(`${API}/billing/usage/${owner.orgId}?from=2026-02-01&to=2026-03-31&groupBy=project`)
        .set(bearer(owner));
      expect(byProject.status).toBe(200);
      expect(byProject.body.data).toEqual(
        [
          { projectId: projectA, records: 2, minutes: 3, cost: 0.06, creditsUsed: 0, chargedCost: 0.06 },
          { projectId: projectB, records: 3, minutes: 14, cost: 0.28, creditsUsed: 0, chargedCost: 0.28 },
        ].sort((a, b) => (a.projectId < b.projectId ? -1 : 1)),
      );

      const paged = await t.http
        .get(`${API}/billing/usage/${owner.orgId}?from=2026-02-01&to=2026-03-31&pageSize=1&page=3`)
        .set(bearer(owner));
      expect(paged.body.data).toEqual([expect.objectContaining({ date: '2026-03-03' })]);
      expect(paged.body.meta).toMatchObject({ total: 4, page: 3, pageSize: 1 });

      const february = await t.http
        .get(`${API}/billing/summary/${owner.orgId}?period=2026-02`)
        .set(bearer(owner));
      expect(february.body.data).toMatchObject({
        period: '2026-02',
        totalRecords: 1,
        totalMinutes: 3,
        totalCost: 0.06,
      });
    });

    it('answers 400 for a bad range, grouping or page', async () => {
      const owner = await signUp(t.http);
      for (const query of [
        'from=2026-03-05&to=2026-03-01',
        'from=2024-01-01&to=2026-01-01',
        'from=yesterday',
        'groupBy=week',
        'pageSize=101',
        'unknown=1',
      ]) {
        const response = await t.http.get(`${API}/billing/usage/${owner.orgId}?${query}`).set(bearer(owner));
        expect({ query, status: response.status, code: response.body.error?.code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      const badPeriod = await t.http
        .get(`${API}/billing/summary/${owner.orgId}?period=2026-13`)
        .set(bearer(owner));
      expect(badPeriod.status).toBe(400);
    });
  });

  describe('budget', () => {
    it('blocks new work once the month reaches it, with exactly one billing.budget_exceeded event', async () => {
      const owner = await signUp(t.http);
      const patch = await t.http
        .patch(`${API}/billing/budget/${owner.orgId}`)
        .set(bearer(owner))
        .send({ budgetLimit: 0.2 });
      expect(patch.status).toBe(200);
      expect(patch.body.data).toMatchObject({
        budgetLimit: 0.2,
        budgetUsedPercent: 0,
        budgetExceeded: false,
      });
      await billing.assertWithinBudget(owner.orgId);

      expect(await bill(usageFor(owner))).toMatchObject({ costCents: 12, budgetReached: false });
      await billing.assertWithinBudget(owner.orgId);
      expect(await bill(usageFor(owner))).toMatchObject({ costCents: 12, budgetReached: true });
      // work already accepted still bills, without another event
      expect(await bill(usageFor(owner))).toMatchObject({ billed: true, budgetReached: false });

      const refused = await billing.assertWithinBudget(owner.orgId).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'BUDGET_EXCEEDED', status: 402 });

      const events = await budgetEvents(owner.orgId);
      expect(events).toHaveLength(1);
      expect(events[0].dedupe_key).toMatch(
        new RegExp(`^billing\\.budget_exceeded:${owner.orgId}:\\d{4}-\\d{2}$`),
      );
      expect(events[0].payload.data).toMatchObject({
        orgId: owner.orgId,
        budgetLimit: 0.2,
        chargedCost: 0.24,
      });
      expect(await summaryOf(owner)).toMatchObject({ budgetUsedPercent: 180, budgetExceeded: true });

      // raising the budget lets work in again; reaching it again this month writes no second event
      await t.http
        .patch(`${API}/billing/budget/${owner.orgId}`)
        .set(bearer(owner))
        .send({ budgetLimit: 0.4 });
      await billing.assertWithinBudget(owner.orgId);
      await bill(usageFor(owner, { durationSeconds: 3600 }));
      await expect(billing.assertWithinBudget(owner.orgId)).rejects.toMatchObject({
        code: 'BUDGET_EXCEEDED',
      });
      expect(await budgetEvents(owner.orgId)).toHaveLength(1);

      // null removes the limit
      const removed = await t.http
        .patch(`${API}/billing/budget/${owner.orgId}`)
        .set(bearer(owner))
        .send({ budgetLimit: null });
      expect(removed.body.data).toMatchObject({
        budgetLimit: null,
        budgetUsedPercent: null,
        budgetExceeded: false,
      });
      await billing.assertWithinBudget(owner.orgId);
    });

    it('a budget set below what the month already spent blocks at once and emits the event', async () => {
      const owner = await signUp(t.http);
      await bill(usageFor(owner));
      await t.http
        .patch(`${API}/billing/budget/${owner.orgId}`)
        .set(bearer(owner))
        .send({ budgetLimit: 0.1 });
      await expect(billing.assertWithinBudget(owner.orgId)).rejects.toMatchObject({
        code: 'BUDGET_EXCEEDED',
      });
      expect(await budgetEvents(owner.orgId)).toHaveLength(1);
    });

    it('refuses a malformed budget and callers below admin', async () => {
      const owner = await signUp(t.http);
      for (const body of [{ budgetLimit: -1 }, { budgetLimit: 'a lot' }, { budgetLimit: 1.001 }, {}]) {
        const response = await t.http
          .patch(`${API}/billing/budget/${owner.orgId}`)
          .set(bearer(owner))
          .send(body);
        expect(response.status).toBe(400);
      }
      const supervisor = await addMember(t.http, owner, 'supervisor');
      const forbidden = await t.http
        .patch(`${API}/billing/budget/${owner.orgId}`)
        .set(bearer(supervisor))
        .send({ budgetLimit: 5 });
      expect(forbidden.status).toBe(403);
      expect((await t.http.get(`${API}/billing/summary/${owner.orgId}`).set(bearer(supervisor))).status).toBe(
        403,
      );
      expect(await summaryOf(owner)).toMatchObject({ budgetLimit: null });
    });
  });

  describe('access', () => {
    it("answers 404 for another organisation's id or a malformed one, never its numbers", async () => {
      const owner = await signUp(t.http);
      const other = await signUp(t.http);
      await bill(usageFor(other));
      const routes = (orgId: string) => [
        t.http.get(`${API}/billing/summary/${orgId}`),
        t.http.get(`${API}/billing/usage/${orgId}`),
        t.http.get(`${API}/billing/credits/${orgId}`),
        t.http.post(`${API}/billing/credits/${orgId}`).send({ amount: 5, expiresAt: '2031-01-01T00:00:00Z' }),
        t.http.patch(`${API}/billing/budget/${orgId}`).send({ budgetLimit: 0 }),
      ];
      for (const orgId of [other.orgId, 'org_nope', newId('usr')]) {
        for (const call of routes(orgId)) {
          const response = await call.set(bearer(owner));
          expect(response.status).toBe(404);
          expect(response.body.error.code).toBe('NOT_FOUND');
        }
      }
      const [account] = await dataSource.query(
        `SELECT count(*) AS n FROM billing_accounts WHERE org_id = $1`,
        [other.orgId],
      );
      expect(account.n).toBe('0');
      expect(await summaryOf(other)).toMatchObject({ totalRecords: 1, credits: { available: 0 } });
    });

    it('lets a service token with billing.read read, but not change the budget', async () => {
      const owner = await signUp(t.http);
      const reader = await serviceToken(t.http, owner, ['billing.read']);
      const other = await serviceToken(t.http, owner, ['recordings.read']);
      expect((await t.http.get(`${API}/billing/summary/${owner.orgId}`).set(bearer(reader))).status).toBe(
        200,
      );
      expect((await t.http.get(`${API}/billing/usage/${owner.orgId}`).set(bearer(reader))).status).toBe(200);
      expect((await t.http.get(`${API}/billing/summary/${owner.orgId}`).set(bearer(other))).status).toBe(403);
      const patch = await t.http
        .patch(`${API}/billing/budget/${owner.orgId}`)
        .set(bearer(reader))
        .send({ budgetLimit: 1 });
      expect(patch.status).toBe(403);
    });
  });
});
