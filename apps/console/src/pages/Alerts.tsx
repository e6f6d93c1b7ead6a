import { useState } from 'react';
import { api, ok } from '../api';
import { ErrorMessage, formatDate, Loading } from '../components/Feedback';
import { useLoad } from '../components/hooks';
import { type ListMeta, Pager } from '../components/Pager';
import { Link } from '../router';

interface AlertEvent {
  id: string;
  alertId?: string;
  recordId: string;
  triggeredAt?: string;
  createdAt?: string;
  matched?: { field?: string; value?: unknown };
}

export function Alerts() {
  const [page, setPage] = useState(1);
  const { value: rules } = useLoad(async () => {
    const list = ok(await api.GET('/api/v1/alerts', { params: { query: { pageSize: 100 } as never } }));
    return new Map((list.data as Array<{ id: string; name: string }>).map((rule) => [rule.id, rule.name]));
  }, []);
  const { value, error } = useLoad(async () => {
    const list = ok(
      await api.GET('/api/v1/alerts/events', { params: { query: { page, pageSize: 20 } as never } }),
    );
    return { events: list.data as unknown as AlertEvent[], meta: list.meta as ListMeta };
  }, [page]);
  const events = value?.events;
  const meta = value?.meta;
  return (
    <>
      <h1>Alert events</h1>
      <ErrorMessage error={error} />
      {!events && !error && <Loading what="alert events" />}
      {events?.length === 0 && <p>No alert has been raised.</p>}
      {events && events.length > 0 && (
        <table>
          <caption className="visually-hidden">Alert events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Rule</th>
              <th scope="col">Matched</th>
              <th scope="col">Call</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{formatDate(event.triggeredAt ?? event.createdAt)}</td>
                <td>{(event.alertId && rules?.get(event.alertId)) ?? event.alertId}</td>
                <td>
                  {event.matched?.field} = {JSON.stringify(event.matched?.value)}
                </td>
                <td>
                  <Link href={`/calls/${event.recordId}`}>{event.recordId}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager meta={meta} onPage={setPage} />
    </>
  );
}
