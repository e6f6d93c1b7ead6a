// `npm run start:local`: installs what is missing, starts (or finds) PostgreSQL and Redis, builds, and runs the API
// and the worker in one process on PORT (default 3000). Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  ROOT,
  RUNTIME_PACKAGES,
  build,
  ensureDebianPackages,
  ensureNodeModules,
} from './lib/prerequisites.mjs';
import { ensureModels } from './lib/models.mjs';

ensureDebianPackages(RUNTIME_PACKAGES);
ensureNodeModules();
const { config } = await import('dotenv');
config({ path: join(ROOT, '.env'), quiet: true });
await ensureModels();
build();
const { ensureServicesOrExit } = await import('./lib/services.mjs');
const services = await ensureServicesOrExit(process.env);

const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run-dist.mjs'), 'apps/api/src/main.local.js'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, ...services.env },
});
const forward = (signal) => () => child.kill(signal);
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
child.on('exit', (code, signal) => {
  services.stop();
  process.exit(code ?? (signal ? 0 : 1));
});
