import { api, ok } from '../api';
import { type Followup, FOLLOWUP_STATUSES } from '../call-types';
import { ErrorMessage, Loading } from '../components/Feedback';
import { useLoad } from '../components/hooks';
import { type ListMeta, Pager } from '../components/Pager';
import { navigate, useLocation } from '../router';
import { canEdit, useSession } from '../session';
import { FollowupItem, STATUS_TEXT } from './call/FollowupsPanel';

/** Follow-ups across calls, for a team lead (an agent sees those of its own calls, as the API answers). */
export function Followups() {
  const { me } = useSession();
  const url = useLocation();
  const status = url.searchParams.get('status') ?? '';
  const page = Number(url.searchParams.get('page') ?? '1') || 1;
  const { value, error, setValue } = useLoad(async () => {
    const list = ok(
      await api.GET('/api/v1/followups', {
        params: { query: { page, pageSize: 20, ...(status ? { status } : {}) } as never },
      }),
    );
    return { items: list.data as unknown as Followup[], meta: list.meta as ListMeta };
  }, [status, page]);
  const items = value?.items;
  const replace = (next: Followup) =>
    setValue(
      (loaded) =>
        loaded && { ...loaded, items: loaded.items.map((item) => (item.id === next.id ? next : item)) },
    );
  return (
    <>
      <h1>Follow-ups</h1>
      <label>
        Show
        <select
          value={status}
          onChange={(event) =>
            navigate(`/followups${event.target.value ? `?status=${event.target.value}` : ''}`)
          }
        >
          <option value="">all</option>
          {FOLLOWUP_STATUSES.map((value) => (
            <option key={value} value={value}>
              {STATUS_TEXT[value]}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} />
      {!items && !error && <Loading what="follow-ups" />}
      {items?.length === 0 && <p>No follow-ups.</p>}
      <ul className="followups">
        {items?.map((item) => (
          <FollowupItem key={item.id} followup={item} editable={canEdit(me)} onChange={replace} showCall />
        ))}
      </ul>
      <Pager
        meta={value?.meta}
        onPage={(next) =>
          navigate(`/followups?${new URLSearchParams({ ...(status ? { status } : {}), page: String(next) })}`)
        }
      />
    </>
  );
}
