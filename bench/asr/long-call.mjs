// A long stereo call through the real processes: upload over HTTP to the API, transcription and the later stages in
// a separate worker process, until the record is completed. Reports upload-to-completed time, the worker's CPU per
// second of audio per channel, and its RSS sampled every 2 s (the memory curve: a 60-minute call must stay flat).
//
//   npm run build && node bench/asr/long-call.mjs [--minutes 5,60] [--engine moonshine] [--format wav|mp3]
//        [--json bench/.out/long-call.json]
//
// --format mp3 sends the call as 64 kbit/s stereo MP3 (a 3-hour call as WAV is past the 500 MB upload limit).
//
// The call is the corpus's calls (16 kHz stereo WAV, from bench/asr/engines.mjs's cache) end to end, repeated to the
// length. It creates its own database (parley_bench_asr) and queue prefix, and removes them, its storage and its
// processes afterwards. Needs the services of `npm test`, curl, sox.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { Redis } = require('ioredis');

const root = new URL('../..', import.meta.url).pathname;
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => {
    if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1] ?? 'true']);
    return pairs;
  }, []),
);
const minutesList = (args.minutes ?? '5,60').split(',').map(Number);
const engine = args.engine ?? 'moonshine';
const format = args.format ?? 'wav';
const corpus = join(tmpdir(), 'parley-asr-engines', 'corpus', 'pcm16k');
if (!existsSync(corpus))
  throw new Error('run bench/asr/engines.mjs once first: it prepares the corpus this bench uses');

const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dbName = 'parley_bench_asr';
const dbUrl = new URL(base);
dbUrl.pathname = `/${dbName}`;
const admin = new URL(base);
admin.pathname = '/postgres';
const prefix = `parley-bench-asr-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), 'parley-bench-asr-'));
const port = 4300 + (process.pid % 500);
const api = `http://127.0.0.1:${port}/api/v1`;

const adminClient = new Client({ connectionString: admin.toString() });
await adminClient.connect();
await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await adminClient.query(`CREATE DATABASE ${dbName}`);

const env = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  DATABASE_URL: dbUrl.toString(),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  STORAGE_DIR: join(work, 'storage'),
  TRANSCRIPTION_ENGINE: engine,
  MODELS_DIR: join(root, 'models'),
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
  UPLOAD_SIGNING_SECRET: 'bench-secret-bench-secret-bench-secret',
  WEBHOOK_SECRET_KEY: 'bench-secret-bench-secret-bench-secret',
};
const run = (entry) =>
  spawn(process.execPath, [join(root, 'scripts/run-dist.mjs'), entry], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
execFileSync(process.execPath, [join(root, 'scripts/run-dist.mjs'), 'libs/database/src/migrate.cli.js'], {
  env,
});
const apiProcess = run('apps/api/src/main.js');
const worker = run('apps/worker/src/main.js');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** RSS (MB) and CPU seconds of a process, from /proc. */
function usage(pid) {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { rss, cpu: (Number(fields[11]) + Number(fields[12])) / 100 };
}

async function json(path, init = {}, token) {
  const response = await fetch(`${api}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()).data;
}

const results = [];
try {
  for (let attempt = 0; ; attempt++) {
    const ok = await fetch(`${api}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (attempt > 120) throw new Error('the API did not start');
    await sleep(500);
  }
  const { accessToken: token } = await json('/auth/signup', {
    method: 'POST',
    body: JSON.stringify({
      email: 'bench@example.com',
      password: 'a long bench passphrase',
      name: 'Bench',
      organizationName: 'Bench',
    }),
  });
  const project = await json(
    '/projects',
    { method: 'POST', body: JSON.stringify({ name: 'Long calls' }) },
    token,
  );
  const pieces = readdirSync(corpus)
    .filter((name) => name.endsWith('.wav') && name !== 'silence.wav')
    .sort();
  const pieceSeconds = pieces.map((name) =>
    Number(execFileSync('soxi', ['-D', join(corpus, name)]).toString()),
  );
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

  for (const minutes of minutesList) {
    // The corpus end to end until the length is reached (sox streams; nothing is held whole).
    const chosen = [];
    for (let total = 0, index = 0; total < minutes * 60; index++) {
      chosen.push(join(corpus, pieces[index % pieces.length]));
      total += pieceSeconds[index % pieces.length];
    }
    const wav = join(work, `call-${minutes}.wav`);
    execFileSync('sox', [...chosen, wav, 'trim', '0', String(minutes * 60)]);
    const call = format === 'wav' ? wav : join(work, `call-${minutes}.${format}`);
    if (call !== wav) {
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-b:a', '64k', call]);
      rmSync(wav, { force: true });
    }
    const before = usage(worker.pid);
    const samples = [];
    const started = Date.now();
    const upload = JSON.parse(
      execFileSync(
        'curl',
        [
          '-s',
          '-H',
          `Authorization: Bearer ${token}`,
          '-F',
          `projectId=${project.id}`,
          '-F',
          `file=@${call}`,
          `${api}/records/upload`,
        ],
        {
          maxBuffer: 1 << 20,
        },
      ).toString(),
    ).data;
    const uploadSeconds = (Date.now() - started) / 1000;
    let record;
    for (;;) {
      await sleep(2000);
      samples.push({
        t: Math.round((Date.now() - started) / 1000),
        rssMb: Math.round(usage(worker.pid).rss),
      });
      record = await json(`/records/${upload.id}`, {}, token);
      if (record.processingStatus === 'completed' || record.processingStatus === 'failed') break;
      if (Date.now() - started > 3 * 3600_000) throw new Error('no end after 3 hours');
    }
    const seconds = (Date.now() - started) / 1000;
    const after = usage(worker.pid);
    const transcript = await json(`/records/${upload.id}/transcript`, {}, token);
    const row = {
      minutes,
      engine,
      format,
      status: record.processingStatus,
      uploadSeconds,
      uploadToCompletedSeconds: seconds,
      workerCpuPerChannelSecond: (after.cpu - before.cpu) / (minutes * 60 * 2),
      sentences: transcript.sentences.length,
      workerRssMb: {
        min: Math.min(...samples.map((s) => s.rssMb)),
        max: Math.max(...samples.map((s) => s.rssMb)),
      },
      rssCurve: samples,
      loadBefore,
    };
    results.push(row);
    rmSync(call, { force: true });
    console.log(
      `${minutes} min ${format} ${engine}: ${row.status} ${seconds.toFixed(0)} s after upload (upload ${uploadSeconds.toFixed(1)} s), ` +
        `worker CPU ${row.workerCpuPerChannelSecond.toFixed(3)} s per channel-second, ${row.sentences} sentences, ` +
        `worker RSS ${row.workerRssMb.min}-${row.workerRssMb.max} MB`,
    );
    const every = Math.max(1, Math.floor(samples.length / 12));
    console.log(
      `  RSS over time (s:MB): ${samples
        .filter((_, i) => i % every === 0)
        .map((s) => `${s.t}:${s.rssMb}`)
        .join(' ')}`,
    );
  }
  console.log(`load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} after`);
  if (args.json) {
    mkdirSync(join(args.json, '..'), { recursive: true });
    writeFileSync(args.json, JSON.stringify(results, null, 2));
  }
} finally {
  apiProcess.kill('SIGTERM');
  worker.kill('SIGTERM');
  await sleep(3000);
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await adminClient.end();
  rmSync(work, { recursive: true, force: true });
}
