import { withAdmin } from './test-database';

/** Drops the run's template and any clone a crashed test file left behind. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.PARLEY_TEST_RUN_ID;
  const baseUrl = process.env.PARLEY_TEST_BASE_DATABASE_URL;
  if (!runId || !baseUrl) return;
  await withAdmin(baseUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`parley_t_${runId}_%`, `parley_tpl_${runId}`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
