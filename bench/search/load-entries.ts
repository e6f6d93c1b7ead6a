import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Client } from 'pg';
import { newId } from '@app/core';
import { SentenceGenerator } from './corpus-generator';

export interface BenchOrganisation {
  orgId: string;
  records: number;
  projectIds: string[];
  ownerIds: string[];
}

export interface LoadResult {
  sentences: number;
  rows: number;
  /** A record id of each organisation, for spot checks. */
  sampleRecordIds: string[];
  copySeconds: number;
  indexSeconds: number;
}

const COLUMNS =
  'org_id, record_id, kind, ref, project_id, owner_id, start_time, record_date, language, text, created_at';

/** COPY text format: backslash, tab and line breaks escaped; \N is NULL. */
const field = (value: string | number | null) =>
  value === null
    ? '\\N'
    : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n');

/**
 * Loads `totalSentences` transcript sentences (plus a title and a summary per record) with one COPY through psql,
 * streamed: rows are generated as psql consumes them, never held in memory. The secondary indexes are dropped for
 * the load and rebuilt from their own definitions afterwards (the way a bulk load is done), so the benchmark queries
 * run on exactly the schema of the migrations.
 */
export async function loadSearchEntries(
  databaseUrl: string,
  organisations: BenchOrganisation[],
  totalSentences: number,
  generator = new SentenceGenerator(),
): Promise<LoadResult> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE tablename = 'search_entries' AND indexname NOT LIKE '%_pkey'`,
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);

    const totalRecords = organisations.reduce((sum, org) => sum + org.records, 0);
    const perRecord = totalSentences / totalRecords;
    const started = Date.now();
    const psql = spawn(
      'psql',
      [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-c', `COPY search_entries (${COLUMNS}) FROM STDIN`],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    psql.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(psql, 'exit');

    let sentences = 0;
    let rows = 0;
    let recordsDone = 0;
    const sampleRecordIds: string[] = [];
    const dayMs = 24 * 3600 * 1000;
    const epoch = Date.UTC(2026, 0, 1);
    const write = async (line: string) => {
      if (!psql.stdin.write(line)) await once(psql.stdin, 'drain');
    };
    for (const org of organisations) {
      for (let r = 0; r < org.records; r++) {
        recordsDone++;
        const recordId = newId('rec');
        if (r === 0) sampleRecordIds.push(recordId);
        const projectId = generator.pick(org.projectIds);
        const ownerId = generator.pick(org.ownerIds);
        const recordDate = new Date(epoch + Math.floor(generator.next() * 300) * dayMs + 9 * 3600 * 1000);
        const date = recordDate.toISOString();
        // the last record takes whatever keeps the total exact
        const target = Math.round(perRecord * recordsDone);
        const count =
          recordsDone === totalRecords ? totalSentences - sentences : Math.max(1, target - sentences);
        const base = [org.orgId, recordId];
        const scope = [projectId, ownerId];
        let time = 0;
        let chunk = '';
        for (let i = 0; i < count; i++) {
          chunk += [
            ...base,
            'transcript',
            i,
            ...scope,
            time.toFixed(2),
            date,
            'english',
            generator.sentence(),
            date,
          ]
            .map(field)
            .join('\t');
          chunk += '\n';
          time += 2 + generator.next() * 6;
        }
        chunk +=
          [...base, 'title', '', ...scope, null, date, 'english', generator.title(), date]
            .map(field)
            .join('\t') + '\n';
        chunk +=
          [...base, 'summary', '', ...scope, null, date, 'english', generator.summary(), date]
            .map(field)
            .join('\t') + '\n';
        sentences += count;
        rows += count + 2;
        await write(chunk);
      }
    }
    psql.stdin.end();
    const [code] = (await exited) as [number | null];
    if (code !== 0) throw new Error(`COPY failed (${code}): ${stderr.trim()}`);
    const copySeconds = (Date.now() - started) / 1000;

    const indexStarted = Date.now();
    await client.query(`SET maintenance_work_mem = '512MB'`);
    for (const index of indexes) await client.query(index.definition);
    await client.query('VACUUM ANALYZE search_entries');
    return {
      sentences,
      rows,
      sampleRecordIds,
      copySeconds,
      indexSeconds: (Date.now() - indexStarted) / 1000,
    };
  } finally {
    await client.end();
  }
}
