import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadCorpus } from '../support/corpus';
import { PrivatePostgres } from '../support/private-postgres';
import { freePort, PrivateRedis, runDist, sleep, waitFor, waitForOutput } from '../support/processes';

/**
 * Faults on servers of the test's own: a PostgreSQL outage longer than a stage's five quick retries (which used to
 * leave records stuck for good) while calls are in flight. API and worker are real processes.
 */
/**
 * The suite runs short outages with three calls; the outside scale (two minutes, ten calls) is the same test
 * with PARLEY_OUTAGE_SECONDS=120 PARLEY_OUTAGE_CALLS=10.
 */
const OUTAGE_SECONDS = Number(process.env.PARLEY_OUTAGE_SECONDS ?? 0);
const CALLS_IN_FLIGHT = Number(process.env.PARLEY_OUTAGE_CALLS ?? 3);
const POSTGRES_DOWN_MS = (OUTAGE_SECONDS || 45) * 1000;
const REDIS_DOWN_MS = (OUTAGE_SECONDS || 30) * 1000;
/** How soon after the return every call in flight must have completed. */
const RECOVERY_MS = 180_000;

describe('outages: PostgreSQL down while calls are in flight', () => {
  const corpus = loadCorpus({ rate: 16000, formats: ['wav'] });
  const CALL_IDS = [
    'wrong-number',
    'billing-refund',
    'appointment-booking',
    'pii-payment',
    'sales-discovery',
  ];
  /** `count` corpus calls, in turn, starting at `offset`. */
  const calls = (count: number, offset: number) =>
    Array.from({ length: count }, (_, i) => CALL_IDS[(offset + i) % CALL_IDS.length]);
  const work = mkdtempSync(join(tmpdir(), 'parley-outage-'));
  const prefix = `parley-outage-${process.pid}`;
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  const processes: Array<ReturnType<typeof runDist>> = [];
  let api: string;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    redis = await PrivateRedis.start({ persist: true });
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api/v1`;
    mkdirSync(join(work, 'storage'));
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      STORAGE_DIR: join(work, 'storage'),
      SIGNUP_MAX_PER_ADDRESS_PER_HOUR: '1000',
    };
    const migrate = runDist('libs/database/src/migrate.cli.js', env);
    expect(await migrate.exited).toBe(0);
    processes.push(runDist('apps/api/src/main.js', env), runDist('apps/worker/src/main.js', env));
    await waitFor(
      () =>
        fetch(`${api}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
      'the API',
    );
    await waitForOutput(processes[1], 'Worker started', 60_000, 'the worker');
  }, 120_000);

  afterAll(async () => {
    for (const child of processes) child.child.kill('SIGKILL');
    await postgres?.destroy();
    await redis?.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  const call = async (path: string, init: RequestInit = {}, token?: string) => {
    const response = await fetch(`${api}${path}`, {
      ...init,
      headers: {
        ...(init.body instanceof FormData ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    const body = (await response.json().catch(() => null)) as { data: Record<string, string> } | null;
    return { status: response.status, data: body?.data };
  };

  /** A new organisation whose owner uploads the corpus calls `ids`; the token and the record ids. */
  const uploadCalls = async (email: string, ids: string[]) => {
    const signup = await call('/auth/signup', {
      method: 'POST',
      body: JSON.stringify({ email, password: 'a long passphrase', name: 'Ops', organizationName: email }),
    });
    const token = signup.data!.accessToken;
    const project = await call(
      '/projects',
      { method: 'POST', body: JSON.stringify({ name: 'Outage' }) },
      token,
    );
    const records: string[] = [];
    for (const id of ids) {
      const form = new FormData();
      form.set('projectId', project.data!.id);
      form.set('file', new Blob([readFileSync(corpus.file(id))]), `${id}.wav`);
      const created = await call('/records/upload', { method: 'POST', body: form }, token);
      expect(created.status).toBe(201);
      records.push(created.data!.id);
    }
    return { token, records };
  };

  const waitUntilCompleted = (token: string, records: string[], timeoutMs: number) =>
    waitFor(
      async () => {
        const states = await Promise.all(records.map((id) => call(`/records/${id}`, {}, token)));
        return states.every((state) => state.data?.processingStatus === 'completed');
      },
      timeoutMs,
      'every record to complete after the outage',
    );

  /** Exactly once: one transcript, one analysis, one ledger row and one record.completed per record. */
  const expectExactlyOnce = async (records: string[]) => {
    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const count = async (sql: string) => Number((await db.query(sql, [records])).rows[0].count);
      expect(await count(`SELECT count(*) FROM transcripts WHERE record_id = ANY($1)`)).toBe(records.length);
      expect(await count(`SELECT count(*) FROM analyses WHERE record_id = ANY($1)`)).toBe(records.length);
      expect(await count(`SELECT count(*) FROM usage_ledger WHERE record_id = ANY($1)`)).toBe(records.length);
      expect(
        await count(
          `SELECT count(*) FROM outbox_events WHERE type = 'record.completed' AND payload->'data'->>'id' = ANY($1)`,
        ),
      ).toBe(records.length);
    } finally {
      await db.end();
    }
  };

  it(
    `completes ${CALLS_IN_FLIGHT} records in flight exactly once after a ${POSTGRES_DOWN_MS / 1000}-second outage`,
    async () => {
      const { token, records: ids } = await uploadCalls('ops@example.com', calls(CALLS_IN_FLIGHT, 0));

      // Down for longer than the five quick retries of a stage (2 + 4 + 8 + 16 s).
      await postgres.stop();
      const downAt = Date.now();
      // A request that needs the database answers at once that it is unavailable, and when to try again.
      const during = await fetch(`${api}/records`, { headers: { Authorization: `Bearer ${token}` } });
      expect(Date.now() - downAt).toBeLessThan(10_000);
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('5');
      expect(((await during.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
      await sleep(POSTGRES_DOWN_MS - (Date.now() - downAt));
      await postgres.restart();

      const started = Date.now();
      await waitUntilCompleted(token, ids, RECOVERY_MS);
      process.stdout.write(
        `[outage] PostgreSQL back; ${ids.length} calls completed in ${Date.now() - started} ms\n`,
      );
      // The outage did reach the stages: they waited it out instead of spending their attempts.
      expect(processes[1].output()).toMatch(/database unavailable, trying again/);
      await expectExactlyOnce(ids);
    },
    POSTGRES_DOWN_MS + RECOVERY_MS + 120_000,
  );

  it(
    `completes ${CALLS_IN_FLIGHT} records in flight exactly once after a ${REDIS_DOWN_MS / 1000}-second Redis outage`,
    async () => {
      const { token, records: ids } = await uploadCalls('redis@example.com', calls(CALLS_IN_FLIGHT, 3));
      // The calls are being transcribed or analysed when Redis goes.
      await redis.stop();
      await sleep(REDIS_DOWN_MS);
      await redis.restart();

      const started = Date.now();
      await waitUntilCompleted(token, ids, RECOVERY_MS);
      process.stdout.write(
        `[outage] Redis back; ${ids.length} calls completed in ${Date.now() - started} ms\n`,
      );
      await expectExactlyOnce(ids);
    },
    REDIS_DOWN_MS + RECOVERY_MS + 120_000,
  );
});
