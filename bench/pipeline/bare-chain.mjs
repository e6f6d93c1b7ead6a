// The baseline of the pipeline bench: a bare BullMQ chain of three no-op stages (transcription → analysis →
// alerting) on the same Redis, with W worker processes, each stage's processor only adding the next stage's job.
// What the pipeline adds on top of this is the cost of Parley's own work per stage.
//
//   node bench/pipeline/bare-chain.mjs [--jobs 20000] [--workers 2] [--concurrency 16]
//
// Prints jobs per minute through all three stages and the workers' CPU per job.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Queue, Worker, QueueEvents } = require('bullmq');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) };
const STAGES = ['transcription', 'analysis', 'alerting'];

if (process.argv.includes('--child')) {
  // A worker process: one BullMQ Worker per stage, as Parley's worker runs one per queue.
  const prefix = process.env.BARE_PREFIX;
  const concurrency = Number(process.env.BARE_CONCURRENCY);
  const next = Object.fromEntries(
    STAGES.slice(1).map((stage) => [stage, new Queue(stage, { connection, prefix })]),
  );
  const workers = STAGES.map(
    (stage, i) =>
      new Worker(
        stage,
        async (job) => {
          const following = STAGES[i + 1];
          if (following)
            await next[following].add(`${following}.record`, job.data, {
              jobId: `${job.data.recordId}:${following}:1`,
              removeOnComplete: { age: 3600, count: 1000 },
            });
        },
        { connection, prefix, concurrency, removeOnComplete: { age: 3600, count: 1000 } },
      ),
  );
  process.on('message', async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all(Object.values(next).map((queue) => queue.close()));
    process.exit(0);
  });
  process.send?.('ready');
} else {
  const JOBS = arg('jobs', 20000);
  const WORKERS = arg('workers', 2);
  const CONCURRENCY = arg('concurrency', 16);
  const prefix = `parley-bare-${process.pid}`;
  const env = { ...process.env, BARE_PREFIX: prefix, BARE_CONCURRENCY: String(CONCURRENCY) };
  const children = Array.from({ length: WORKERS }, () =>
    fork(new URL(import.meta.url).pathname, ['--child'], { env }),
  );
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));

  const events = new QueueEvents('alerting', { connection, prefix });
  await events.waitUntilReady();
  let completed = 0;
  const allDone = new Promise((resolve) =>
    events.on('completed', () => {
      completed += 1;
      if (completed === JOBS) resolve();
    }),
  );
  const first = new Queue('transcription', { connection, prefix });
  const started = Date.now();
  for (let i = 0; i < JOBS; i += 1000)
    await first.addBulk(
      Array.from({ length: Math.min(1000, JOBS - i) }, (_, k) => ({
        name: 'transcription.record',
        data: { recordId: `rec_${i + k}`, orgId: 'org_bench', version: 1 },
        opts: { jobId: `rec_${i + k}:transcription:1`, removeOnComplete: { age: 3600, count: 1000 } },
      })),
    );
  await allDone;
  const seconds = (Date.now() - started) / 1000;
  const ticks = (pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  const workerCpuMs = children.reduce((sum, child) => sum + ticks(child.pid), 0) * 10;
  console.log(
    JSON.stringify({
      jobs: JOBS,
      workers: WORKERS,
      concurrency: CONCURRENCY,
      seconds,
      perMinute: Math.round((JOBS / seconds) * 60),
      workerCpuMsPerChain: Number((workerCpuMs / JOBS).toFixed(2)),
    }),
  );
  children.forEach((child) => child.send('stop'));
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  await events.close();
  for (const stage of STAGES) {
    const queue = new Queue(stage, { connection, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  await first.close();
}
