// Pipeline stage overhead: recordings per minute through transcription → analysis → alerting → completed with the
// `none` engine (no recognition), real worker processes, PostgreSQL and Redis; and the share of the database's
// active time spent waiting on locks (pg_stat_activity sampled every 10 ms), with the statements that waited.
//
//   npm run build && node bench/pipeline/run.mjs [--records 2000] [--workers 2] [--typed [--scripted]] [--orgs 1] [--concurrency 16] [--utterances 10] [--profile DIR]
//
// It creates its own database (parley_bench_pipeline) and queue prefix, inserts the records as an upload would
// leave them (queued, with a short stereo WAV in storage), enqueues their first stage, and times until every one is
// completed. Needs ffmpeg (for the one WAV) and the services of `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { Queue } = require('bullmq');
const { ulid } = require('ulid');

const root = new URL('../..', import.meta.url).pathname;
const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const RECORDS = arg('records', 2000);
// --utterances N: each record comes with a transcript of N turns (as a call uploaded with its transcript, engine
// `none`), so analysis works on real text, as for a typed transcript; 0 (the default) leaves it empty.
// --typed: records as POST /transcribes makes them (type transcript, no audio: no recognition, no redacted copy),
// each with a ten-turn conversation (or --utterances N) whose names, numbers and wording vary from record to record.
const TYPED = process.argv.includes('--typed');
// --scripted: typed records whose agents say lines that recur from call to call (a greeting, "I understand…") with
// names, amounts and dates changing; without it every utterance of every record is unique (it names its case).
const SCRIPTED = process.argv.includes('--scripted');
const UTTERANCES = arg('utterances', TYPED ? 10 : 0);
// --profile DIR: each worker writes a V8 CPU profile there when it exits (open it in Chrome's DevTools).
const profileAt = process.argv.indexOf('--profile');
const profileArgs = profileAt > 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.argv[profileAt + 1]}`] : [];
const WORKERS = arg('workers', 2);
// --concurrency N: jobs each worker runs at once per stage queue (ANALYSIS_CONCURRENCY and the others).
const CONCURRENCY = arg('concurrency', 16);
const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley');
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const dbName = 'parley_bench_pipeline';
const dbUrl = new URL(base);
dbUrl.pathname = `/${dbName}`;
const admin = new URL(base);
admin.pathname = '/postgres';
const prefix = `parley-bench-${process.pid}`;
const storage = mkdtempSync(join(tmpdir(), 'parley-bench-'));

const adminClient = new Client({ connectionString: admin.toString() });
await adminClient.connect();
await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await adminClient.query(`CREATE DATABASE ${dbName}`);
await adminClient.end();

const env = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATABASE_URL: dbUrl.toString(),
  REDIS_URL: redisUrl.toString(),
  QUEUE_PREFIX: prefix,
  STORAGE_DIR: storage,
  TRANSCRIPTION_ENGINE: 'none',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  UPLOAD_SIGNING_SECRET: 'bench-secret-bench-secret-bench-secret',
  WEBHOOK_SECRET_KEY: 'bench-secret-bench-secret-bench-secret',
  ANALYSIS_CONCURRENCY: String(CONCURRENCY),
  TRANSCRIPTION_CONCURRENCY: String(CONCURRENCY),
  ALERTING_CONCURRENCY: String(CONCURRENCY),
};
execFileSync(process.execPath, [join(root, 'scripts/run-dist.mjs'), 'libs/database/src/migrate.cli.js'], {
  env,
});

const db = new Client({ connectionString: dbUrl.toString() });
await db.connect();
// --orgs N: the records are spread over N organisations, record i going to organisation i mod N.
const ORGS = arg('orgs', 1);
const orgs = Array.from({ length: ORGS }, () => ({ orgId: `org_${ulid()}`, projectId: `prj_${ulid()}` }));
for (const { orgId, projectId } of orgs) {
  await db.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Bench')`, [orgId]);
  await db.query(`INSERT INTO projects (id, org_id, name) VALUES ($1, $2, 'Bench')`, [projectId, orgId]);
}

// One short stereo call, shared by every record (the storage key is per record, as uploads make it).
const wav = join(storage, 'sample.wav');
execFileSync('ffmpeg', [
  '-v',
  'error',
  '-f',
  'lavfi',
  '-i',
  'sine=frequency=300:duration=30:sample_rate=8000',
  '-ac',
  '2',
  wav,
]);
const ids = Array.from({ length: RECORDS }, () => `rec_${ulid()}`);
const orgIds = ids.map((_, n) => orgs[n % ORGS].orgId);
const projectIds = ids.map((_, n) => orgs[n % ORGS].projectId);
if (TYPED) {
  await db.query(
    `INSERT INTO records (id, org_id, project_id, source, type, duration, processing_status, processing_stage,
                          analysis_status, features)
     SELECT id, org_id, project_id, 'transcribe', 'transcript', 30, 'pending', 'queued', 1,
            '{"transcription": {"status": "skipped", "reason": "a typed transcript has no audio to recognise", "attempts": 0}}'
     FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, org_id, project_id)`,
    [ids, orgIds, projectIds],
  );
} else {
  ids.forEach((id, n) => mkdirSync(join(storage, orgIds[n], id), { recursive: true }));
  execFileSync('sh', ['-c', `for d in ${storage}/org_*/*/; do ln "${wav}" "$d/original.wav"; done`]);
  await db.query(
    `INSERT INTO records (id, org_id, project_id, source, storage_key, format, codec, sample_rate, channels, duration,
                          processing_status, processing_stage, analysis_status)
     SELECT id, org_id, project_id, 'upload', org_id || '/' || id || '/original.wav', 'wav', 'pcm_s16le', 8000, 2,
            30, 'pending', 'queued', 1
     FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, org_id, project_id)`,
    [ids, orgIds, projectIds],
  );
}

if (UTTERANCES > 0) {
  const lines = [
    ['agent', 'Thank you for calling Acme support, my name is Dana, how can I help you today?'],
    ['customer', 'Hi, I was charged twice for my subscription this month and I would like a refund.'],
    ['agent', 'I am sorry to hear that. Can you confirm the email address on the account?'],
    ['customer', 'Sure, it is jane.doe@example.com and my phone number is 555 0134.'],
    ['agent', 'Thank you. I can see the duplicate charge of 49 dollars from March 3rd.'],
    ['customer', 'That is frustrating, this is the second time it has happened.'],
    ['agent', 'I understand. I will issue the refund now and email you the confirmation today.'],
    ['customer', 'Great, how long will the refund take to arrive?'],
    ['agent', 'It usually takes three to five business days. Is there anything else I can help with?'],
    ['customer', 'No, that is all. Thanks for your help.'],
  ];
  // Typed records vary their wording (names, products, amounts, dates), so that nothing cached from one call's text
  // serves the next, as on real traffic.
  const names = [
    'Dana',
    'Sam',
    'Priya',
    'Luis',
    'Mei',
    'Tom',
    'Aisha',
    'Jonas',
    'Olga',
    'Ken',
    'Rosa',
    'Ibrahim',
  ];
  const things = [
    'subscription',
    'internet plan',
    'phone bill',
    'insurance policy',
    'order',
    'membership',
    'account',
  ];
  const companies = ['Acme', 'Northwind', 'Contoso', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay'];
  const varied = (text, n) =>
    text
      .replace('Acme', companies[n % companies.length])
      .replace('Dana', names[n % names.length])
      .replace('subscription', things[n % things.length])
      .replace('49 dollars', `${20 + (n % 180)} dollars`)
      .replace('March 3rd', `${['March', 'April', 'May', 'June'][n % 4]} ${1 + (n % 28)}`)
      .replace('555 0134', `555 ${String(1000 + ((n * 7919) % 9000))}`)
      .replace('jane.doe', `${names[(n + 3) % names.length].toLowerCase()}.${n}`)
      .replace('three to five', ['two to four', 'three to five', 'five to seven', 'up to ten'][n % 4])
      .concat(SCRIPTED ? '' : ` That is for case ${10_000 + n}.`);
  const speakers = [
    { speakerId: 'agent', speakerLabel: 'Agent', role: 'agent' },
    { speakerId: 'customer', speakerLabel: 'Customer', role: 'customer' },
  ];
  const sentencesOf = (n) =>
    Array.from({ length: UTTERANCES }, (_, index) => {
      const [role, text] = lines[index % lines.length];
      const said = TYPED ? varied(text, n) : text;
      return { speakerId: role, startTime: index * 3, endTime: index * 3 + 2.8, text: said, confidence: 1 };
    });
  await db.query(
    `INSERT INTO transcripts (id, org_id, record_id, version, engine, language, duration, speakers, sentences)
     SELECT 'trn_' || substr(id, 5), org_id, id, 1, 'none', 'en', 30, $3::jsonb, s::jsonb
     FROM unnest($1::text[], $2::text[], $4::text[]) AS t(id, org_id, s)`,
    [ids, orgIds, JSON.stringify(speakers), ids.map((_, n) => JSON.stringify(sentencesOf(n)))],
  );
}

const workers = Array.from({ length: WORKERS }, () =>
  spawn(process.execPath, [...profileArgs, join(root, 'scripts/run-dist.mjs'), 'apps/worker/src/main.js'], {
    env,
    stdio: 'inherit',
  }),
);
await new Promise((resolve) => setTimeout(resolve, 5000));

// Lock waits: what the database's active backends are waiting on, sampled every 10 ms while the records run.
const sampler = new Client({ connectionString: admin.toString() });
await sampler.connect();
const samples = { active: 0, lockWaits: 0, byQuery: new Map() };
let sampling = true;
const sampling$ = (async () => {
  while (sampling) {
    const { rows: active } = await sampler.query(
      `SELECT wait_event_type, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query
         FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
      [dbName],
    );
    for (const row of active) {
      samples.active += 1;
      if (row.wait_event_type !== 'Lock') continue;
      samples.lockWaits += 1;
      samples.byQuery.set(row.query, (samples.byQuery.get(row.query) ?? 0) + 1);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
})();

const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) };
// A typed transcript enters the pipeline at analysis, as POST /transcribes queues it.
const firstStage = TYPED ? 'analysis' : 'transcription';
const queue = new Queue(firstStage, { connection, prefix });
const started = Date.now();
await queue.addBulk(
  ids.map((recordId, n) => ({
    name: `${firstStage}.record`,
    data: { recordId, orgId: orgIds[n], version: 1 },
    opts: { jobId: `${recordId}:${firstStage}:1`, attempts: 5, removeOnComplete: { age: 3600, count: 1000 } },
  })),
);
let done = 0;
while (done < RECORDS) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM records WHERE processing_status = 'completed'`,
  );
  done = rows[0].n;
  if (Date.now() - started > 15 * 60_000) break;
}
const seconds = (Date.now() - started) / 1000;
sampling = false;
await sampling$;
await sampler.end();
const { rows } = await db.query(
  `SELECT (SELECT count(*) FROM transcripts)::int AS transcripts, (SELECT count(*) FROM analyses)::int AS analyses,
          (SELECT count(*) FROM outbox_events WHERE type = 'record.completed')::int AS completed_events`,
);
// CPU spent on the work, from /proc: the worker processes and the database's backends serving this database (their
// clock ticks since they started; the workers' startup is in it, about a second each).
const ticks = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
};
const backendPids = (
  await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName])
).rows.map((row) => row.pid);
const TICK_MS = 1000 / 100;
// Transactions committed in the benchmark database: each statement outside a transaction counts as one.
const { rows: transactions } = await db.query(
  `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1`,
  [dbName],
);
const workerCpuMs = workers.reduce((sum, worker) => sum + ticks(worker.pid), 0) * TICK_MS;
const databaseCpuMs = backendPids.reduce((sum, pid) => sum + ticks(pid), 0) * TICK_MS;
console.log(
  JSON.stringify({
    records: RECORDS,
    utterances: UTTERANCES,
    typed: TYPED,
    organisations: ORGS,
    scripted: SCRIPTED,
    workerCpuMsPerRecord: Number((workerCpuMs / done).toFixed(1)),
    databaseCpuMsPerRecord: Number((databaseCpuMs / done).toFixed(1)),
    databaseTransactionsPerRecord: Number((Number(transactions[0].n) / done).toFixed(1)),
    completed: done,
    workers: WORKERS,
    concurrency: CONCURRENCY,
    seconds,
    perMinute: Math.round((done / seconds) * 60),
    ...rows[0],
    activeDatabaseSamples: samples.active,
    lockWaitSamples: samples.lockWaits,
    lockWaitShare: samples.active ? Number((samples.lockWaits / samples.active).toFixed(3)) : 0,
    lockWaitsBy: Object.fromEntries([...samples.byQuery].sort((a, b) => b[1] - a[1]).slice(0, 5)),
  }),
);

await Promise.all(
  workers.map((worker) => {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    return exited;
  }),
);
await queue.obliterate({ force: true }).catch(() => undefined);
await queue.close();
await db.end();
rmSync(storage, { recursive: true, force: true });
process.exit(0);
