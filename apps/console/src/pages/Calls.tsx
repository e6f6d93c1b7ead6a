import type { FormEvent } from 'react';
import { api, ok } from '../api';
import { Badge, ErrorMessage, formatDate, formatSeconds, Loading } from '../components/Feedback';
import { useLoad } from '../components/hooks';
import { type ListMeta, Pager } from '../components/Pager';
import { Snippet } from '../components/Snippet';
import { Link, navigate, useLocation } from '../router';

interface CallRow {
  id: string;
  title?: string | null;
  agentName?: string | null;
  direction?: string | null;
  date?: string;
  duration?: number | null;
  processingStatus: string;
  qualityScore?: number | null;
  analysisResult?: { sentiment?: string | null };
  features?: Record<string, { status: string; reason?: string }>;
  tags?: Array<{ value: string }>;
}

interface Hit {
  recordId: string;
  type?: string;
  snippet: string;
  startTime?: number | null;
}

/** The filters of GET /records the page offers, read from and written to the address bar. */
const FILTERS = [
  'status',
  'direction',
  'sentiment',
  'projectId',
  'tag',
  'from',
  'to',
  'minQualityScore',
  'maxQualityScore',
  'feature',
  'sort',
  'order',
] as const;

const FEATURES = ['transcription', 'redaction', 'sentiment', 'summary', 'scorecard', 'followups', 'alerts'];
const FEATURE_FILTERS = FEATURES.flatMap((feature) =>
  ['failed', 'skipped', 'pending'].map((status): [string, string] => [
    `${feature}:${status}`,
    `${feature} ${status}`,
  ]),
);

const STATUSES = ['pending', 'processing', 'completed', 'failed'];
const SENTIMENTS = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'];

/** A filter chosen from a list, 'any' first; its value comes from (and goes to) the address bar. */
function FilterSelect(props: {
  label: string;
  name: string;
  params: URLSearchParams;
  options: Array<[string, string]>;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} defaultValue={props.params.get(props.name) ?? ''}>
        <option value="">any</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

const STATUS_TONE: Record<string, string> = {
  completed: 'good',
  failed: 'bad',
  processing: 'busy',
  pending: 'busy',
};

export function Calls() {
  const url = useLocation();
  const params = url.searchParams;
  const query = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const { value: projects } = useLoad(
    async () =>
      ok(await api.GET('/api/v1/projects', { params: { query: { pageSize: 100 } as never } }))
        .data as unknown as Array<{ id: string; name: string }>,
    [],
  );
  // A search string shows ranked hits; otherwise the filtered, paged list.
  const { value: found, error } = useLoad(async () => {
    if (query) {
      const answer = ok(
        await api.GET('/api/v1/search', { params: { query: { q: query, limit: 50 } as never } }),
      );
      return { hits: answer.data as Hit[] };
    }
    const filters: Record<string, string | number> = { page, pageSize: 20 };
    for (const name of FILTERS) {
      const value = params.get(name);
      if (value) filters[name] = value;
    }
    const answer = ok(await api.GET('/api/v1/records', { params: { query: filters as never } }));
    return { rows: answer.data as unknown as CallRow[], meta: answer.meta as ListMeta };
  }, [url.search]);
  const rows = found && 'rows' in found ? found.rows : null;
  const hits = found && 'hits' in found ? found.hits : null;
  const meta = found && 'meta' in found ? found.meta : undefined;

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [name, value] of form.entries())
      if (typeof value === 'string' && value.trim()) next.set(name, value.trim());
    navigate(`/calls${next.size ? `?${next}` : ''}`);
  };
  const goTo = (nextPage: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(nextPage));
    navigate(`/calls?${next}`);
  };

  return (
    <>
      <h1>Calls</h1>
      <form className="filters" role="search" onSubmit={apply} key={url.search}>
        <label>
          Search the calls
          <input
            name="q"
            type="search"
            defaultValue={query}
            placeholder='e.g. refund or "cancel my account"'
          />
        </label>
        <FilterSelect
          label="Status"
          name="status"
          params={params}
          options={STATUSES.map((value) => [value, value])}
        />
        <FilterSelect
          label="Direction"
          name="direction"
          params={params}
          options={[
            ['IN', 'inbound'],
            ['OUT', 'outbound'],
          ]}
        />
        <FilterSelect
          label="Sentiment"
          name="sentiment"
          params={params}
          options={SENTIMENTS.map((value) => [value, value])}
        />
        <FilterSelect
          label="Project"
          name="projectId"
          params={params}
          options={(projects ?? []).map((project) => [project.id, project.name])}
        />
        <label>
          Tag
          <input name="tag" defaultValue={params.get('tag') ?? ''} />
        </label>
        <label>
          From
          <input name="from" type="date" defaultValue={params.get('from') ?? ''} />
        </label>
        <label>
          To
          <input name="to" type="date" defaultValue={params.get('to') ?? ''} />
        </label>
        <label>
          Score at least
          <input
            name="minQualityScore"
            type="number"
            min="0"
            max="100"
            defaultValue={params.get('minQualityScore') ?? ''}
          />
        </label>
        <label>
          Score at most
          <input
            name="maxQualityScore"
            type="number"
            min="0"
            max="100"
            defaultValue={params.get('maxQualityScore') ?? ''}
          />
        </label>
        <FilterSelect label="Feature" name="feature" params={params} options={FEATURE_FILTERS} />
        <FilterSelect
          label="Sort by"
          name="sort"
          params={params}
          options={[
            ['date', 'call date'],
            ['duration', 'length'],
            ['qualityScore', 'score'],
          ]}
        />
        <FilterSelect
          label="Order"
          name="order"
          params={params}
          options={[
            ['desc', 'descending'],
            ['asc', 'ascending'],
          ]}
        />
        <button type="submit">Apply</button>
      </form>
      <ErrorMessage error={error} />
      {!error && rows === null && hits === null && <Loading what="calls" />}
      {hits && <SearchResults hits={hits} query={query} />}
      {rows && (
        <>
          {rows.length === 0 ? (
            <p>No calls match.</p>
          ) : (
            <table className="calls">
              <caption className="visually-hidden">Calls</caption>
              <thead>
                <tr>
                  <th scope="col">Call</th>
                  <th scope="col">Date</th>
                  <th scope="col">Length</th>
                  <th scope="col">Status</th>
                  <th scope="col">Score</th>
                  <th scope="col">Sentiment</th>
                  <th scope="col">Features</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <Link href={`/calls/${row.id}`}>{row.title || row.agentName || row.id}</Link>
                      {row.tags?.map((tag) => (
                        <Badge key={tag.value}>{tag.value}</Badge>
                      ))}
                    </td>
                    <td>{formatDate(row.date)}</td>
                    <td>{formatSeconds(row.duration)}</td>
                    <td>
                      <Badge tone={STATUS_TONE[row.processingStatus]}>{row.processingStatus}</Badge>
                    </td>
                    <td>{row.qualityScore ?? '–'}</td>
                    <td>{row.analysisResult?.sentiment ?? '–'}</td>
                    <td>
                      <FeatureBadges features={row.features} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager meta={meta} onPage={goTo} />
        </>
      )}
    </>
  );
}

function SearchResults({ hits, query }: { hits: Hit[]; query: string }) {
  if (hits.length === 0) return <p>Nothing found for “{query}”.</p>;
  return (
    <ol className="hits" aria-label={`Results for ${query}`}>
      {hits.map((hit, index) => (
        <li key={`${hit.recordId}-${index}`}>
          <Link href={`/calls/${hit.recordId}${hit.startTime != null ? `?t=${hit.startTime}` : ''}`}>
            {hit.type ?? 'transcript'} · {hit.recordId}
            {hit.startTime != null && ` · ${formatSeconds(hit.startTime)}`}
          </Link>
          <p>
            <Snippet html={hit.snippet} />
          </p>
        </li>
      ))}
    </ol>
  );
}

const FEATURE_TONE: Record<string, string> = { ok: 'good', failed: 'bad', running: 'busy', pending: 'busy' };

export function FeatureBadges({
  features,
}: {
  features?: Record<string, { status: string; reason?: string }>;
}) {
  if (!features) return null;
  return (
    <span className="features">
      {Object.entries(features)
        .filter(([, feature]) => feature.status !== 'not_supported')
        .map(([name, feature]) => (
          <Badge key={name} tone={FEATURE_TONE[feature.status]}>
            <span title={feature.reason ?? feature.status}>
              {name}: {feature.status}
            </span>
          </Badge>
        ))}
    </span>
  );
}
