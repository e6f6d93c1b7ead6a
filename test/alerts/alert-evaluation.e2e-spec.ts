import { AlertFacts, AlertsService, buildAlertFacts } from '@app/alerts';
import { DatabaseService } from '@app/database';
import { RecordIntakeService, UploadDetailsDto } from '@app/records';
import { OutboxService } from '@app/webhooks';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

/** A processed call as the alerting stage sees it: negative, failed compliance, the customer wants a refund. */
const angryCall: AlertFacts = buildAlertFacts(
  { duration: 412, direction: 'IN', tags: [{ value: 'billing' }] },
  {
    qualityScore: 48,
    complianceStatus: 'failed',
    sentiment: { label: 'NEGATIVE', score: -0.6 },
    metrics: { interruptions: 6, agentTalkShare: 0.7 },
    categories: { greeting: 30 },
  },
  { sentences: [{ text: 'I was charged twice.' }, { text: 'I want a REFUND today or I call my lawyer.' }] },
);

describe('alert evaluation', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestUser;
  let alerts: AlertsService;
  let database: DatabaseService;
  let records: RecordIntakeService;
  let outbox: OutboxService;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http);
    agent = await addMember(t.http, owner, 'agent');
    alerts = t.app.get(AlertsService, { strict: false });
    database = t.app.get(DatabaseService, { strict: false });
    records = t.app.get(RecordIntakeService, { strict: false });
    outbox = t.app.get(OutboxService, { strict: false });
    projectId = (await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'Support' })).body.data
      .id;
    otherProjectId = (await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'Sales' })).body
      .data.id;
  });
  afterAll(() => t.close());

  const rule = async (body: object): Promise<string> => {
    const response = await t.http
      .post(`${API}/alerts`)
      .set(bearer(owner))
      .send({ actions: ['webhook'], ...body });
    expect(response.status).toBe(201);
    return response.body.data.id as string;
  };

  /** A real record row (reserved, so no pipeline job runs on it). */
  const record = async (ownerId: string | null, inProject = projectId): Promise<string> =>
    (
      await records.reserve({
        orgId: owner.orgId,
        projectId: inProject,
        ownerId,
        source: 'ingest',
        details: new UploadDetailsDto(),
      })
    ).id;

  const evaluate = (recordId: string, version: number, facts = angryCall, ownerId: string | null = null) =>
    database.transaction((manager) =>
      alerts.evaluateForRecord(manager, { orgId: owner.orgId, recordId, projectId, version, facts, ownerId }),
    );

  const eventsOf = async (query: string, who: TestUser = owner) => {
    const response = await t.http.get(`${API}/alerts/events?${query}`).set(bearer(who));
    expect(response.status).toBe(200);
    return response.body as { data: Array<Record<string, unknown>>; meta: { total: number } };
  };

  it('writes one event per matching enabled rule of the organisation and project, once per version', async () => {
    const lawyer = await rule({
      name: 'Legal threat',
      condition: { field: 'transcript', operator: 'matches', value: '\\b(lawyer|attorney)s?\\b' },
    });
    const angryRefund = await rule({
      name: 'Angry refund',
      projectId,
      condition: {
        all: [
          { field: 'sentiment', operator: 'eq', value: 'NEGATIVE' },
          {
            any: [
              { field: 'qualityScore', operator: 'gt', value: 90 },
              { field: 'transcript', operator: 'contains', value: 'refund' },
            ],
          },
        ],
      },
    });
    await rule({
      name: 'Disabled',
      enabled: false,
      condition: { field: 'qualityScore', operator: 'lt', value: 100 },
    });
    await rule({
      name: 'Other project',
      projectId: otherProjectId,
      condition: { field: 'duration', operator: 'gt', value: 1 },
    });
    await rule({ name: 'No match', condition: { field: 'direction', operator: 'eq', value: 'OUT' } });

    const recordId = await record(null);
    const first = await evaluate(recordId, 1);
    expect(first.map((event) => event.alertId).sort()).toEqual([lawyer, angryRefund].sort());
    const byRule = Object.fromEntries(first.map((event) => [event.alertId, event]));
    expect(byRule[lawyer].matched).toEqual({ field: 'transcript', value: 'lawyer' });
    expect(byRule[angryRefund].matched).toEqual({ field: 'sentiment', value: 'NEGATIVE' });
    expect(byRule[lawyer].id).toMatch(/^alv_/);

    // a retried stage of the same version adds nothing
    expect(await evaluate(recordId, 1)).toEqual([]);
    expect((await eventsOf(`recordId=${recordId}`)).meta.total).toBe(2);

    // a reprocess (new version) triggers again
    expect(await evaluate(recordId, 2)).toHaveLength(2);
    expect((await eventsOf(`recordId=${recordId}`)).meta.total).toBe(4);

    const triggered = (await outbox.findByType(owner.orgId, 'alert.triggered')).filter(
      (event) => (event.payload.data as { recordId: string }).recordId === recordId,
    );
    expect(triggered).toHaveLength(4);
    const body = triggered.find(
      (event) => (event.payload.data as { alertId: string; version: number }).alertId === lawyer,
    )!.payload;
    expect(body).toMatchObject({
      type: 'alert.triggered',
      data: {
        id: byRule[lawyer].id,
        alertId: lawyer,
        alertName: 'Legal threat',
        recordId,
        version: 1,
        matched: { field: 'transcript', value: 'lawyer' },
        triggeredAt: expect.any(String),
      },
    });
  });

  it('sends alert.triggered only for rules with the webhook action', async () => {
    const emailOnly = await rule({
      name: 'Email only',
      actions: ['email'],
      emails: ['qa@example.com'],
      condition: { field: 'tags', operator: 'contains', value: 'BILLING' },
    });
    const recordId = await record(null);
    const created = await evaluate(recordId, 1);
    const event = created.find((e) => e.alertId === emailOnly)!;
    expect(event.emailRecipients).toEqual(['qa@example.com']);
    const triggered = await outbox.findByType(owner.orgId, 'alert.triggered');
    expect(triggered.some((e) => (e.payload.data as { id: string }).id === event.id)).toBe(false);
    expect(created.filter((e) => e.alertId !== emailOnly).every((e) => e.emailRecipients.length === 0)).toBe(
      true,
    );
  });

  it('leaves nothing behind when the stage transaction rolls back', async () => {
    await rule({ name: 'Always', condition: { field: 'duration', operator: 'gte', value: 0 } });
    const recordId = await record(null);
    await expect(
      database.transaction(async (manager) => {
        const created = await alerts.evaluateForRecord(manager, {
          orgId: owner.orgId,
          recordId,
          projectId,
          version: 1,
          facts: angryCall,
        });
        expect(created.length).toBeGreaterThan(0);
        throw new Error('the stage failed after evaluating');
      }),
    ).rejects.toThrow('the stage failed');
    expect((await eventsOf(`recordId=${recordId}`)).meta.total).toBe(0);
    const triggered = await outbox.findByType(owner.orgId, 'alert.triggered');
    expect(triggered.some((e) => (e.payload.data as { recordId: string }).recordId === recordId)).toBe(false);
    // the retry then succeeds
    expect((await evaluate(recordId, 1)).length).toBeGreaterThan(0);
  });

  it('lists events with filters and pagination; agents see only their own records, other organisations nothing', async () => {
    const onlyThis = await rule({
      name: 'Long call',
      condition: { field: 'duration', operator: 'gt', value: 400 },
    });
    const agentsRecord = await record(agent.userId);
    const ownersRecord = await record(owner.userId);
    const before = new Date().toISOString();
    await evaluate(agentsRecord, 1, angryCall, agent.userId);
    await evaluate(ownersRecord, 1, angryCall, owner.userId);
    const after = new Date().toISOString();

    const forRule = await eventsOf(`alertId=${onlyThis}`);
    expect(forRule.meta.total).toBe(2);
    expect(forRule.data[0]).toEqual({
      id: expect.stringMatching(/^alv_/),
      alertId: onlyThis,
      recordId: ownersRecord,
      version: 1,
      triggeredAt: expect.any(String),
      matched: { field: 'duration', value: 412 },
    });

    const paged = await eventsOf(`alertId=${onlyThis}&pageSize=1&page=2`);
    expect(paged.meta).toEqual({ page: 2, pageSize: 1, total: 2, nextCursor: expect.any(String) });
    expect(paged.data).toHaveLength(1);
    expect(paged.data[0].recordId).toBe(agentsRecord);

    const inWindow = await eventsOf(`recordId=${agentsRecord}&from=${before}&to=${after}`);
    expect(inWindow.meta.total).toBeGreaterThan(0);
    expect((await eventsOf(`recordId=${agentsRecord}&from=${after}`)).meta.total).toBe(0);
    expect((await eventsOf(`recordId=${agentsRecord}&to=${before}`)).meta.total).toBe(0);

    const agentView = await eventsOf(`alertId=${onlyThis}`, agent);
    expect(agentView.data.map((e) => e.recordId)).toEqual([agentsRecord]);
    const agentAll = await eventsOf('pageSize=100', agent);
    expect(agentAll.data.every((e) => e.recordId === agentsRecord)).toBe(true);

    const stranger = await signUp(t.http);
    expect((await eventsOf('', stranger)).meta.total).toBe(0);
    expect((await eventsOf(`alertId=${onlyThis}`, stranger)).meta.total).toBe(0);

    for (const bad of ['alertId=rec_01JD0000000000000000000000', 'from=yesterday', 'pageSize=101']) {
      const response = await t.http.get(`${API}/alerts/events?${bad}`).set(bearer(owner));
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('keeps the events of a deleted rule and drops those of a deleted record', async () => {
    const doomed = await rule({
      name: 'Interrupts',
      condition: { field: 'metrics.interruptions', operator: 'gte', value: 5 },
    });
    const recordId = await record(owner.userId);
    const kept = await record(owner.userId);
    await evaluate(recordId, 1);
    await evaluate(kept, 1);
    expect((await t.http.delete(`${API}/alerts/${doomed}`).set(bearer(owner))).status).toBe(204);
    expect((await eventsOf(`alertId=${doomed}`)).meta.total).toBe(2);

    expect((await t.http.delete(`${API}/records/${recordId}`).set(bearer(owner))).status).toBe(204);
    expect((await eventsOf(`recordId=${recordId}`)).meta.total).toBe(0);
    expect((await eventsOf(`recordId=${kept}`)).meta.total).toBeGreaterThan(0);
  });
});
