// `npm test`: installs what is missing, starts (or finds) PostgreSQL and Redis, and runs the whole suite
// (unit specs beside the code, e2e tests in test/). Extra arguments go to jest.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  ROOT,
  RUNTIME_PACKAGES,
  TEST_PACKAGES,
  ensureDebianPackages,
  build,
  ensureNodeModules,
} from './lib/prerequisites.mjs';
import { ensureModels } from './lib/models.mjs';

ensureDebianPackages([...RUNTIME_PACKAGES, ...TEST_PACKAGES]);
ensureNodeModules();
await ensureModels();
// The process tests run the compiled entry points, as production does.
build();
const { ensureServicesOrExit } = await import('./lib/services.mjs');
const services = await ensureServicesOrExit({
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL,
  REDIS_URL: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL,
});

const jest = spawn(
  process.execPath,
  [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...services.env, NODE_ENV: 'test' } },
);
process.on('SIGINT', () => jest.kill('SIGINT'));
jest.on('exit', (code) => {
  services.stop();
  process.exit(code ?? 1);
});
