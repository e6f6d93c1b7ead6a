/**
 * CRM linking at size: importing 10,000 customers through the API, and matching a call against 100,000 customers.
 *
 *   node -r ./scripts/ts-hook.cjs bench/crm/run.ts [--customers 100000] [--matches 200]
 *
 * Creates a database of its own (parley_bench_crm on DATABASE_URL's server), boots the API (ApiModule) on a loopback
 * port, signs up one organisation and:
 *   - times POST /crm/customers:import with 10,000 customers as CSV (and again as an upsert of the same rows);
 *   - imports further batches until the organisation holds --customers customers;
 *   - times CrmMatcher.match (what the analysis stage runs for each call) for --matches calls, half with a number
 *     that exists (DIRECT), a quarter national-only (FUZZY), a quarter unknown (NOT_FOUND), and shows the plan.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { CrmMatcher } from '@app/crm';
import { dropDatabase } from '../../test/support/test-database';
import { createMigratedDatabase, startBenchApi } from '../support/bench-api';
import { percentile } from '../support/percentile';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const CUSTOMERS = option('customers', 100_000);
const MATCHES = option('matches', 200);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'parley_bench_crm';

/** A US number per index: +1 2xx 5xx xxxx, all distinct. */
const numberOf = (i: number) =>
  `+1 ${200 + (i % 700)} ${500 + (Math.floor(i / 700) % 400)} ${String(i % 10_000).padStart(4, '0')}`;
const csvOf = (from: number, count: number) =>
  [
    'name,customerType,externalId,phoneNumbers,emailAddresses',
    ...Array.from({ length: count }, (_, k) => {
      const i = from + k;
      return `Customer ${i},ACCOUNT,ext-${i},${numberOf(i)},c${i}@example.com`;
    }),
  ].join('\n');

async function main() {
  const url = await createMigratedDatabase(SERVER, NAME);
  const api = await startBenchApi('crm', url);
  const db = await new DataSource(
    dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }),
  ).initialize();
  try {
    const signup = await fetch(`${api.base}/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'crm@example.com',
        password: 'a long passphrase',
        name: 'CRM',
        organizationName: 'CRM',
      }),
    }).then((r) => r.json() as Promise<{ data: { accessToken: string; organization: { id: string } } }>);
    const token = signup.data.accessToken;
    const importCsv = async (csv: string) => {
      const started = performance.now();
      const response = await fetch(`${api.base}/crm/customers:import`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` },
        body: csv,
      });
      const body = (await response.json()) as { data: unknown };
      if (!response.ok) throw new Error(JSON.stringify(body));
      return { ms: performance.now() - started, result: body.data };
    };
    const first = await importCsv(csvOf(0, 10_000));
    console.log(
      `import of 10,000 new customers: ${(first.ms / 1000).toFixed(2)} s ${JSON.stringify(first.result)}`,
    );
    const again = await importCsv(csvOf(0, 10_000));
    console.log(
      `the same 10,000 again (upsert): ${(again.ms / 1000).toFixed(2)} s ${JSON.stringify(again.result)}`,
    );
    for (let from = 10_000; from < CUSTOMERS; from += 10_000)
      await importCsv(csvOf(from, Math.min(10_000, CUSTOMERS - from)));
    const [{ n, org }] = await db.query(`SELECT count(*)::int AS n, min(org_id) AS org FROM crm_customers`);
    console.log(`customers in the organisation: ${n}`);

    const matcher = new CrmMatcher();
    const times: number[] = [];
    const sources: Record<string, number> = {};
    for (let k = 0; k < MATCHES; k++) {
      const i = Math.floor(Math.random() * CUSTOMERS);
      const numbers =
        k % 4 < 2 ? [numberOf(i)] : k % 4 === 2 ? [numberOf(i).replace('+1 ', '')] : ['+44 20 7946 0958'];
      const started = performance.now();
      const match = await matcher.match(db.manager, org, numbers);
      times.push(performance.now() - started);
      sources[match.source] = (sources[match.source] ?? 0) + 1;
    }
    times.sort((a, b) => a - b);
    console.log(
      `match against ${n} customers, ${MATCHES} calls: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms ${JSON.stringify(sources)}`,
    );
    const plan = await db.query(
      `EXPLAIN ANALYZE SELECT id FROM (SELECT id, org_id FROM crm_customers WHERE phones_e164 && $2::text[] OFFSET 0) found
        WHERE org_id = $1 ORDER BY id LIMIT 10`,
      [org, ['+12005000001']],
    );
    console.log(plan.map((row: Record<string, string>) => Object.values(row)[0]).join('\n'));
  } finally {
    await db.destroy();
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
