// Installs what Parley needs on this machine before it runs: Debian packages and node_modules.
// Plain Node (no dependencies): it runs before `npm ci` has ever happened.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** Debian packages every run needs: audio probing/conversion and the embedded speech recogniser. */
export const RUNTIME_PACKAGES = ['ffmpeg', 'pocketsphinx', 'pocketsphinx-en-us'];
/** Extra packages the test suite needs: its call corpus is synthesised (flite, sox) and the console is tested in a real browser (chromium). */
export const TEST_PACKAGES = ['flite', 'sox', 'chromium'];
export const POSTGRES_PACKAGE = 'postgresql';
export const REDIS_PACKAGE = 'redis-server';

const log = (message) => console.log(`[parley] ${message}`);

function isInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs missing Debian packages with apt-get when root; otherwise prints the exact command and stops. */
export function ensureDebianPackages(packages) {
  if (!existsSync('/usr/bin/dpkg-query')) {
    log(`not a Debian system: make sure these are installed: ${packages.join(' ')}`);
    return;
  }
  const missing = packages.filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `[parley] missing Debian packages. Install them with:\n\n  sudo apt-get install -y ${missing.join(' ')}\n`,
    );
    process.exit(1);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
}

/**
 * Installs the locked dependencies when node_modules is missing or was installed from another package-lock.json.
 * `npm install` rather than `npm ci`: registry mirrors that serve only this platform's optional binaries (swc,
 * msgpackr) leave those entries out of the lockfile, which `npm ci` refuses; `npm install` still keeps to the lock.
 */
export function ensureNodeModules() {
  const lock = readFileSync(join(ROOT, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(ROOT, 'node_modules', '.parley-lock-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  log('installing npm dependencies');
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(
    stamp,
    createHash('sha256')
      .update(readFileSync(join(ROOT, 'package-lock.json')))
      .digest('hex'),
  );
}

/** Compiles apps and libs to dist/ (incremental, so a build with nothing changed takes seconds). */
export function build() {
  log('building');
  execFileSync('npx', ['tsc', '-p', 'scripts/tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  buildConsole();
}

/** The web console (apps/console) into dist/console, which the API serves at /. */
export function buildConsole() {
  execFileSync('npx', ['vite', 'build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
