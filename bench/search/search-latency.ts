/**
 * Search latency at 1 million transcript sentences across 50,000 records, through the API and as raw SQL.
 *
 *   node -r ./scripts/ts-hook.cjs bench/search/search-latency.ts [--sentences 1000000] [--records 50000]
 *        [--iterations 200] [--rank-window 10000] [--tuned-postgres] [--keep]
 *
 * --rank-window sets SEARCH_RANK_WINDOW for the API and the same window for the SQL: how many of the newest hits are
 * ranked (a window larger than any hit count, e.g. 1000000, ranks every hit, as before the window existed).
 *
 * Creates a database of its own (parley_bench_search on DATABASE_URL's server), migrates it, boots the API
 * (ApiModule, no worker) on a loopback port, signs up the measured organisation with an agent, COPYs the rows
 * (bench/search/load-entries.ts: generated while streamed into psql, never row by row) and times each typical
 * query two ways in the same run, the two calls alternating:
 *   - GET /search through HTTP (what a client sees: auth, validation, the service, JSON);
 *   - the same SQL the repository sends (a transaction, jit off, configurations probe, search statement),
 *     straight through one pg connection.
 * The measured organisation holds 40% of the rows; the rest is spread over 30 others. --tuned-postgres runs it all
 * on a private PostgreSQL cluster with production memory settings (bench/search/tuned-postgres.ts) instead.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { inclusiveUpperBound, newId } from '@app/core';
import { databaseUrlFor, dropDatabase } from '../../test/support/test-database';
import { createMigratedDatabase, startBenchApi } from '../support/bench-api';
import { keepAliveGetter } from '../support/http-get';
import { percentile } from '../support/percentile';
import { buildSearchStatement, CONFIGURATIONS_SQL, SEARCH_SETTINGS_SQL, SearchRequest } from '@app/search';
import { freePort } from '../../test/support/processes';
import { BenchOrganisation, loadSearchEntries } from './load-entries';
import { startTunedPostgres } from './tuned-postgres';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SENTENCES = option('sentences', 1_000_000);
const RECORDS = option('records', 50_000);
const ITERATIONS = option('iterations', 200);
const RANK_WINDOW = option('rank-window', 10_000);
const OWN_SHARE = 0.4;
const OTHER_ORGS = 30;
const KEEP = args.includes('--keep');

const TUNED = args.includes('--tuned-postgres');
/** The server measured: DATABASE_URL's, or with --tuned-postgres a private cluster with production memory settings. */
let serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley';
const DB_NAME = 'parley_bench_search';

const withDatabase = (name: string) => databaseUrlFor(serverUrl, name);

interface Samples {
  /** Wall-clock milliseconds per call, sorted. */
  wall: number[];
  /** CPU milliseconds per call (this process + the PostgreSQL backends serving it), sorted. */
  cpu: number[];
}

/** Nanoseconds a process has spent on a CPU (/proc/<pid>/schedstat); 0 when it is gone. */
function onCpuNs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

/** One side of a comparison: the call to time and the PostgreSQL backends that serve it. */
interface TimedCall {
  backends: () => Promise<number[]>;
  work: () => Promise<void>;
}

/**
 * Times each call by the wall clock and by CPU spent: this Node process (API, client and driver) plus the call's
 * PostgreSQL backends. On a machine whose cores are shared with other work the wall clock includes waiting for a
 * core; the CPU time is what the call costs, i.e. its latency on cores of its own.
 *
 * The calls alternate, one of each per iteration and each first every other time, so a drift in the machine's speed
 * (a quarter within an hour on a shared host) lands on both sides of the comparison instead of on whichever ran later.
 */
async function sampleInterleaved<Side extends string>(
  iterations: number,
  warmup: number,
  calls: Record<Side, TimedCall>,
): Promise<Record<Side, Samples>> {
  const sides = Object.keys(calls) as Side[];
  for (let i = 0; i < warmup; i += 1) for (const side of sides) await calls[side].work();
  const pids = {} as Record<Side, number[]>;
  const samples = {} as Record<Side, Samples>;
  for (const side of sides) {
    pids[side] = await calls[side].backends();
    samples[side] = { wall: [], cpu: [] };
  }
  for (let i = 0; i < iterations; i += 1) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      const ownBefore = process.cpuUsage();
      const dbBefore = pids[side].reduce((sum, pid) => sum + onCpuNs(pid), 0);
      const start = process.hrtime.bigint();
      await calls[side].work();
      samples[side].wall.push(Number(process.hrtime.bigint() - start) / 1e6);
      const own = process.cpuUsage(ownBefore);
      const db = pids[side].reduce((sum, pid) => sum + onCpuNs(pid), 0) - dbBefore;
      samples[side].cpu.push((own.user + own.system) / 1e3 + db / 1e6);
    }
  }
  for (const side of sides) {
    samples[side].wall.sort((a, b) => a - b);
    samples[side].cpu.sort((a, b) => a - b);
  }
  return samples;
}

/**
 * How much of a core a busy loop gets right now: CPU time over wall time. On an idle machine close to 100%; when
 * other work shares the cores, every latency above stretches by about its inverse.
 */
function cpuShare(): number {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let spin = 0;
  while (Number(process.hrtime.bigint() - wallStart) < 2e9) spin += Math.sqrt(spin + 1);
  const cpu = process.cpuUsage(cpuStart);
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e3;
  return spin > 0 ? (cpu.user + cpu.system) / wall : 0;
}

interface Session {
  accessToken: string;
  user: { id: string };
}

interface Signup extends Session {
  organization: { id: string };
}

interface BenchQuery {
  label: string;
  params: Record<string, string>;
  agent?: boolean;
}

async function main(): Promise<void> {
  const tuned = TUNED ? startTunedPostgres(await freePort()) : undefined;
  if (tuned) serverUrl = tuned.url;
  try {
    await measure();
  } finally {
    tuned?.stop();
  }
}

async function measure(): Promise<void> {
  await createMigratedDatabase(serverUrl, DB_NAME);
  const apiServer = await startBenchApi('search', withDatabase(DB_NAME), {
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    SEARCH_RANK_WINDOW: String(RANK_WINDOW),
  });
  const { base } = apiServer;
  const sql = new Client({ connectionString: withDatabase(DB_NAME) });
  await sql.connect();
  const post = async <T>(path: string, body: object, token?: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (response.status >= 300)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { data: T }).data;
  };
  try {
    const owner = await post<Signup>('/auth/signup', {
      email: `bench-${Date.now()}@example.test`,
      password: 'bench-password-long-enough',
      name: 'Bench',
      organizationName: 'Bench Org',
    });
    const orgId = owner.organization.id;
    const ownerToken = owner.accessToken;
    const invite = await post<{ inviteToken: string }>(
      '/users/invite',
      { email: `agent-${Date.now()}@example.test`, role: 'agent' },
      ownerToken,
    );
    const agent = await post<Session>('/auth/accept-invite', {
      token: invite.inviteToken,
      password: 'bench-password-long-enough',
      name: 'Bench Agent',
    });
    const agentToken = agent.accessToken;
    const projectIds: string[] = [];
    for (const name of ['Support', 'Billing', 'Sales', 'Retention', 'Claims'])
      projectIds.push((await post<{ id: string }>('/projects', { name }, ownerToken)).id);
    // 20 agents own the organisation's records; the measured agent is one of them.
    const ownerIds = [agent.user.id, ...Array.from({ length: 19 }, () => newId('usr'))];

    const ownRecords = Math.round(RECORDS * OWN_SHARE);
    const organisations: BenchOrganisation[] = [{ orgId, records: ownRecords, projectIds, ownerIds }];
    const perOther = Math.floor((RECORDS - ownRecords) / OTHER_ORGS);
    for (let i = 0; i < OTHER_ORGS; i += 1)
      organisations.push({
        orgId: newId('org'),
        records: i === OTHER_ORGS - 1 ? RECORDS - ownRecords - perOther * (OTHER_ORGS - 1) : perOther,
        projectIds: [newId('prj'), newId('prj')],
        ownerIds: Array.from({ length: 5 }, () => newId('usr')),
      });

    console.error(`loading ${SENTENCES} sentences across ${RECORDS} records with COPY ...`);
    const load = await loadSearchEntries(withDatabase(DB_NAME), organisations, SENTENCES);
    const counts = (
      await sql.query(
        `SELECT count(*)::int AS rows, count(*) FILTER (WHERE kind = 'transcript')::int AS sentences,
                count(DISTINCT record_id)::int AS records,
                count(*) FILTER (WHERE org_id = $1)::int AS own_rows,
                pg_size_pretty(pg_total_relation_size('search_entries')) AS size,
                pg_size_pretty(pg_relation_size('search_entries_tsv_idx')) AS gin_size
           FROM search_entries`,
        [orgId],
      )
    ).rows[0];
    const settings = (
      await sql.query(
        `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
                current_setting('work_mem') AS work_mem`,
      )
    ).rows[0];
    console.log(
      `\nrows: ${counts.rows} (${counts.sentences} sentences + a title and a summary per record), ` +
        `${counts.records} records, measured org: ${counts.own_rows} rows (${ownRecords} records), ` +
        `${OTHER_ORGS} other orgs; search_entries with indexes: ${counts.size} (GIN ${counts.gin_size})`,
    );
    console.log(
      `load: COPY ${load.copySeconds.toFixed(1)} s, index build + VACUUM ANALYZE ${load.indexSeconds.toFixed(1)} s; ` +
        `PostgreSQL ${settings.version}, shared_buffers ${settings.shared_buffers}, work_mem ${settings.work_mem}\n`,
    );

    const march = { from: '2026-03-01', to: '2026-03-31' };
    const queries: BenchQuery[] = [
      { label: 'refund (frequent word)', params: { q: 'refund' } },
      { label: '"cancel my subscription" (phrase)', params: { q: '"cancel my subscription"' } },
      { label: 'invoice OR receipt', params: { q: 'invoice OR receipt' } },
      { label: 'crashing -router (exclusion)', params: { q: 'crashing -router' } },
      {
        label: 'manager, type=transcript, one month',
        params: { q: 'manager', type: 'transcript', ...march },
      },
      { label: 'discount, one project', params: { q: 'discount', projectId: projectIds[0] } },
      { label: '"charged twice" as an agent (own records)', params: { q: '"charged twice"' }, agent: true },
      { label: 'technician (summaries)', params: { q: 'technician', type: 'summary' } },
    ];

    console.log('Wall clock, on the shared machine\n');
    console.log('| query | hits | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms | API/SQL p95 |');
    console.log('|---|---|---|---|---|---|---|');
    const rows: Array<{
      label: string;
      apiP50: number;
      apiP95: number;
      sqlP50: number;
      sqlP95: number;
      apiCpuP50: number;
      apiCpuP95: number;
      sqlCpuP50: number;
      sqlCpuP95: number;
    }> = [];
    const sqlPid = (await sql.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    // The API's pool connections, found after its first requests: every backend of the bench database but ours.
    const apiBackends = async (): Promise<number[]> =>
      (
        await sql.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          [DB_NAME],
        )
      ).rows.map((row: { pid: number }) => row.pid);
    const client = keepAliveGetter();
    for (const query of queries) {
      const token = query.agent ? agentToken : ownerToken;
      const url = `${base}/search?${new URLSearchParams(query.params).toString()}`;
      const request: SearchRequest = {
        orgId,
        query: query.params.q,
        ownerId: query.agent ? agent.user.id : undefined,
        projectId: query.params.projectId,
        kind: query.params.type as SearchRequest['kind'],
        from: query.params.from ? new Date(query.params.from) : undefined,
        // As the service reads it: a bare day is the whole day.
        to: query.params.to ? inclusiveUpperBound(new Date(query.params.to)) : undefined,
        limit: 10,
        offset: 0,
        rankWindow: RANK_WINDOW,
      };
      let total = 0;
      let sqlTotal = 0;
      const { api, sql: raw } = await sampleInterleaved(ITERATIONS, 10, {
        api: {
          backends: apiBackends,
          work: async () => {
            const response = await client.get(url, { authorization: `Bearer ${token}` });
            if (response.status !== 200)
              throw new Error(`${url} answered ${response.status}: ${response.body}`);
            total = (JSON.parse(response.body) as { meta: { total: number } }).meta.total;
          },
        },
        sql: {
          backends: async () => [sqlPid],
          work: async () => {
            await sql.query('BEGIN');
            await sql.query(SEARCH_SETTINGS_SQL, ['5000']);
            const configurations = (await sql.query(CONFIGURATIONS_SQL, [orgId])).rows.map(
              (row: { configuration: string }) => row.configuration,
            );
            const statement = buildSearchStatement(request, configurations);
            const { rows } = await sql.query(statement.sql, statement.parameters);
            // The statement counts one hit past the window (which tells a lower bound); the service reports the window.
            sqlTotal = Math.min(rows[0]?.total ?? 0, RANK_WINDOW);
            await sql.query('COMMIT');
          },
        },
      });
      if (sqlTotal !== total) throw new Error(`${query.label}: API total ${total}, SQL total ${sqlTotal}`);
      const row = {
        label: query.label,
        apiP50: percentile(api.wall, 50),
        apiP95: percentile(api.wall, 95),
        sqlP50: percentile(raw.wall, 50),
        sqlP95: percentile(raw.wall, 95),
        apiCpuP50: percentile(api.cpu, 50),
        apiCpuP95: percentile(api.cpu, 95),
        sqlCpuP50: percentile(raw.cpu, 50),
        sqlCpuP95: percentile(raw.cpu, 95),
      };
      rows.push(row);
      console.log(
        `| ${row.label} | ${total} | ${row.apiP50.toFixed(1)} | ${row.apiP95.toFixed(1)} | ` +
          `${row.sqlP50.toFixed(1)} | ${row.sqlP95.toFixed(1)} | ${(row.apiP95 / row.sqlP95).toFixed(2)} |`,
      );
    }
    client.close();
    console.log(
      '\nCPU time per call (this process + its PostgreSQL backends): the latency with cores of its own\n',
    );
    console.log('| query | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms | API/SQL p95 |');
    console.log('|---|---|---|---|---|---|');
    for (const row of rows)
      console.log(
        `| ${row.label} | ${row.apiCpuP50.toFixed(1)} | ${row.apiCpuP95.toFixed(1)} | ` +
          `${row.sqlCpuP50.toFixed(1)} | ${row.sqlCpuP95.toFixed(1)} | ${(row.apiCpuP95 / row.sqlCpuP95).toFixed(2)} |`,
      );
    console.log(
      `\nload average (1 min) at the end: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores; ` +
        `CPU share this process got in a 2 s busy loop: ${(cpuShare() * 100).toFixed(0)}% of a core`,
    );

    const explain = buildSearchStatement(
      { orgId, query: 'refund', limit: 10, offset: 0, rankWindow: RANK_WINDOW },
      (await sql.query(CONFIGURATIONS_SQL, [orgId])).rows.map(
        (row: { configuration: string }) => row.configuration,
      ),
    );
    await sql.query('BEGIN');
    await sql.query(SEARCH_SETTINGS_SQL, ['5000']);
    const plan = await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${explain.sql}`, explain.parameters);
    await sql.query('COMMIT');
    console.log(
      `\nplan of "refund":\n${plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')}`,
    );
  } finally {
    await sql.end();
    await apiServer.close();
    if (!KEEP) await dropDatabase(serverUrl, DB_NAME);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
