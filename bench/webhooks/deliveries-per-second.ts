/**
 * Webhook deliveries per second to a local receiver, through the whole path: outbox rows committed in
 * transactions → OutboxRelay → webhooks queue (DispatchEvent) → one delivery per endpoint → first attempts sent by
 * the dispatch job (retries would be DeliverWebhook jobs) →
 * signed HTTP POST → attempt logged and delivery marked succeeded.
 *
 *   node -r ./scripts/ts-hook.cjs bench/webhooks/deliveries-per-second.ts \
 *     [--events 5000] [--endpoints 2] [--concurrency 64] [--workers 1]
 *
 * Creates a database of its own (parley_bench_webhooks on DATABASE_URL's server), migrates it, starts a receiver
 * (node:http, answers 204) and `--workers` worker processes (WorkerModule, like `npm run start:worker`) on a
 * queue prefix of their own, writes the events, and measures from the first commit until the last delivery has
 * succeeded. Latency is delivered_at − event created_at.
 */
import 'reflect-metadata';
import { fork, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { newId } from '@app/core';
import { deleteKeys } from '../../test/support/redis-keys';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const EVENTS = option('events', 5000);
const ENDPOINTS = option('endpoints', 2);
const CONCURRENCY = option('concurrency', 64);
const WORKERS = option('workers', 1);
const BATCH = 500;
/** `--profile <dir>`: each worker writes a V8 CPU profile there when it stops. */
const PROFILE_DIR = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley';
const DB_NAME = 'parley_bench_webhooks';
const withDatabase = (name: string) => {
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

async function sql<T = unknown>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A worker process: the real WorkerModule, booted the way apps/worker/src/main.ts does. */
async function runWorker(): Promise<void> {
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  await app.init();
  process.send?.('ready');
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (message === 'stop') void app.close().then(() => process.exit(0));
  });
}

async function main(): Promise<void> {
  await sql(withDatabase('postgres'), `DROP DATABASE IF EXISTS ${DB_NAME}`);
  await sql(withDatabase('postgres'), `CREATE DATABASE ${DB_NAME}`);
  const storageDir = await mkdtemp(join(tmpdir(), 'parley-bench-webhooks-'));

  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const env = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: withDatabase(DB_NAME),
    DATABASE_POOL_SIZE: '20',
    QUEUE_PREFIX: `parley-bench-${randomBytes(4).toString('hex')}`,
    STORAGE_DIR: storageDir,
    WEBHOOKS_CONCURRENCY: String(CONCURRENCY),
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    OUTBOX_RELAY_INTERVAL_MS: '50',
  };
  Object.assign(process.env, env);

  // The first worker migrates the database (MIGRATIONS_RUN_AT_START); the others start after it.
  const workers: ChildProcess[] = [];
  for (let i = 0; i < WORKERS; i += 1) {
    const child = fork(__filename, ['--worker'], {
      env,
      execArgv: [
        '-r',
        join(__dirname, '..', '..', 'scripts', 'ts-hook.cjs'),
        ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
      ],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    workers.push(child);
  }

  const { DatabaseModule, DatabaseService } = await import('@app/database');
  const { CoreModule } = await import('@app/core');
  const { QueueModule } = await import('@app/queue');
  const { OutboxService, WebhooksModule, WebhooksService } = await import('@app/webhooks');
  const { Module } = await import('@nestjs/common');
  @Module({ imports: [CoreModule, DatabaseModule, QueueModule, WebhooksModule] })
  class ProducerModule {}
  const producer = await NestFactory.createApplicationContext(ProducerModule, { logger: ['error'] });
  await producer.init();

  const orgId = newId('org');
  const context = {
    orgId,
    actor: { kind: 'user' as const, userId: newId('usr') },
    role: 'owner' as const,
    scopes: [],
  };
  for (let i = 0; i < ENDPOINTS; i += 1)
    await producer.get(WebhooksService).create(context, { url: receiverUrl, events: ['record.completed'] });

  const cpuOfWorkers = async () => {
    const usages = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<number>((resolve) => {
            worker.once('message', (reply: { cpu: NodeJS.CpuUsage }) =>
              resolve(reply.cpu.user + reply.cpu.system),
            );
            worker.send('cpu');
          }),
      ),
    );
    return usages.reduce((sum, value) => sum + value, 0) / 1000;
  };
  const cpuBefore = await cpuOfWorkers();
  const expected = EVENTS * ENDPOINTS;
  const database = producer.get(DatabaseService);
  const outbox = producer.get(OutboxService);
  const started = performance.now();
  for (let from = 0; from < EVENTS; from += BATCH) {
    await database.transaction(async (manager) => {
      for (let i = from; i < Math.min(EVENTS, from + BATCH); i += 1)
        await outbox.add(manager, {
          orgId,
          type: 'record.completed',
          dedupeKey: `bench:${i}`,
          data: { id: `rec_${i}`, status: 'completed', duration: 312.4, tags: ['bench'] },
        });
    });
  }
  const written = performance.now();

  const dbUrl = withDatabase(DB_NAME);
  let succeeded = 0;
  for (;;) {
    [{ succeeded }] = await sql<{ succeeded: number }>(
      dbUrl,
      `SELECT count(*)::int AS succeeded FROM deliveries WHERE status = 'succeeded'`,
    );
    if (succeeded >= expected) break;
    if (performance.now() - started > 600_000) throw new Error(`only ${succeeded}/${expected} after 10 min`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const [{ first_delivered, last_delivered }] = await sql<{ first_delivered: Date; last_delivered: Date }>(
    dbUrl,
    `SELECT min(delivered_at) AS first_delivered, max(delivered_at) AS last_delivered FROM deliveries`,
  );
  const seconds = (performance.now() - started) / 1000;
  const [latency] = await sql<{ p50: number; p95: number; p99: number }>(
    dbUrl,
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM d.delivered_at - e.created_at) * 1000 AS ms
               FROM deliveries d JOIN outbox_events e ON e.id = d.event_id) t`,
  );
  const [{ attempts }] = await sql<{ attempts: number }>(
    dbUrl,
    `SELECT count(*)::int AS attempts FROM delivery_attempts`,
  );
  const workerCpuMs = (await cpuOfWorkers()) - cpuBefore;
  const failedAttempts = await sql<{ error: string; status_code: number | null; count: number }>(
    dbUrl,
    `SELECT left(coalesce(error, ''), 80) AS error, status_code, count(*)::int AS count FROM delivery_attempts
      WHERE status_code IS DISTINCT FROM 204 GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5`,
  );
  const steady = (last_delivered.getTime() - first_delivered.getTime()) / 1000;
  console.log(
    JSON.stringify(
      {
        events: EVENTS,
        endpoints: ENDPOINTS,
        workers: WORKERS,
        concurrencyPerWorker: CONCURRENCY,
        deliveries: succeeded,
        received,
        attemptsLogged: attempts,
        writeEventsSeconds: +((written - started) / 1000).toFixed(2),
        totalSeconds: +seconds.toFixed(2),
        deliveriesPerSecond: Math.round(succeeded / seconds),
        deliveriesPerSecondFirstToLast: Math.round(succeeded / steady),
        workerCpuMsPerDelivery: +(workerCpuMs / succeeded).toFixed(3),
        loadAverage1m: +loadavg()[0].toFixed(1),
        failedAttempts,
        latencyMs: {
          p50: Math.round(latency.p50),
          p95: Math.round(latency.p95),
          p99: Math.round(latency.p99),
        },
      },
      null,
      2,
    ),
  );

  await producer.close();
  for (const worker of workers) {
    worker.send('stop');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
  receiver.close();
  await rm(storageDir, { recursive: true, force: true });
  await deleteKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `${env.QUEUE_PREFIX}:*`);
  await sql(withDatabase('postgres'), `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
}

const run = args.includes('--worker') ? runWorker : main;
run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
