/**
 * GET /records?pageSize=20 latency as an organisation grows: 10k, 100k (and, with --max 1000000, 1M) records,
 * against the bare SQL of the same page, through the real API (ApiModule in this process, its own database).
 *
 *   node -r ./scripts/ts-hook.cjs bench/records/list-latency.ts [--max 100000] [--requests 200]
 */
import { Client } from 'pg';
import { createMigratedDatabase, startBenchApi } from '../support/bench-api';
import { keepAliveGetter } from '../support/http-get';
import { percentile } from '../support/percentile';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const MAX = arg('max', 100_000);
const REQUESTS = arg('requests', 200);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley';

async function time(work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS + 10; i += 1) {
    const started = process.hrtime.bigint();
    await work();
    if (i >= 10) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main() {
  const url = await createMigratedDatabase(SERVER, 'parley_bench_list');
  const sql = new Client({ connectionString: url });
  await sql.connect();
  const api = await startBenchApi('list', url);
  const http = keepAliveGetter();
  try {
    const signup = await fetch(`${api.base}/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'bench@list.example',
        password: 'bench-password-long-enough',
        name: 'Bench',
        organizationName: 'Bench',
      }),
    }).then((r) => r.json() as Promise<{ data: { accessToken: string; organization: { id: string } } }>);
    const auth = { Authorization: `Bearer ${signup.data.accessToken}` };
    const orgId = signup.data.organization.id;
    const project = await fetch(`${api.base}/projects`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'bench' }),
    }).then((r) => r.json() as Promise<{ data: { id: string } }>);
    let count = 0;
    console.log('records   | API p50 / p95 (ms) | bare SQL page p50 / p95 (ms) | meta');
    for (const size of [10_000, 100_000, 1_000_000].filter((n) => n <= MAX)) {
      await sql.query(
        `INSERT INTO records (id, org_id, project_id, source, processing_status, processing_stage, analysis_status,
                              created_at)
         SELECT 'rec_' || lpad(to_hex(n), 26, '0'), $1, $2, 'upload', 'completed', 'done', 5,
                now() - make_interval(secs => n)
           FROM generate_series($3::int + 1, $4::int) AS n`,
        [orgId, project.data.id, count, size],
      );
      count = size;
      await sql.query('VACUUM ANALYZE records');
      const listUrl = `${api.base}/records?pageSize=20`;
      const meta = JSON.parse((await http.get(listUrl, auth)).body).meta;
      const viaApi = await time(() => http.get(listUrl, auth));
      const bare = await time(() =>
        sql.query(
          `SELECT * FROM records WHERE org_id = $1 AND deleted_at IS NULL
            ORDER BY created_at DESC NULLS LAST, id DESC LIMIT 20`,
          [orgId],
        ),
      );
      console.log(
        `${String(size).padEnd(9)} | ${viaApi.p50.toFixed(1)} / ${viaApi.p95.toFixed(1)}`.padEnd(32) +
          `| ${bare.p50.toFixed(2)} / ${bare.p95.toFixed(2)}`.padEnd(31) +
          `| total ${meta.total}${meta.totalIsEstimate ? ' (estimate)' : ''}`,
      );
    }
  } finally {
    http.close();
    await api.close();
    await sql.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
