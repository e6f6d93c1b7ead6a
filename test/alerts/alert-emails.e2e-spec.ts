import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { AlertEmailsService, AlertsService, buildAlertFacts } from '@app/alerts';
import { DatabaseService } from '@app/database';
import { QueueName } from '@app/queue';
import { RecordIntakeService, UploadDetailsDto } from '@app/records';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** Undoes quoted-printable soft breaks and escapes, enough to read a plain-text body. */
const readable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('alert emails over SMTP', () => {
  let smtp: SMTPServer;
  let t: TestApp;
  let owner: TestUser;
  let alerts: AlertsService;
  let emails: AlertEmailsService;
  let database: DatabaseService;
  let records: RecordIntakeService;
  const mails: ReceivedMail[] = [];
  const logins: Array<{ username?: string | null; password?: string | null }> = [];
  let refuseNext = false;

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push({ username: auth.username, password: auth.password });
        if (auth.username === 'parley' && auth.password === 'smtp-secret') callback(null, { user: 'parley' });
        else callback(new Error('Invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        // Only the retry test's recipient: the in-process worker may be sending other tests' emails meanwhile.
        if (refuseNext && address.address === 'retry@example.com') {
          refuseNext = false;
          const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: readable(raw),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
        SMTP_USER: 'parley',
        SMTP_PASSWORD: 'smtp-secret',
        SMTP_FROM: 'Parley Alerts <alerts@parley.test>',
        PUBLIC_URL: 'https://parley.example.com',
      },
    });
    owner = await signUp(t.http);
    alerts = t.app.get(AlertsService, { strict: false });
    emails = t.app.get(AlertEmailsService, { strict: false });
    database = t.app.get(DatabaseService, { strict: false });
    records = t.app.get(RecordIntakeService, { strict: false });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  /** A rule with the email action, a record it matches, and the alerting stage run on it: the new events. */
  async function triggerEmailRule(recipients: string[]) {
    const project = await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'Escalations' });
    const rule = await t.http
      .post(`${API}/alerts`)
      .set(bearer(owner))
      .send({
        name: 'Cancellation risk',
        projectId: project.body.data.id,
        condition: { field: 'transcript', operator: 'contains', value: 'cancel my contract' },
        actions: ['email'],
        emails: recipients,
      });
    expect(rule.status).toBe(201);
    const record = await records.reserve({
      orgId: owner.orgId,
      projectId: project.body.data.id,
      ownerId: owner.userId,
      source: 'ingest',
      details: new UploadDetailsDto(),
    });
    const facts = buildAlertFacts({}, null, { sentences: [{ text: 'Please cancel my contract now.' }] });
    const created = await database.transaction((manager) =>
      alerts.evaluateForRecord(manager, {
        orgId: owner.orgId,
        recordId: record.id,
        projectId: project.body.data.id,
        version: 1,
        facts,
      }),
    );
    expect(created).toHaveLength(1);
    return { event: created[0], ruleId: rule.body.data.id as string, recordId: record.id };
  }

  it('sends one email per alert event to the rule recipients, never twice', async () => {
    const { event, ruleId, recordId } = await triggerEmailRule(['qa@example.com', 'lead@example.com']);

    expect(await emails.send({ eventId: event.id, orgId: owner.orgId })).toBe('sent');
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.from).toBe('alerts@parley.test');
    expect(mail.to.sort()).toEqual(['lead@example.com', 'qa@example.com']);
    expect(mail.raw).toMatch(/^Subject: Parley alert: Cancellation risk\r?$/m);
    expect(mail.raw).toContain(
      `The alert rule "Cancellation risk" (${ruleId}) triggered on record ${recordId}.`,
    );
    expect(mail.raw).toContain('Matched: transcript = "cancel my contract"');
    expect(mail.raw).toContain(`https://parley.example.com/api/v1/records/${recordId}`);
    expect(logins).toContainEqual({ username: 'parley', password: 'smtp-secret' });

    // a retried job finds the email sent and sends nothing
    expect(await emails.send({ eventId: event.id, orgId: owner.orgId })).toBe('already-sent');
    // another organisation's id is not an event there
    expect(await emails.send({ eventId: event.id, orgId: 'org_01JD0000000000000000000000' })).toBe(
      'event-gone',
    );
    expect(mails).toHaveLength(1);
  });

  it("takes AICA's own alert example (webhook and email, no emails) and mails the organisation's owners and admins", async () => {
    const admin = await addMember(t.http, owner, 'admin');
    const supervisor = await addMember(t.http, owner, 'supervisor');
    const project = await t.http.post(`${API}/projects`).set(bearer(owner)).send({ name: 'Quality' });
    // Seed 002's "Create Alert" body as written, with a project of this organisation.
    const example = {
      name: 'Low Quality Alert',
      projectId: project.body.data.id,
      condition: { field: 'qualityScore', operator: 'lt', value: 60 },
      actions: ['webhook', 'email'],
      enabled: true,
    };
    const rule = await t.http.post(`${API}/alerts`).set(bearer(owner)).send(example);
    expect(rule.status).toBe(201);
    expect(rule.body.data).toMatchObject({ ...example, emails: [] });

    const record = await records.reserve({
      orgId: owner.orgId,
      projectId: project.body.data.id,
      ownerId: owner.userId,
      source: 'ingest',
      details: new UploadDetailsDto(),
    });
    const [event] = await database.transaction((manager) =>
      alerts.evaluateForRecord(manager, {
        orgId: owner.orgId,
        recordId: record.id,
        projectId: project.body.data.id,
        version: 1,
        facts: buildAlertFacts({}, { qualityScore: 42 }, null),
      }),
    );
    expect(await emails.send({ eventId: event.id, orgId: owner.orgId })).toBe('sent');
    const mail = mails.find((candidate) => candidate.raw.includes(record.id))!;
    expect(mail.to.sort()).toEqual([admin.email, owner.email].sort());
    expect(mail.to).not.toContain(supervisor.email);
  });

  it('queues one job per event however often it is enqueued', async () => {
    const { event } = await triggerEmailRule(['ops@example.com']);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Alerting), { strict: false });
    expect(await emails.enqueueFor([event])).toBe(1);
    expect(await emails.enqueueFor([event])).toBe(1);
    const job = await queue.getJob(`${event.id}:email:0`);
    expect(job?.data).toEqual({ eventId: event.id, orgId: owner.orgId });
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed', 'failed']);
    expect(jobs.filter((j) => j.data.eventId === event.id)).toHaveLength(1);
    // events without recipients need no job
    expect(await emails.enqueueFor([{ ...event, emailRecipients: [] }])).toBe(0);
  });

  it('re-enqueues emails still owed a while after their event (lost between commit and enqueue)', async () => {
    const { event } = await triggerEmailRule(['sweep@example.com']);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Alerting), { strict: false });
    await emails.enqueueUnsent(new Date());
    expect(await queue.getJob(`${event.id}:email:0`)).toBeUndefined();
    await emails.enqueueUnsent(new Date(Date.now() + 10 * 60 * 1000));
    expect((await queue.getJob(`${event.id}:email:0`))?.data).toEqual({
      eventId: event.id,
      orgId: owner.orgId,
    });
  });

  it('throws on an SMTP failure so the job retries, and sends on the retry', async () => {
    const { event } = await triggerEmailRule(['retry@example.com']);
    const received = () => mails.filter((mail) => mail.to.includes('retry@example.com'));
    refuseNext = true;
    await expect(emails.send({ eventId: event.id, orgId: owner.orgId })).rejects.toThrow(/451|unavailable/i);
    expect(received()).toHaveLength(0);
    expect(await emails.send({ eventId: event.id, orgId: owner.orgId })).toBe('sent');
    expect(received()).toHaveLength(1);
  });
});
