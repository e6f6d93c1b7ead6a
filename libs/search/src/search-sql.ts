import { SearchRequest } from './search-entry.types';

/** ts_headline options: <b> around matches, at most two fragments of a long text joined by an ellipsis. */
const HEADLINE_OPTIONS =
  'StartSel=<b>, StopSel=</b>, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * The text with HTML's special characters escaped before ts_headline adds its markers, so a snippet is safe to
 * render as HTML: the only tags in it are the <b> pairs around matches.
 */
const ESCAPED_TEXT = `replace(replace(replace(page.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

export interface SqlStatement {
  sql: string;
  parameters: unknown[];
}

/**
 * The one search statement, for the service and the benchmark alike. Rows of each text-search configuration present
 * in the organisation get a branch of their own, matched with the query parsed by that configuration: a constant
 * tsquery per branch is what lets PostgreSQL use the (org_id, tsv) GIN index. Ranks are ts_rank with normalisation
 * 32 (rank / (rank + 1), so 0..1); the total counts the window's hits; the snippet is built for the page only. Every value is
 * a bind parameter, configurations included.
 *
 * ts_rank rather than ts_rank_cd: both weigh how close the words of an AND or a phrase stand, but cover density costs
 * about 2 µs a row for an OR query against 0.2 µs, and every hit is ranked (`invoice OR receipt`, 14,000 hits:
 * 55 → 34 ms of SQL).
 *
 * Only the newest hits are ranked (by record date, at most request.rankWindow of them, plus one that tells whether
 * there were more): each branch takes them before ts_rank runs, so a frequent word costs about what a rarer one does,
 * and the total is then a lower bound. ts_rank is the part that grew with the hits (about 1.4 µs a hit). The window
 * is sorted on an expression, not the column, so that the planner keeps the GIN bitmap scan: ordered by the column, it
 * may walk the (org_id, record_date) index instead and test every row of the organisation against the query, which
 * made an OR query half again slower with a small window.
 *
 * Ranking is the part that grows with the hits, so it carries only the row reference (ctid), the score and the
 * record date: carrying the text keys too made a frequent word's search a fifth slower. The page's order still
 * breaks ties on record, time, kind and ref: the page is first cut on (score, record date) alone; the rows between
 * its first and last such key — the page plus whatever ties with its ends, usually a few sentences of the same call
 * — are read back and ordered in full, skipping the hits that sort before the first key. Row references are only
 * followed inside the statement, where they cannot change.
 */
export function buildSearchStatement(request: SearchRequest, configurations: string[]): SqlStatement {
  const parameters: unknown[] = [request.orgId, request.query];
  const bind = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  // A deleted (hidden) record leaves search at once and comes back on restore: an anti-join on the organisation's
  // few deleted records (partial index records_deleted_idx) rather than rewriting its entries both times.
  const filters: string[] = [
    `NOT EXISTS (SELECT 1 FROM records deleted WHERE deleted.org_id = $1 AND deleted.deleted_at IS NOT NULL AND deleted.id = e.record_id)`,
  ];
  if (request.ownerId !== undefined) filters.push(`e.owner_id = ${bind(request.ownerId)}`);
  if (request.projectId !== undefined) filters.push(`e.project_id = ${bind(request.projectId)}`);
  if (request.kind !== undefined) filters.push(`e.kind = ${bind(request.kind)}`);
  if (request.from !== undefined) filters.push(`e.record_date >= ${bind(request.from)}`);
  if (request.to !== undefined) filters.push(`e.record_date <= ${bind(request.to)}`);
  const filterSql = filters.map((filter) => ` AND ${filter}`).join('');

  // One more than the window: more hits than it make the total a lower bound.
  const windowRows = bind(request.rankWindow + 1);
  const branches = configurations.map((configuration) => {
    const config = `${bind(configuration)}::regconfig`;
    const query = `websearch_to_tsquery(${config}, $2)`;
    return `SELECT windowed.row_ref, windowed.record_date, ts_rank(windowed.tsv, ${query}, 32) AS score
         FROM (SELECT e.ctid AS row_ref, e.record_date, e.tsv
                 FROM search_entries e
                WHERE e.org_id = $1 AND e.language = ${config} AND e.tsv @@ ${query}${filterSql}
                ORDER BY e.record_date + interval '0' DESC
                LIMIT ${windowRows}) windowed`;
  });
  const limit = bind(request.limit);
  const offset = bind(request.offset);
  // The page is cut on this order first; the full order breaks its ties.
  const coarseOrder = 'score DESC, record_date DESC';
  const order = `${coarseOrder}, record_id, start_time NULLS FIRST, kind, ref`;
  // OFFSET 0 keeps the lateral lookup a nested loop of TID scans: a planner estimating thousands of candidates
  // would otherwise hash-join them against a scan of the whole table.
  const sql = `
    WITH hits AS MATERIALIZED (
      SELECT * FROM (${branches.join('\n      UNION ALL\n      ')}) ranked
       ORDER BY record_date DESC
       LIMIT ${windowRows}
    ),
    coarse_page AS (
      SELECT score, record_date FROM hits ORDER BY ${coarseOrder} LIMIT ${limit} OFFSET ${offset}
    ),
    first_of_page AS (SELECT score, record_date FROM coarse_page ORDER BY ${coarseOrder} LIMIT 1),
    last_of_page AS (SELECT score, record_date FROM coarse_page ORDER BY score, record_date LIMIT 1),
    candidates AS (
      SELECT hits.row_ref, hits.score FROM hits
       WHERE (hits.score, hits.record_date) <= (SELECT score, record_date FROM first_of_page)
         AND (hits.score, hits.record_date) >= (SELECT score, record_date FROM last_of_page)
    ),
    page AS (
      SELECT candidates.score, entry.*
        FROM candidates,
             LATERAL (SELECT e.record_id, e.kind, e.ref, e.start_time, e.created_at, e.record_date, e.language, e.text
                        FROM search_entries e WHERE e.ctid = candidates.row_ref OFFSET 0) entry
       ORDER BY ${order}
       LIMIT ${limit}
      -- Less the hits that sort before the page's first coarse key: candidates start there.
      OFFSET ${offset} - CASE WHEN ${offset} = 0 THEN 0 ELSE (
               SELECT count(*) FROM hits WHERE (hits.score, hits.record_date) > (SELECT score, record_date FROM first_of_page)
             ) END
    )
    SELECT counted.total, page.record_id, page.kind, page.ref, page.start_time, page.created_at, page.record_date,
           page.score,
           ts_headline(page.language, ${ESCAPED_TEXT}, websearch_to_tsquery(page.language, $2), '${HEADLINE_OPTIONS}')
             AS snippet
      FROM (SELECT count(*)::int AS total FROM hits) counted
      LEFT JOIN page ON true
     ORDER BY ${order.replace(/(^|, )/g, '$1page.')}`;
  return { sql, parameters };
}

/**
 * The text-search configurations an organisation's rows use, read as a loose index scan of (org_id, language):
 * one index probe per configuration, however many rows there are.
 */
export const CONFIGURATIONS_SQL = `
  WITH RECURSIVE configurations AS (
    (SELECT language FROM search_entries WHERE org_id = $1 ORDER BY language LIMIT 1)
    UNION ALL
    SELECT (SELECT e.language FROM search_entries e
             WHERE e.org_id = $1 AND e.language > c.language ORDER BY e.language LIMIT 1)
      FROM configurations c
     WHERE c.language IS NOT NULL
  )
  SELECT language::text AS configuration FROM configurations WHERE language IS NOT NULL`;

/**
 * Settings of a search transaction: JIT off (compiling the plan costs more than the query saves at these sizes, and
 * PostgreSQL would choose it whenever a frequent word inflates the estimate) and the statement timeout ($1, ms).
 */
export const SEARCH_SETTINGS_SQL = `SELECT set_config('jit', 'off', true), set_config('statement_timeout', $1, true)`;
