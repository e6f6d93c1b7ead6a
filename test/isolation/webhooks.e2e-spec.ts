import { freePort, waitFor } from '../support/processes';
import { bearer } from '../support/auth';
import { describeIsolation } from '../support/isolation';

const API = '/api/v1';

describeIsolation(
  'webhooks',
  [
    {
      name: 'webhook',
      create: async (http, owner) => {
        const response = await http
          .post(`${API}/webhooks`)
          .set(bearer(owner))
          .send({ url: `http://127.0.0.1:${await freePort()}/hook`, events: ['record.completed'] });
        return response.body.data.id as string;
      },
      routes: [
        ['GET', '/webhooks/:id'],
        ['PATCH', '/webhooks/:id', { description: 'changed' }],
        ['DELETE', '/webhooks/:id'],
        ['POST', '/webhooks/:id/rotate-secret'],
        ['POST', '/webhooks/:id/test'],
        ['GET', '/webhooks/:id/deliveries'],
      ],
    },
    {
      name: 'delivery',
      // A test message to a closed port fails on its only attempt (one-step schedule), so it can be redelivered.
      create: async (http, owner) => {
        const endpoint = await http
          .post(`${API}/webhooks`)
          .set(bearer(owner))
          .send({ url: `http://127.0.0.1:${await freePort()}/hook`, events: ['record.completed'] });
        const webhookId = endpoint.body.data.id as string;
        await http.post(`${API}/webhooks/${webhookId}/test`).set(bearer(owner));
        return waitFor(
          async () => {
            const list = await http.get(`${API}/webhooks/${webhookId}/deliveries`).set(bearer(owner));
            const delivery = list.body.data?.[0] as { id: string; status: string } | undefined;
            return delivery?.status === 'failed' ? delivery.id : undefined;
          },
          15_000,
          'a failed test delivery',
        );
      },
      routes: [['POST', '/webhooks/deliveries/:id/redeliver']],
    },
  ],
  { env: { WEBHOOK_RETRY_SCHEDULE_SECONDS: '0' } },
);
