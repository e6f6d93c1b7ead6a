/**
 * Erasure of a person across N calls: how long it takes, and the longest transaction it holds.
 *
 *   node -r ./scripts/ts-hook.cjs bench/crm/erasure.ts [--calls 50000] [--others 50000]
 *
 * Creates a database of its own (parley_bench_erasure on DATABASE_URL's server), boots API and worker in this
 * process (LocalModule), signs up one organisation and inserts N completed calls from one number plus --others
 * calls from other numbers (rows only, SQL), then POSTs /privacy/erasure-requests for that number and, while it runs,
 * samples pg_stat_activity every 20 ms for the age of the open transactions of the benchmark database.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { dropDatabase } from '../../test/support/test-database';
import { callApi, createMigratedDatabase, startBenchApi } from '../support/bench-api';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const CALLS = option('calls', 50_000);
const OTHERS = option('others', 50_000);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'parley_bench_erasure';

async function main() {
  const url = await createMigratedDatabase(SERVER, NAME);
  const api = await startBenchApi('erasure', url, {}, 'local');
  const db = new Client({ connectionString: url });
  const watcher = new Client({ connectionString: url });
  await Promise.all([db.connect(), watcher.connect()]);
  try {
    const call = (path: string, init: Parameters<typeof callApi>[2] = {}) => callApi(api.base, path, init);
    const signup = await call('/auth/signup', {
      method: 'POST',
      body: { email: 'era@example.com', password: 'a long passphrase', name: 'Era', organizationName: 'Era' },
    });
    const token = signup.accessToken as string;
    const project = await call('/projects', { method: 'POST', token, body: { name: 'Calls' } });
    const orgId = (signup.organization as { id: string }).id;
    let started = Date.now();
    await db.query(
      `INSERT INTO records (id, org_id, project_id, type, source, "from", customer_phone, processing_status, processing_stage)
       SELECT 'rec_' || lpad(to_hex(g), 26, '0'), $1, $2, 'call', 'upload',
              jsonb_build_object('phoneNumber', CASE WHEN g <= $3::int THEN '+1 555 010 4567' ELSE '+1 555 ' || lpad((g % 1000)::text, 3, '0') || ' 9' || lpad((g % 1000)::text, 3, '0') END),
              CASE WHEN g <= $3::int THEN '+15550104567' ELSE NULL END, 'completed', 'done'
         FROM generate_series(1, $3::int + $4::int) AS g`,
      [orgId, project.id, CALLS, OTHERS],
    );
    console.log(`${CALLS + OTHERS} calls inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    let longest = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await watcher.query(
          `SELECT coalesce(max(extract(epoch FROM now() - xact_start)), 0) AS age FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND state <> 'idle'`,
          [NAME],
        );
        longest = Math.max(longest, Number(rows[0].age));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    started = Date.now();
    const request = await call('/privacy/erasure-requests', {
      method: 'POST',
      token,
      body: { phoneNumber: '+1 555 010 4567' },
    });
    let state = request;
    while (state.status !== 'completed' && state.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      state = await call(`/privacy/erasure-requests/${request.id as string}`, { token });
    }
    sampling = false;
    await sampler;
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM records WHERE org_id = $1`, [orgId]);
    console.log(
      `erasure: ${state.status} in ${((Date.now() - started) / 1000).toFixed(1)} s, matched ${JSON.stringify(state.matched)}; ` +
        `${rows[0].n} calls left; longest transaction seen ${(longest * 1000).toFixed(0)} ms`,
    );
  } finally {
    await Promise.all([db.end(), watcher.end()]);
    await api.close();
    await dropDatabase(SERVER, NAME);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
