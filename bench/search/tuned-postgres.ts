import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster with the memory settings a production server of this machine would have
 * (the shared development server keeps the 128 MB default, smaller than the measured organisation's rows), so the
 * benchmark can show both. Real PostgreSQL from the Debian packages; runs as the postgres user when we are root.
 */
export interface TunedPostgres {
  url: string;
  settings: string[];
  stop(): void;
}

const SETTINGS = [
  'shared_buffers=2GB',
  'effective_cache_size=12GB',
  'work_mem=16MB',
  'maintenance_work_mem=512MB',
  'random_page_cost=1.1',
  'fsync=off',
];

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    : [];
  if (versions.length === 0)
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  versions.sort((a, b) => Number(b) - Number(a));
  return join(base, versions[0], 'bin');
}

const isRoot = () => process.getuid?.() === 0;

function asPostgres(bin: string, args: string[]): void {
  const command = join(binDir(), bin);
  if (isRoot()) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  else execFileSync(command, args, { stdio: 'pipe' });
}

export function startTunedPostgres(port: number): TunedPostgres {
  const root = mkdtempSync(join(tmpdir(), 'parley-bench-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
  }
  const dataDir = join(root, 'data');
  asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    ...SETTINGS.map((s) => `-c ${s}`),
  ];
  asPostgres('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(root, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    options.join(' '),
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    settings: SETTINGS,
    stop() {
      try {
        asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
