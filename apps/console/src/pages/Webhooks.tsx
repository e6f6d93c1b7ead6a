import { useState } from 'react';
import { api, ok } from '../api';
import { Badge, ErrorMessage, formatDate, Loading, Section } from '../components/Feedback';
import { useLoad } from '../components/hooks';

interface Webhook {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  description?: string | null;
}

interface Delivery {
  id: string;
  event?: string;
  type?: string;
  status: string;
  attempts?: number | unknown[];
  createdAt: string;
  lastStatusCode?: number | null;
}

export function Webhooks() {
  const { value: hooks, error } = useLoad(
    async () => ok(await api.GET('/api/v1/webhooks')).data as unknown as Webhook[],
    [],
  );
  return (
    <>
      <h1>Webhooks</h1>
      <ErrorMessage error={error} />
      {!hooks && !error && <Loading what="webhooks" />}
      {hooks?.length === 0 && <p>No webhook endpoints.</p>}
      {hooks?.map((hook) => (
        <WebhookDeliveries key={hook.id} hook={hook} />
      ))}
    </>
  );
}

function WebhookDeliveries({ hook }: { hook: Webhook }) {
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const loaded = useLoad(
    async () =>
      ok(await api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: hook.id } } }))
        .data as unknown as Delivery[],
    [hook.id],
  );
  const deliveries = loaded.value ?? [];
  const redeliver = async (delivery: Delivery) => {
    setFailure(null);
    try {
      ok(
        await api.POST('/api/v1/webhooks/deliveries/{id}/redeliver', {
          params: { path: { id: delivery.id } },
        }),
      );
      setMessage(`Delivery ${delivery.id} queued again.`);
      loaded.reload();
    } catch (problem) {
      setFailure(problem);
    }
  };
  return (
    <Section title={hook.url} id={`webhook-${hook.id}`}>
      <p>
        {hook.enabled ? <Badge tone="good">enabled</Badge> : <Badge>disabled</Badge>} {hook.events.join(', ')}
      </p>
      {message && <p role="status">{message}</p>}
      <ErrorMessage error={failure ?? loaded.error} />
      {deliveries.length === 0 ? (
        <p>No deliveries yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Deliveries to {hook.url}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <td>{formatDate(delivery.createdAt)}</td>
                <td>{delivery.event ?? delivery.type}</td>
                <td>{delivery.status}</td>
                <td>{Array.isArray(delivery.attempts) ? delivery.attempts.length : delivery.attempts}</td>
                <td>
                  <button type="button" onClick={() => void redeliver(delivery)}>
                    Redeliver
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
