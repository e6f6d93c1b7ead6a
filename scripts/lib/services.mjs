// PostgreSQL and Redis for one machine: use the configured servers when they answer, otherwise start private
// ones from the machine's binaries with their data under .data/, and stop them again on exit.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ROOT, ensureDebianPackages, POSTGRES_PACKAGE, REDIS_PACKAGE } from './prerequisites.mjs';

const DATA = join(ROOT, '.data');
const PRIVATE_PG_PORT = 54329;
const PRIVATE_REDIS_PORT = 63799;
const log = (message) => console.log(`[parley] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function loadPg() {
  const { default: pg } = await import('pg');
  return pg;
}

/** Connects to the server of `url` (its `postgres` database) and returns an error message or null. */
async function postgresProblem(url) {
  const pg = await loadPg();
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabaseIfMissing(url) {
  const pg = await loadPg();
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    : [];
  if (versions.length === 0) return null;
  versions.sort((a, b) => Number(b) - Number(a));
  return join(base, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: run its tools as the postgres user, owning the data folders. */
function asPostgres(bin, args) {
  const command = join(postgresBinDir(), bin);
  if (isRoot()) return execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  return execFileSync(command, args, { stdio: 'pipe' });
}

/** The private servers' folder: readable by the postgres user whatever the umask of whoever made it first. */
function dataFolder() {
  mkdirSync(DATA, { recursive: true });
  if (isRoot()) chmodSync(DATA, 0o755);
}

/** A failed tool as one line: the last thing it wrote to stderr (initdb and pg_ctl say there what went wrong). */
function lastLine(error) {
  const stderr = error?.stderr?.toString().trim();
  return stderr ? stderr.split('\n').filter(Boolean).pop() : (error?.message ?? String(error));
}

function ownedByPostgres(dir) {
  mkdirSync(dir, { recursive: true });
  if (!isRoot()) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
}

async function startPrivatePostgres() {
  if (!postgresBinDir()) ensureDebianPackages([POSTGRES_PACKAGE]);
  const dataDir = join(DATA, 'postgres');
  const socketDir = join(DATA, 'run');
  dataFolder();
  ownedByPostgres(socketDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    ownedByPostgres(dataDir);
    log('initialising a private PostgreSQL under .data/postgres');
    asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  const status = spawnSync(join(postgresBinDir(), 'pg_ctl'), ['-D', dataDir, 'status'], {
    uid: isRoot() ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : undefined,
  });
  if (status.status !== 0) {
    log(`starting a private PostgreSQL on 127.0.0.1:${PRIVATE_PG_PORT}`);
    asPostgres('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dataDir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${PRIVATE_PG_PORT} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${PRIVATE_PG_PORT}/parley`,
    stop: () => {
      log('stopping the private PostgreSQL');
      try {
        asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
    },
  };
}

/** Sends PING over a raw socket; resolves true on +PONG (or an auth error, which proves a Redis answers). */
function redisAnswers(url, timeoutMs = 2000) {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: target.hostname, port: Number(target.port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => done(/^\+PONG|^-NOAUTH/.test(chunk.toString())));
  });
}

async function startPrivateRedis() {
  if (spawnSync('which', ['redis-server']).status !== 0) ensureDebianPackages([REDIS_PACKAGE]);
  const dir = join(DATA, 'redis');
  dataFolder();
  mkdirSync(dir, { recursive: true });
  log(`starting a private Redis on 127.0.0.1:${PRIVATE_REDIS_PORT}`);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(PRIVATE_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--logfile',
      join(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${PRIVATE_REDIS_PORT}`;
  for (let i = 0; i < 50 && !(await redisAnswers(url, 200)); i++) await sleep(100);
  if (!(await redisAnswers(url)))
    throw new Error('the private Redis did not start; see .data/redis/redis.log');
  return {
    url,
    stop: () => {
      log('stopping the private Redis');
      child.kill('SIGTERM');
    },
  };
}

const isLocal = (host) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

/**
 * Returns { env, stop }: DATABASE_URL and REDIS_URL that answer, and a function that stops whatever was started.
 * Configured servers are used when they answer; local ones that do not are replaced by private servers.
 */
export async function ensureServices(env = process.env) {
  const stops = [];
  const databaseUrl = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parley';
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  const result = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };

  const pgProblem = await postgresProblem(databaseUrl);
  if (pgProblem) {
    if (!isLocal(new URL(databaseUrl).hostname))
      throw new Error(`PostgreSQL at DATABASE_URL does not answer: ${pgProblem}`);
    log(`PostgreSQL at ${new URL(databaseUrl).host} does not answer (${pgProblem})`);
    const started = await startPrivatePostgres();
    const name = new URL(databaseUrl).pathname.slice(1) || 'parley';
    result.DATABASE_URL = started.url.replace(/\/parley$/, `/${name}`);
    stops.push(started.stop);
  }
  await createDatabaseIfMissing(result.DATABASE_URL);

  if (!(await redisAnswers(redisUrl))) {
    if (!isLocal(new URL(redisUrl).hostname)) throw new Error('Redis at REDIS_URL does not answer');
    log(`Redis at ${new URL(redisUrl).host} does not answer`);
    const started = await startPrivateRedis();
    result.REDIS_URL = started.url;
    stops.push(started.stop);
  }
  return { env: result, stop: () => stops.reverse().forEach((stop) => stop()) };
}

export const dataDirExists = () => existsSync(DATA) && statSync(DATA).isDirectory();

/**
 * ensureServices for the command-line entry points: a server that cannot be found or started ends the process with
 * one line that says which and why, not a stack trace.
 */
export async function ensureServicesOrExit(env = process.env) {
  try {
    return await ensureServices(env);
  } catch (error) {
    console.error(`[parley] cannot start: ${lastLine(error)}`);
    process.exit(1);
  }
}
