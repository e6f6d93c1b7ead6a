/**
 * Billing summary latency at 5 million ledger rows, through the API and as SQL.
 *
 *   node -r ./scripts/ts-hook.cjs bench/billing/summary-latency.ts [--rows 5000000] [--keep] [--reuse]
 *
 * --keep leaves the database for a later --reuse run, which skips the load and only measures.
 * Creates a database of its own (parley_bench_billing on DATABASE_URL's server), migrates it, boots the API
 * (ApiModule, no worker) on a loopback port, signs up one organisation, COPYs the ledger (streamed into `psql`,
 * never row by row), rebuilds the running totals from it, and times:
 *   - GET /billing/summary/:orgId through HTTP (what a client sees);
 *   - the summary's own SQL (billing account, the month's totals row, available credit);
 *   - for comparison, the month summed from the ledger itself (what the totals row saves);
 *   - GET /billing/usage/:orgId by day and by project (read from the daily rollup), and for comparison the same
 *     day report aggregated from the ledger.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Client } from 'pg';
import { databaseUrlFor, dropDatabase } from '../../test/support/test-database';
import { createMigratedDatabase, migrateDatabase, startBenchApi } from '../support/bench-api';
import { percentile } from '../support/percentile';
import { periodOf } from '@app/billing';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const TOTAL_ROWS = option('rows', 5_000_000);
/** Share of the ledger that belongs to the measured organisation; the rest is spread over OTHER_ORGS. */
const OWN_SHARE = 0.2;
/** Share of the measured organisation's rows in the current month. */
const CURRENT_MONTH_SHARE = 0.25;
const OTHER_ORGS = 2000;
const MONTHS = 12;
const KEEP = args.includes('--keep') || args.includes('--reuse');
const REUSE = args.includes('--reuse');
const BENCH_USER = { email: 'bench-billing@example.test', password: 'bench-password-long-enough' };

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley';
const DB_NAME = 'parley_bench_billing';

const withDatabase = (name: string) => databaseUrlFor(BASE_URL, name);

async function time(label: string, iterations: number, warmup: number, work: () => Promise<void>) {
  for (let i = 0; i < warmup; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  const row = {
    label,
    n: iterations,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples[samples.length - 1],
    mean,
  };
  console.log(
    `| ${row.label} | ${row.n} | ${row.p50.toFixed(2)} | ${row.p95.toFixed(2)} | ${row.p99.toFixed(2)} | ` +
      `${row.max.toFixed(2)} | ${row.mean.toFixed(2)} |`,
  );
  return row;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let entropy = Buffer.alloc(0);
let entropyAt = 0;

/**
 * `<prefix>_<ULID>` as the app writes them, for millions of rows: the ulid package draws its randomness a byte at a
 * time, which would make id generation, not COPY, the cost of the load. Time part from `at`, 80 random bits from a
 * pooled buffer.
 */
function benchId(prefix: string, at: number): string {
  if (entropyAt + 16 > entropy.length) {
    entropy = randomBytes(16 * 65_536);
    entropyAt = 0;
  }
  let time = '';
  for (let i = 0, rest = at; i < 10; i += 1, rest = Math.floor(rest / 32)) time = CROCKFORD[rest % 32] + time;
  let random = '';
  for (let i = 0; i < 16; i += 1) random += CROCKFORD[entropy[entropyAt + i] & 31];
  entropyAt += 16;
  return `${prefix}_${time}${random}`;
}

/** Start of the month `back` months before `now`'s, UTC. */
const monthStart = (now: Date, back: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));

/**
 * Bulk-load practice: the secondary indexes and the unique key are dropped before COPY and built again after it,
 * from their own definitions as the migration created them (read back from the catalogue).
 */
async function withoutSecondaryIndexes(sql: Client, load: () => Promise<number>) {
  const indexes = (
    await sql.query(
      `SELECT indexname, indexdef FROM pg_indexes
        WHERE tablename = 'usage_ledger' AND indexname NOT IN ('usage_ledger_pkey', 'usage_ledger_billed_once')`,
    )
  ).rows as Array<{ indexname: string; indexdef: string }>;
  const unique = (
    await sql.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'usage_ledger_billed_once'`,
    )
  ).rows[0] as { def: string };
  for (const index of indexes) await sql.query(`DROP INDEX ${index.indexname}`);
  await sql.query(`ALTER TABLE usage_ledger DROP CONSTRAINT usage_ledger_billed_once`);
  const copySeconds = await load();
  const started = Date.now();
  await sql.query(`SET maintenance_work_mem = '512MB'`);
  await sql.query(`ALTER TABLE usage_ledger ADD CONSTRAINT usage_ledger_billed_once ${unique.def}`);
  for (const index of indexes) await sql.query(index.indexdef);
  return { copySeconds, indexSeconds: (Date.now() - started) / 1000 };
}

/** Streams TOTAL_ROWS ledger rows in COPY text format into psql's stdin, honouring backpressure. */
async function copyLedger(ownOrgId: string, now: Date): Promise<number> {
  const psql = spawn(
    'psql',
    [
      withDatabase(DB_NAME),
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `COPY usage_ledger (id, org_id, record_id, project_id, stage, version, duration_seconds, minutes,
         unit_price_cents, cost_cents, credit_cents_used, period, created_at, updated_at) FROM STDIN`,
    ],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const exited = once(psql, 'exit');
  const otherOrgs = Array.from({ length: OTHER_ORGS }, () => benchId('org', Date.now()));
  const ownProjects = Array.from({ length: 20 }, () => benchId('prj', Date.now()));
  const otherProjects = Array.from({ length: 200 }, () => benchId('prj', Date.now()));
  const ownRows = Math.round(TOTAL_ROWS * OWN_SHARE);
  const started = Date.now();
  let chunk = '';
  for (let i = 0; i < TOTAL_ROWS; i += 1) {
    const own = i < ownRows;
    const orgId = own ? ownOrgId : otherOrgs[i % OTHER_ORGS];
    const back = own && i < ownRows * CURRENT_MONTH_SHARE ? 0 : 1 + (i % (MONTHS - 1));
    const start = monthStart(now, back).getTime();
    const end = back === 0 ? now.getTime() : monthStart(now, back - 1).getTime();
    const createdAt = new Date(start + Math.floor(Math.random() * (end - start)));
    const duration = Math.round(Math.random() * 1_200_000) / 1000;
    const minutes = Math.ceil(Math.round(duration * 1000) / 60_000);
    const cost = minutes * 2;
    const credit = i % 10 === 0 ? Math.min(cost, 5) : 0;
    const project = own ? ownProjects[i % ownProjects.length] : otherProjects[i % otherProjects.length];
    const stage = i % 7 === 0 ? 'analysis' : 'transcription';
    const at = createdAt.toISOString();
    chunk +=
      `${benchId('use', createdAt.getTime())}\t${orgId}\t${benchId('rec', createdAt.getTime())}\t${project}\t${stage}\t1\t${duration}\t${minutes}\t2\t` +
      `${cost}\t${credit}\t${periodOf(createdAt)}\t${at}\t${at}\n`;
    if (chunk.length > 1 << 20) {
      if (!psql.stdin.write(chunk)) await once(psql.stdin, 'drain');
      chunk = '';
    }
    if ((i + 1) % 1_000_000 === 0)
      console.error(`  copied ${(i + 1) / 1e6}M rows, ${(Date.now() - started) / 1000}s`);
  }
  psql.stdin.end(chunk);
  const [code] = await exited;
  if (code !== 0) throw new Error(`psql COPY exited with ${String(code)}`);
  return (Date.now() - started) / 1000;
}

async function api(base: string, path: string, init: RequestInit & { token?: string } = {}) {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  const body = (await response.json()) as { data: Record<string, unknown> };
  if (response.status >= 300) throw new Error(`${path} answered ${response.status} ${JSON.stringify(body)}`);
  return body.data;
}

/** Loads the ledger for the bench organisation, rebuilds the running totals, adds credits and a budget. */
async function load(sql: Client, base: string, orgId: string, token: string, now: Date): Promise<void> {
  console.error(`loading ${TOTAL_ROWS} ledger rows with COPY ...`);
  const { copySeconds, indexSeconds } = await withoutSecondaryIndexes(sql, () => copyLedger(orgId, now));
  const totalsStarted = Date.now();
  await sql.query(`
    INSERT INTO billing_period_totals (org_id, period, records, minutes, cost_cents, credit_cents_used)
    SELECT org_id, period, count(DISTINCT record_id), sum(minutes), sum(cost_cents), sum(credit_cents_used)
      FROM usage_ledger GROUP BY org_id, period
    ON CONFLICT (org_id, period) DO UPDATE SET records = EXCLUDED.records, minutes = EXCLUDED.minutes,
      cost_cents = EXCLUDED.cost_cents, credit_cents_used = EXCLUDED.credit_cents_used`);
  await sql.query(`
    INSERT INTO billing_daily_usage (org_id, day, project_id, records, minutes, cost_cents, credit_cents_used)
    SELECT org_id, (created_at AT TIME ZONE 'UTC')::date, project_id, count(*), sum(minutes), sum(cost_cents),
           sum(credit_cents_used)
      FROM usage_ledger GROUP BY 1, 2, 3
    ON CONFLICT (org_id, day, project_id) DO UPDATE SET records = EXCLUDED.records, minutes = EXCLUDED.minutes,
      cost_cents = EXCLUDED.cost_cents, credit_cents_used = EXCLUDED.credit_cents_used`);
  const totalsSeconds = (Date.now() - totalsStarted) / 1000;
  const analyzeStarted = Date.now();
  await sql.query('VACUUM ANALYZE usage_ledger');
  await sql.query('VACUUM ANALYZE billing_period_totals');
  await sql.query('VACUUM ANALYZE billing_daily_usage');
  const analyzeSeconds = (Date.now() - analyzeStarted) / 1000;
  for (let i = 0; i < 5; i += 1)
    await api(base, `/billing/credits/${orgId}`, {
      method: 'POST',
      token,
      body: JSON.stringify({ amount: 100, expiresAt: new Date(now.getTime() + (i + 1) * 30 * 86_400_000) }),
    });
  await api(base, `/billing/budget/${orgId}`, {
    method: 'PATCH',
    token,
    body: JSON.stringify({ budgetLimit: 1_000_000 }),
  });
  console.log(
    `load: COPY ${copySeconds.toFixed(1)} s, unique key + indexes ${indexSeconds.toFixed(1)} s, ` +
      `totals + daily rollup rebuild ${totalsSeconds.toFixed(1)} s, VACUUM ANALYZE ${analyzeSeconds.toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  if (REUSE) {
    // A kept database gets the migrations added since it was loaded (they backfill from the ledger).
    const applied = await migrateDatabase(withDatabase(DB_NAME));
    if (applied.length > 0) console.error(`applied ${applied.join(', ')}`);
  } else {
    await createMigratedDatabase(BASE_URL, DB_NAME);
  }
  const apiServer = await startBenchApi('billing', withDatabase(DB_NAME));
  const { base } = apiServer;
  const sql = new Client({ connectionString: withDatabase(DB_NAME) });
  await sql.connect();
  try {
    const now = new Date();
    const session = REUSE
      ? await api(base, '/auth/login', { method: 'POST', body: JSON.stringify(BENCH_USER) })
      : await api(base, '/auth/signup', {
          method: 'POST',
          body: JSON.stringify({ ...BENCH_USER, name: 'Bench', organizationName: 'Bench Org' }),
        });
    const token = session.accessToken as string;
    const me = await api(base, '/auth/me', { token });
    const orgId = (me.organization as { id: string }).id;
    const auth = { authorization: `Bearer ${token}` };
    if (!REUSE) await load(sql, base, orgId, token, now);

    const period = periodOf(now);
    const ledgerRows = (await sql.query(`SELECT count(*)::int AS n FROM usage_ledger`)).rows[0].n as number;
    const own = (
      await sql.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE period = $2)::int AS month
           FROM usage_ledger WHERE org_id = $1`,
        [orgId, period],
      )
    ).rows[0] as { n: number; month: number };
    const size = (await sql.query(`SELECT pg_size_pretty(pg_total_relation_size('usage_ledger')) AS size`))
      .rows[0] as { size: string };
    const load1 = (await import('node:os')).loadavg()[0];
    console.log(
      `\nledger rows: ${ledgerRows}; measured org: ${own.n} rows, ${own.month} in ${period}; ` +
        `usage_ledger with indexes: ${size.size}; load average at start: ${load1.toFixed(1)}\n`,
    );

    const summary = await fetch(`${base}/billing/summary/${orgId}`, { headers: auth });
    console.log(`summary: ${JSON.stringify(await summary.json())}\n`);

    console.log('| measurement | n | p50 ms | p95 ms | p99 ms | max ms | mean ms |');
    console.log('|---|---|---|---|---|---|---|');
    await time('GET /billing/summary/:orgId (HTTP, sequential)', 2000, 200, async () => {
      const response = await fetch(`${base}/billing/summary/${orgId}`, { headers: auth });
      if (response.status !== 200) throw new Error(`summary answered ${response.status}`);
      await response.arrayBuffer();
    });
    await time('baseline: GET /health (no auth, no billing)', 1000, 100, async () => {
      await (await fetch(`${base}/health`)).arrayBuffer();
    });
    await time('baseline: GET /auth/me (token check, no billing)', 1000, 100, async () => {
      await (await fetch(`${base}/auth/me`, { headers: auth })).arrayBuffer();
    });
    await time("summary's SQL (account + month totals row + available credit)", 2000, 200, async () => {
      await sql.query(`SELECT * FROM billing_accounts WHERE org_id = $1`, [orgId]);
      await sql.query(`SELECT * FROM billing_period_totals WHERE org_id = $1 AND period = $2`, [
        orgId,
        period,
      ]);
      await sql.query(
        `SELECT coalesce(sum(remaining_cents), 0) FROM credit_grants WHERE org_id = $1 AND expires_at > now()`,
        [orgId],
      );
    });
    await time('same month summed from the ledger instead (no totals row)', 30, 3, async () => {
      await sql.query(
        `SELECT count(DISTINCT record_id), sum(minutes), sum(cost_cents), sum(credit_cents_used)
           FROM usage_ledger WHERE org_id = $1 AND period = $2`,
        [orgId, period],
      );
    });
    await time('GET /billing/usage/:orgId?groupBy=day (current month, HTTP)', 1000, 100, async () => {
      const response = await fetch(`${base}/billing/usage/${orgId}?groupBy=day&pageSize=31`, {
        headers: auth,
      });
      if (response.status !== 200) throw new Error(`usage answered ${response.status}`);
      await response.arrayBuffer();
    });
    await time('GET /billing/usage/:orgId?groupBy=project (last 12 months, HTTP)', 1000, 100, async () => {
      const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate() + 1));
      const response = await fetch(
        `${base}/billing/usage/${orgId}?groupBy=project&from=${from.toISOString().slice(0, 10)}`,
        { headers: auth },
      );
      if (response.status !== 200) throw new Error(`usage answered ${response.status}`);
      await response.arrayBuffer();
    });
    await time('same day report aggregated from the ledger instead (no rollup)', 30, 3, async () => {
      await sql.query(
        `SELECT (created_at AT TIME ZONE 'UTC')::date, count(DISTINCT record_id), sum(minutes), sum(cost_cents),
                sum(credit_cents_used)
           FROM usage_ledger WHERE org_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY 1 ORDER BY 1`,
        [orgId, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), now],
      );
    });
    const plan = await sql.query(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT to_char(day, 'YYYY-MM-DD'), sum(records), sum(minutes), sum(cost_cents),
              sum(credit_cents_used)
         FROM billing_daily_usage WHERE org_id = $1 AND day >= $2 AND day <= $3 GROUP BY 1 ORDER BY 1`,
      [orgId, `${period}-01`, now.toISOString().slice(0, 10)],
    );
    console.log(
      `\nusage report plan:\n${plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')}`,
    );
  } finally {
    await sql.end();
    await apiServer.close();
    if (!KEEP) await dropDatabase(BASE_URL, DB_NAME);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
