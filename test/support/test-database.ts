import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The migrated template every test file clones (style.md: migrations once, a cloned database per test file). */
export const templateName = (runId: string) => `parley_tpl_${runId}`;

export const adminUrl = (databaseUrl: string) => {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
};

export const databaseUrlFor = (databaseUrl: string, name: string) => {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

export async function withAdmin<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database for one test file from the run's migrated template; returns its URL. */
export async function cloneTemplate(baseUrl: string, runId: string): Promise<{ url: string; name: string }> {
  const name = `parley_t_${runId}_${randomBytes(4).toString('hex')}`;
  await withAdmin(baseUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName(runId)}"`),
  );
  return { url: databaseUrlFor(baseUrl, name), name };
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  await withAdmin(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
