/**
 * Upload throughput and memory: a 500 MB WAV through POST /records/upload (multipart), tus and the two-step upload,
 * with local storage and with STORAGE_DRIVER=s3 (an s3rver process), each against a fresh API process (dist/,
 * `npm run build` first), compared with a plain `cp` of the same file on the same disk.
 *
 *   npm run build && node bench/upload/run.mjs [--mb 500] [--chunk-mb 64]
 *
 * Needs PostgreSQL and Redis as in .env (DATABASE_URL, REDIS_URL); creates and drops a database of its own
 * (parley_bench_upload). Reports MB/s and the API process's peak resident memory (VmHWM from /proc/<pid>/status),
 * with a bare Node http server writing the body to a file as the floor any Node upload path sits on.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Buffer } from 'node:buffer';
import pg from 'pg';

const root = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SIZE_MB = option('mb', 500);
const CHUNK_BYTES = option('chunk-mb', 64) * 1024 * 1024;
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley';
const DB_NAME = 'parley_bench_upload';
const MB = 1024 * 1024;

const withDatabase = (name) => {
  const url = new URL(BASE_DB);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin(sql) {
  const client = new pg.Client({ connectionString: withDatabase('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A WAV of about SIZE_MB: 48 kHz stereo 16-bit tone (bytes are bytes; ffprobe still has to accept it). */
function audioFile(dir) {
  const seconds = Math.round((SIZE_MB * MB - 44) / (48000 * 2 * 2));
  const path = join(dir, `bench-${SIZE_MB}mb.wav`);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-ac',
    '2',
    '-c:a',
    'pcm_s16le',
    path,
  ]);
  return path;
}

function json(method, url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(url, {
      method,
      headers: {
        ...headers,
        ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : {} }),
      );
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Sends `parts` (Buffers and file ranges) as one streamed request body; resolves with the response. */
function streamed(method, url, headers, parts) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    (async () => {
      for (const part of parts) {
        if (Buffer.isBuffer(part)) {
          if (!req.write(part)) await new Promise((r) => req.once('drain', r));
        } else {
          await pipeline(createReadStream(part.path, { start: part.start, end: part.end }), req, {
            end: false,
          });
        }
      }
      req.end();
    })().catch(reject);
  });
}

const peakRssMb = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line.replace(/\D+/g, '')) / 1024;
};

/** The S3-compatible server the tests use (s3rver, its own process), with one bucket; `env` points the API at it. */
async function startS3(dir) {
  const child = spawn(
    process.execPath,
    [join(root, 'test', 'support', 's3-server-process.mjs'), dir, 'bench'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      if (buffered.includes('\n')) resolve(buffered.split('\n')[0]);
    });
    child.once('exit', () => reject(new Error('the S3 server did not start')));
  });
  const { endpoint, accessKeyId, secretAccessKey } = JSON.parse(line);
  return {
    child,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: 'bench',
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      STORAGE_TEMP_DIR: join(dir, '..', 'api-temp'),
    },
  };
}

async function startApi(storageDir, extraEnv = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'scripts', 'run-dist.mjs'), 'apps/api/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      DATABASE_URL: withDatabase(DB_NAME),
      QUEUE_PREFIX: `bench-upload-${randomBytes(3).toString('hex')}`,
      STORAGE_DIR: storageDir,
      MAX_UPLOAD_BYTES: String((SIZE_MB + 100) * MB),
      UPLOAD_SIGNING_SECRET: randomBytes(32).toString('hex'),
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; i < 300; i += 1) {
    const ok = await json('GET', `${base}/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return { child, base };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('API did not start');
}

async function stopApi(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function signIn(base) {
  const signup = await json('POST', `${base}/auth/signup`, {
    email: `bench-${randomBytes(4).toString('hex')}@example.test`,
    password: 'bench-password-long-enough',
    name: 'Bench',
    organizationName: 'Bench',
  });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.body)}`);
  const auth = { Authorization: `Bearer ${signup.body.data.accessToken}` };
  const project = await json('POST', `${base}/projects`, { name: 'bench' }, auth);
  return { auth, projectId: project.body.data.id };
}

async function multipart(base, file, size) {
  const { auth, projectId } = await signIn(base);
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="projectId"\r\n\r\n${projectId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.wav"\r\n` +
      'Content-Type: audio/wav\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const started = process.hrtime.bigint();
  const response = await streamed(
    'POST',
    `${base}/records/upload`,
    {
      ...auth,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': head.length + size + tail.length,
    },
    [head, { path: file, start: 0, end: size - 1 }, tail],
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (response.status !== 201) throw new Error(`multipart: ${response.status} ${response.text}`);
  return seconds;
}

async function tus(base, file, size) {
  const { auth, projectId } = await signIn(base);
  const tusHeaders = { ...auth, 'Tus-Resumable': '1.0.0' };
  const started = process.hrtime.bigint();
  const created = await json('POST', `${base}/tus`, undefined, {
    ...tusHeaders,
    'Upload-Length': String(size),
    'Upload-Metadata': `projectId ${Buffer.from(projectId).toString('base64')},filename ${Buffer.from('bench.wav').toString('base64')}`,
  });
  if (created.status !== 201) throw new Error(`tus create: ${created.status}`);
  const location = new URL(created.headers.location, base).toString();
  let offset = 0;
  let last;
  while (offset < size) {
    const end = Math.min(offset + CHUNK_BYTES, size) - 1;
    last = await streamed(
      'PATCH',
      location,
      {
        ...tusHeaders,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': end - offset + 1,
      },
      [{ path: file, start: offset, end }],
    );
    if (last.status !== 204) throw new Error(`tus patch: ${last.status} ${last.text}`);
    offset = Number(last.headers['upload-offset']);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!last.headers['parley-record-id']) throw new Error('tus: no record created');
  return seconds;
}

/** Two-step: POST /records/uploads, the PUT (straight to the bucket with s3), then the completion call. */
async function twoStep(base, file, size) {
  const { auth, projectId } = await signIn(base);
  const started = process.hrtime.bigint();
  const created = await json(
    'POST',
    `${base}/records/uploads`,
    { projectId, fileName: 'bench.wav', contentType: 'audio/wav', sizeBytes: size },
    auth,
  );
  if (created.status !== 201) throw new Error(`two-step: ${created.status} ${JSON.stringify(created.body)}`);
  const { uploadUrl, headers, completeUrl } = created.body.data;
  const put = await streamed('PUT', uploadUrl, { ...headers, 'Content-Length': size }, [
    { path: file, start: 0, end: size - 1 },
  ]);
  if (put.status !== 200) throw new Error(`two-step PUT: ${put.status} ${put.text}`);
  const landed = await json('POST', completeUrl, undefined, auth);
  if (landed.status !== 200)
    throw new Error(`two-step landing: ${landed.status} ${JSON.stringify(landed.body)}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * The floor for any Node HTTP upload on this machine: a bare http server (in this process) piping the request body
 * to a file, no framework, no parsing, no checks.
 */
async function bareNode(file, size, work) {
  const target = join(work, 'bare.out');
  const server = createHttpServer((req, res) => {
    pipeline(req, createWriteStream(target)).then(
      () => res.end('ok'),
      (error) => res.destroy(error),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  try {
    const started = process.hrtime.bigint();
    const response = await streamed('POST', url, { 'Content-Length': size }, [
      { path: file, start: 0, end: size - 1 },
    ]);
    if (response.status !== 200) throw new Error(`bare node: ${response.status}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    server.close();
    rmSync(target, { force: true });
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'parley-bench-upload-'));
  try {
    const file = audioFile(work);
    const size = statSync(file).size;
    const sizeMb = size / MB;

    // Warm the page cache the same way for every contender, then time a plain copy on the same disk.
    // Neither the copy nor the uploads fsync; each starts after a sync so earlier writes do not weigh on it.
    execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('sync');
    const copyStarted = process.hrtime.bigint();
    execFileSync('cp', [file, join(work, 'copy.wav')]);
    const copySeconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
    rmSync(join(work, 'copy.wav'));

    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB_NAME}`);
    const results = [{ method: 'cp (same disk)', seconds: copySeconds, peakRssMb: null }];
    execFileSync('sync');
    results.push({
      method: 'bare Node http → file',
      seconds: await bareNode(file, size, work),
      peakRssMb: null,
    });
    const s3 = await startS3(join(work, 's3'));
    for (const [method, run, storageEnv] of [
      ['multipart, local storage', multipart, {}],
      ['multipart, s3 storage', multipart, s3.env],
      [`tus (${CHUNK_BYTES / MB} MB PATCHes), local`, tus, {}],
      ['two-step signed PUT, local', twoStep, {}],
      ['two-step PUT to the bucket, s3', twoStep, s3.env],
    ]) {
      const storage = join(work, `storage-${results.length}`);
      const { child, base } = await startApi(storage, storageEnv);
      try {
        execFileSync('sync');
        const bootPeakMb = peakRssMb(child.pid);
        const seconds = await run(base, file, size);
        results.push({ method, seconds, peakRssMb: peakRssMb(child.pid), bootPeakMb });
      } finally {
        await stopApi(child);
        rmSync(storage, { recursive: true, force: true });
      }
    }

    s3.child.kill('SIGTERM');
    console.log(
      `file: ${sizeMb.toFixed(1)} MB WAV; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
    for (const r of results) {
      const rate = sizeMb / r.seconds;
      console.log(
        `${r.method.padEnd(36)} ${r.seconds.toFixed(2).padStart(7)} s ${rate.toFixed(1).padStart(7)} MB/s` +
          `  ${(rate / (sizeMb / copySeconds)).toFixed(2)}x cp` +
          (r.peakRssMb === null
            ? ''
            : `  peak RSS ${r.peakRssMb.toFixed(0)} MB (${r.bootPeakMb.toFixed(0)} MB before the upload)`),
      );
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => undefined);
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
