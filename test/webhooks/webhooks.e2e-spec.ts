import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { AppConfig } from '@app/core';
import { DatabaseService } from '@app/database';
import { DeliveriesService, EventType, OutboxService } from '@app/webhooks';
import { WebhookSender } from '../../libs/webhooks/src/deliveries/webhook-sender';
import { addMember, bearer, serviceToken, signUp, TestUser } from '../support/auth';
import { freePort, waitFor } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { TestReceiver } from './receiver';

const API = '/api/v1';
const WAIT_MS = 20_000;

interface DeliveryBody {
  id: string;
  messageId: string;
  status: string;
  attemptCount: number;
  attempts: Array<{
    attempt: number;
    statusCode: number | null;
    error: string | null;
    responseSnippet: string | null;
  }>;
}

describe('webhooks', () => {
  let t: TestApp;
  let admin: TestUser;
  let receiver: TestReceiver;
  let smtp: SMTPServer;
  const mails: Array<{ to: string[]; text: string }> = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    t = await createTestApp({
      env: {
        WEBHOOK_RETRY_SCHEDULE_SECONDS: '0,1,1',
        OUTBOX_RELAY_INTERVAL_MS: '50',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtpPort),
      },
    });
    admin = await signUp(t.http);
    receiver = await new TestReceiver().start();
  });

  afterAll(async () => {
    await receiver?.stop();
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const createEndpoint = async (who: TestUser, body: object) => {
    const response = await t.http.post(`${API}/webhooks`).set(bearer(who)).send(body);
    expect(response.status).toBe(201);
    return response.body.data as { id: string; secret: string; enabled: boolean };
  };

  /** Writes an event the way a pipeline stage does: through the outbox, in a transaction. */
  const emit = async (orgId: string, type: EventType, data: Record<string, unknown>) => {
    const outbox = t.app.get(OutboxService);
    await t.app
      .get(DatabaseService)
      .transaction((manager) =>
        outbox.add(manager, { orgId, type, dedupeKey: `${type}:${randomUUID()}`, data }),
      );
  };

  const deliveriesOf = async (webhookId: string, who = admin): Promise<DeliveryBody[]> => {
    const response = await t.http.get(`${API}/webhooks/${webhookId}/deliveries`).set(bearer(who));
    expect(response.status).toBe(200);
    return response.body.data as DeliveryBody[];
  };

  const settledDelivery = (
    webhookId: string,
    status: 'succeeded' | 'failed',
    attempts?: number,
    who = admin,
  ) =>
    waitFor(
      async () => {
        const [latest] = await deliveriesOf(webhookId, who);
        return latest?.status === status && (attempts === undefined || latest.attempts.length === attempts)
          ? latest
          : undefined;
      },
      WAIT_MS,
      `a ${status} delivery to ${webhookId}`,
    );

  /** An admin's endpoint at `path` whose test message went through: the endpoint and that delivery. */
  const endpointWithDeliveredTest = async (path: string) => {
    const endpoint = await createEndpoint(admin, { url: receiver.url(path), events: ['record.completed'] });
    await t.http.post(`${API}/webhooks/${endpoint.id}/test`).set(bearer(admin)).expect(202);
    return { endpoint, first: await settledDelivery(endpoint.id, 'succeeded', 1) };
  };

  describe('endpoints', () => {
    it('creates an endpoint with a whsec_ secret shown once, and lists, updates and deletes it', async () => {
      const created = await createEndpoint(admin, {
        url: receiver.url('/crud'),
        events: ['record.completed', 'alert.triggered'],
        description: 'CRM',
      });
      expect(created.id).toMatch(/^whk_/);
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(created.enabled).toBe(true);

      const listed = await t.http.get(`${API}/webhooks`).set(bearer(admin));
      expect(listed.status).toBe(200);
      expect(listed.body.meta).toMatchObject({ page: 1, pageSize: 20 });
      const row = listed.body.data.find((item: { id: string }) => item.id === created.id);
      expect(row).toMatchObject({
        url: receiver.url('/crud'),
        events: ['record.completed', 'alert.triggered'],
      });
      expect(JSON.stringify(listed.body)).not.toContain(created.secret.slice(6));

      const patched = await t.http
        .patch(`${API}/webhooks/${created.id}`)
        .set(bearer(admin))
        .send({ enabled: false, events: ['record.failed'] });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toMatchObject({
        enabled: false,
        events: ['record.failed'],
        description: 'CRM',
      });
      expect(patched.body.data.secret).toBeUndefined();

      expect((await t.http.delete(`${API}/webhooks/${created.id}`).set(bearer(admin))).status).toBe(204);
      const gone = await t.http.get(`${API}/webhooks/${created.id}`).set(bearer(admin));
      expect(gone.status).toBe(404);
    });

    it('stores the secret encrypted, never in clear', async () => {
      const created = await createEndpoint(admin, { url: receiver.url('/enc'), events: ['record.created'] });
      const rows: Array<{ secret_encrypted: string }> = await t.app
        .get(DatabaseService)
        .transaction((manager) =>
          manager.query(`SELECT secret_encrypted FROM webhook_endpoints WHERE id = $1`, [created.id]),
        );
      expect(rows[0].secret_encrypted).not.toContain(created.secret.slice(6));
      expect(rows[0].secret_encrypted).not.toContain(created.secret);
    });

    it.each([
      [{ url: 'ftp://example.com/x', events: ['record.completed'] }, 'url'],
      [{ url: 'not a url', events: ['record.completed'] }, 'url'],
      [{ url: 'https://example.com/x', events: ['record.exploded'] }, 'events'],
      [{ url: 'https://example.com/x', events: [] }, 'events'],
      [{ url: 'https://example.com/x', events: ['record.completed'], secret: 'mine' }, 'secret'],
    ])('refuses %j with a 400 naming %s and creates nothing', async (body, field) => {
      const before = (await t.http.get(`${API}/webhooks`).set(bearer(admin))).body.meta.total;
      const response = await t.http.post(`${API}/webhooks`).set(bearer(admin)).send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.body.error)).toContain(field);
      expect((await t.http.get(`${API}/webhooks`).set(bearer(admin))).body.meta.total).toBe(before);
    });

    it('needs admin or a service token with webhooks.write', async () => {
      const supervisor = await addMember(t.http, admin, 'supervisor');
      const refused = await t.http
        .post(`${API}/webhooks`)
        .set(bearer(supervisor))
        .send({ url: receiver.url(), events: ['record.completed'] });
      expect(refused.status).toBe(403);
      const token = await serviceToken(t.http, admin, ['webhooks.write']);
      const allowed = await t.http
        .post(`${API}/webhooks`)
        .set(bearer(token))
        .send({ url: receiver.url('/svc'), events: ['record.completed'] });
      expect(allowed.status).toBe(201);
      const readOnly = await serviceToken(t.http, admin, ['recordings.read']);
      expect((await t.http.get(`${API}/webhooks`).set(bearer(readOnly))).status).toBe(403);
    });
  });

  describe('delivery', () => {
    it('signs with Standard Webhooks and sends only subscribed events, with the outbox body', async () => {
      const endpoint = await createEndpoint(admin, {
        url: receiver.url('/signed'),
        events: ['record.completed'],
      });
      await emit(admin.orgId, 'analysis.completed', { recordId: 'rec_other' });
      await emit(admin.orgId, 'record.completed', { id: 'rec_signed', status: 'completed' });
      const delivered = await settledDelivery(endpoint.id, 'succeeded');
      const [request] = receiver.at('/signed');
      expect(receiver.at('/signed')).toHaveLength(1);
      const verified = new Webhook(endpoint.secret).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      });
      expect(verified).toMatchObject({
        type: 'record.completed',
        data: { id: 'rec_signed', status: 'completed' },
      });
      expect(new Date((verified as { timestamp: string }).timestamp).getTime()).not.toBeNaN();
      expect(request.headers['webhook-id']).toBe(delivered.messageId);
      expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request.body, {
          'webhook-id': String(request.headers['webhook-id']),
          'webhook-timestamp': String(request.headers['webhook-timestamp']),
          'webhook-signature': String(request.headers['webhook-signature']),
        }),
      ).toThrow();
    });

    it('retries a receiver failing twice: three requests with one webhook-id, three attempts logged', async () => {
      const endpoint = await createEndpoint(admin, {
        url: receiver.url('/flaky'),
        events: ['record.failed'],
      });
      let calls = 0;
      receiver.reply = (request) => {
        if (request.path !== '/flaky') return { status: 204 };
        calls += 1;
        return calls <= 2 ? { status: 500, body: `boom ${calls}` } : { status: 200, body: 'ok' };
      };
      await emit(admin.orgId, 'record.failed', { id: 'rec_flaky' });
      const delivered = await settledDelivery(endpoint.id, 'succeeded');
      receiver.reply = () => ({ status: 204 });
      const requests = receiver.at('/flaky');
      expect(requests).toHaveLength(3);
      expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivered.messageId]));
      expect(new Set(requests.map((r) => r.body)).size).toBe(1);
      expect(delivered.attempts.map((a) => [a.attempt, a.statusCode, a.responseSnippet])).toEqual([
        [1, 500, 'boom 1'],
        [2, 500, 'boom 2'],
        [3, 200, 'ok'],
      ]);
      expect(delivered.attemptCount).toBe(3);
    });

    it('marks a delivery failed after the whole schedule against a receiver that is down, logging every attempt', async () => {
      const port = await freePort();
      const endpoint = await createEndpoint(admin, {
        url: `http://127.0.0.1:${port}/down`,
        events: ['record.created'],
      });
      await emit(admin.orgId, 'record.created', { id: 'rec_down' });
      const failed = await settledDelivery(endpoint.id, 'failed');
      expect(failed.attempts).toHaveLength(3);
      for (const attempt of failed.attempts) {
        expect(attempt.statusCode).toBeNull();
        expect(attempt.error).toMatch(/ECONNREFUSED/);
      }

      // Redelivery: the receiver is back; a new series for the same message, logged after the first three.
      const back = await new TestReceiver().start(port);
      try {
        const redelivered = await t.http
          .post(`${API}/webhooks/deliveries/${failed.id}/redeliver`)
          .set(bearer(admin));
        expect(redelivered.status).toBe(202);
        const succeeded = await settledDelivery(endpoint.id, 'succeeded');
        expect(succeeded.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
        expect(back.received).toHaveLength(1);
        expect(back.received[0].headers['webhook-id']).toBe(failed.messageId);
      } finally {
        await back.stop();
      }
    });

    it('refuses to redeliver a delivery still being attempted (409)', async () => {
      const endpoint = await createEndpoint(admin, {
        url: receiver.url('/slow'),
        events: ['transcribe.created'],
      });
      receiver.reply = (request) => (request.path === '/slow' ? { status: 503 } : { status: 204 });
      await emit(admin.orgId, 'transcribe.created', { id: 'trb_x' });
      const pending = await waitFor(
        async () =>
          (await deliveriesOf(endpoint.id)).find((d) => d.status === 'pending' && d.attemptCount >= 1),
        WAIT_MS,
        'a delivery being retried',
      );
      const response = await t.http
        .post(`${API}/webhooks/deliveries/${pending.id}/redeliver`)
        .set(bearer(admin));
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONFLICT');
      await settledDelivery(endpoint.id, 'failed');
      receiver.reply = () => ({ status: 204 });
    });

    it('disables the endpoint on 410 Gone and sends it nothing more', async () => {
      const endpoint = await createEndpoint(admin, {
        url: receiver.url('/gone'),
        events: ['alert.triggered'],
      });
      receiver.reply = (request) => (request.path === '/gone' ? { status: 410 } : { status: 204 });
      await emit(admin.orgId, 'alert.triggered', { id: 'alv_1' });
      const failed = await settledDelivery(endpoint.id, 'failed', 1);
      expect(failed.attempts[0].statusCode).toBe(410);
      const after = await t.http.get(`${API}/webhooks/${endpoint.id}`).set(bearer(admin));
      expect(after.body.data).toMatchObject({
        enabled: false,
        disabledReason: expect.stringContaining('410'),
      });
      await emit(admin.orgId, 'alert.triggered', { id: 'alv_2' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
      expect(receiver.at('/gone')).toHaveLength(1);
      receiver.reply = () => ({ status: 204 });
    });

    it('does not follow a redirect: a 3xx is a failure', async () => {
      const endpoint = await createEndpoint(admin, {
        url: receiver.url('/moved'),
        events: ['record.completed'],
      });
      receiver.reply = (request) =>
        request.path === '/moved'
          ? { status: 302, headers: { location: receiver.url('/elsewhere') } }
          : { status: 204 };
      await emit(admin.orgId, 'record.completed', { id: 'rec_moved' });
      const failed = await settledDelivery(endpoint.id, 'failed', 3);
      expect(failed.attempts.map((a) => a.statusCode)).toEqual([302, 302, 302]);
      expect(receiver.at('/elsewhere')).toHaveLength(0);
      receiver.reply = () => ({ status: 204 });
    });

    it('fans an event out once per endpoint, however often it is dispatched', async () => {
      const other = await signUp(t.http);
      const endpoint = await createEndpoint(other, {
        url: receiver.url('/once'),
        events: ['record.created'],
      });
      await emit(other.orgId, 'record.created', { id: 'rec_once' });
      const delivered = await settledDelivery(endpoint.id, 'succeeded', 1, other);
      await t.app.get(DeliveriesService).dispatch(other.orgId, delivered.messageId);
      await t.app.get(DeliveriesService).dispatch(other.orgId, delivered.messageId);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await deliveriesOf(endpoint.id, other)).toHaveLength(1);
      expect(receiver.at('/once')).toHaveLength(1);
    });

    it('delivers one event to every subscribed endpoint of an organisation with many of them', async () => {
      const other = await signUp(t.http);
      const endpoints = [];
      for (let i = 0; i < 11; i++)
        endpoints.push(
          await createEndpoint(other, { url: receiver.url(`/many/${i}`), events: ['record.created'] }),
        );
      await createEndpoint(other, { url: receiver.url('/many/unsubscribed'), events: ['record.failed'] });
      await emit(other.orgId, 'record.created', { id: 'rec_many' });
      const delivered = await Promise.all(
        endpoints.map((endpoint) => settledDelivery(endpoint.id, 'succeeded', 1, other)),
      );
      expect(new Set(delivered.map((delivery) => delivery.messageId)).size).toBe(1);
      endpoints.forEach((_, i) => expect(receiver.at(`/many/${i}`)).toHaveLength(1));
      expect(receiver.at('/many/unsubscribed')).toHaveLength(0);
    });

    it('puts back an attempt whose job was lost (sweep of overdue deliveries)', async () => {
      const { endpoint, first } = await endpointWithDeliveredTest('/lost');
      // As after a redelivery whose enqueue failed once its transaction had committed: pending, and no job.
      await t.app.get(DatabaseService).transaction((manager) =>
        manager.query(
          `UPDATE deliveries SET status = 'pending', next_attempt = 2, series_start = 2,
                    next_attempt_at = now() - interval '10 minutes' WHERE id = $1`,
          [first.id],
        ),
      );
      expect(await t.app.get(DeliveriesService).sweepOverdue()).toBeGreaterThanOrEqual(1);
      const again = await settledDelivery(endpoint.id, 'succeeded', 2);
      // The lost attempt (2) is skipped for a fresh number, in case its job still sits in BullMQ as failed.
      expect(again.attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
        [1, 204],
        [3, 204],
      ]);
      expect(new Set(receiver.at('/lost').map((r) => r.headers['webhook-id']))).toEqual(
        new Set([first.messageId]),
      );
    });

    it('settles an attempt run twice at the same moment once, and ends the failing streak', async () => {
      const { endpoint, first } = await endpointWithDeliveredTest('/twice');
      const database = t.app.get(DatabaseService);
      await database.transaction(async (manager) => {
        await manager.query(
          `UPDATE deliveries SET status = 'pending', next_attempt = 2, series_start = 2, next_attempt_at = now()
            WHERE id = $1`,
          [first.id],
        );
        await manager.query(`UPDATE webhook_endpoints SET failing_since = now() WHERE id = $1`, [
          endpoint.id,
        ]);
      });
      const deliveries = t.app.get(DeliveriesService);
      // A job that BullMQ hands out twice (a stalled job taken back while it still runs).
      const results = await Promise.all([
        deliveries.attempt(admin.orgId, first.id, 2),
        deliveries.attempt(admin.orgId, first.id, 2),
      ]);
      expect(results.sort()).toEqual(['skipped', 'succeeded']);
      const [settled] = await deliveriesOf(endpoint.id);
      expect(settled.status).toBe('succeeded');
      expect(settled.attempts.map((a) => a.attempt)).toEqual([1, 2]);
      const [row] = await database.transaction((manager) =>
        manager.query(`SELECT failing_since FROM webhook_endpoints WHERE id = $1`, [endpoint.id]),
      );
      expect(row.failing_since).toBeNull();
    });

    it('sends a webhook.test message on POST /webhooks/:id/test, even to a disabled endpoint', async () => {
      const endpoint = await createEndpoint(admin, {
        url: receiver.url('/test'),
        events: ['record.completed'],
        enabled: false,
      });
      const response = await t.http.post(`${API}/webhooks/${endpoint.id}/test`).set(bearer(admin));
      expect(response.status).toBe(202);
      expect(response.body.data).toMatchObject({ eventType: 'webhook.test', status: 'pending' });
      await settledDelivery(endpoint.id, 'succeeded');
      const [request] = receiver.at('/test');
      const verified = new Webhook(endpoint.secret).verify(
        request.body,
        request.headers as Record<string, string>,
      );
      expect(verified).toMatchObject({ type: 'webhook.test', data: { webhookId: endpoint.id } });
    });

    it('signs with both secrets during a rotation overlap', async () => {
      const endpoint = await createEndpoint(admin, {
        url: receiver.url('/rotate'),
        events: ['record.completed'],
      });
      const rotated = await t.http.post(`${API}/webhooks/${endpoint.id}/rotate-secret`).set(bearer(admin));
      expect(rotated.status).toBe(200);
      const newSecret = rotated.body.data.secret as string;
      expect(newSecret).toMatch(/^whsec_/);
      expect(newSecret).not.toBe(endpoint.secret);
      await t.http.post(`${API}/webhooks/${endpoint.id}/test`).set(bearer(admin)).expect(202);
      await settledDelivery(endpoint.id, 'succeeded');
      const [request] = receiver.at('/rotate');
      expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
      const headers = request.headers as Record<string, string>;
      expect(new Webhook(newSecret).verify(request.body, headers)).toMatchObject({ type: 'webhook.test' });
      expect(new Webhook(endpoint.secret).verify(request.body, headers)).toMatchObject({
        type: 'webhook.test',
      });
    });

    it("disables an endpoint failing for too long and emails the organisation's admins", async () => {
      const owner = await signUp(t.http);
      const secondAdmin = await addMember(t.http, owner, 'admin');
      const agent = await addMember(t.http, owner, 'agent');
      const endpoint = await createEndpoint(owner, {
        url: receiver.url('/dying'),
        events: ['record.failed'],
      });
      receiver.reply = (request) => (request.path === '/dying' ? { status: 500 } : { status: 204 });
      await t.app
        .get(DatabaseService)
        .transaction((manager) =>
          manager.query(
            `UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`,
            [endpoint.id],
          ),
        );
      await emit(owner.orgId, 'record.failed', { id: 'rec_dying' });
      const failed = await settledDelivery(endpoint.id, 'failed', undefined, owner);
      const after = await t.http.get(`${API}/webhooks/${endpoint.id}`).set(bearer(owner));
      expect(after.body.data).toMatchObject({
        enabled: false,
        disabledReason: expect.stringContaining('failed'),
      });
      // Disabled after the first failure: the remaining attempts are not sent.
      expect(receiver.at('/dying')).toHaveLength(1);
      expect(failed.attempts.length).toBeGreaterThanOrEqual(2);
      const mail = await waitFor(
        async () => mails.find((m) => m.text.includes(endpoint.id)),
        WAIT_MS,
        'the disabled-endpoint email',
      );
      expect(mail.to.sort()).toEqual([owner.email, secondAdmin.email].sort());
      expect(mail.to).not.toContain(agent.email);
      receiver.reply = () => ({ status: 204 });
    });
  });

  describe('SSRF', () => {
    it('refuses private addresses on create and update when private networks are not allowed; limits endpoints', async () => {
      const strict = await createTestApp({
        env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_MAX_ENDPOINTS_PER_ORG: '2' },
      });
      try {
        const owner = await signUp(strict.http);
        for (const url of [
          'http://127.0.0.1:9/x',
          'http://localhost/x',
          'http://169.254.169.254/latest',
          'http://[::1]/x',
        ]) {
          const response = await strict.http
            .post(`${API}/webhooks`)
            .set(bearer(owner))
            .send({
              url,
              events: ['record.completed'],
            });
          expect({ url, status: response.status, code: response.body.error?.code }).toEqual({
            url,
            status: 400,
            code: 'VALIDATION_FAILED',
          });
        }
        expect((await strict.http.get(`${API}/webhooks`).set(bearer(owner))).body.meta.total).toBe(0);

        // A public endpoint cannot be moved onto a private address either.
        const publicOne = await strict.http
          .post(`${API}/webhooks`)
          .set(bearer(owner))
          .send({ url: 'https://8.8.8.8/hook', events: ['record.completed'] });
        expect(publicOne.status).toBe(201);
        const moved = await strict.http
          .patch(`${API}/webhooks/${publicOne.body.data.id}`)
          .set(bearer(owner))
          .send({ url: 'http://10.0.0.5/hook' });
        expect(moved.status).toBe(400);
        const kept = await strict.http.get(`${API}/webhooks/${publicOne.body.data.id}`).set(bearer(owner));
        expect(kept.body.data.url).toBe('https://8.8.8.8/hook');

        // The per-organisation limit (2 here): the third endpoint is a 409.
        const second = await strict.http
          .post(`${API}/webhooks`)
          .set(bearer(owner))
          .send({ url: 'https://8.8.4.4/hook', events: ['record.completed'] });
        expect(second.status).toBe(201);
        const third = await strict.http
          .post(`${API}/webhooks`)
          .set(bearer(owner))
          .send({ url: 'https://1.1.1.1/hook', events: ['record.completed'] });
        expect({ status: third.status, code: third.body.error?.code }).toEqual({
          status: 409,
          code: 'CONFLICT',
        });
      } finally {
        await strict.close();
      }
    });

    it('checks the address again at delivery time and sends nothing to a private one', async () => {
      const config = Object.assign(Object.create(AppConfig.prototype) as AppConfig, t.config, {
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
      });
      const outcome = await new WebhookSender(config).send({
        url: receiver.url('/private'),
        messageId: 'evt_x',
        body: '{}',
        secrets: [`whsec_${Buffer.alloc(32, 7).toString('base64')}`],
      });
      expect(outcome.statusCode).toBeUndefined();
      expect(outcome.error).toMatch(/non-public/);
      expect(receiver.at('/private')).toHaveLength(0);
    });
  });

  it('waits for the first attempt when the schedule does not start at once', async () => {
    const late = await createTestApp({
      env: { WEBHOOK_RETRY_SCHEDULE_SECONDS: '2', OUTBOX_RELAY_INTERVAL_MS: '50' },
    });
    try {
      const owner = await signUp(late.http);
      const created = await late.http
        .post(`${API}/webhooks`)
        .set(bearer(owner))
        .send({ url: receiver.url('/later'), events: ['record.created'] });
      expect(created.status).toBe(201);
      const emittedAt = Date.now();
      await late.app
        .get(DatabaseService)
        .transaction((manager) =>
          late.app
            .get(OutboxService)
            .add(manager, { orgId: owner.orgId, type: 'record.created', dedupeKey: 'later', data: {} }),
        );
      const delivered = await waitFor(
        async () => {
          const response = await late.http
            .get(`${API}/webhooks/${created.body.data.id}/deliveries`)
            .set(bearer(owner));
          const [delivery] = response.body.data as DeliveryBody[];
          return delivery?.status === 'succeeded' ? delivery : undefined;
        },
        WAIT_MS,
        'the delayed first attempt',
      );
      expect(Date.now() - emittedAt).toBeGreaterThanOrEqual(2000);
      expect(delivered.attempts.map((attempt) => attempt.attempt)).toEqual([1]);
      expect(receiver.at('/later')).toHaveLength(1);
    } finally {
      await late.close();
    }
  });
});
