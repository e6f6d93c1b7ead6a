// Runs a compiled entry point from dist/ with the @app/* library paths resolved: node scripts/run-dist.mjs <file>.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
require('tsconfig-paths').register({ baseUrl: join(root, 'dist'), paths: { '@app/*': ['libs/*/src'] } });
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-dist.mjs <path under dist/>');
  process.exit(2);
}
// The program sees its own arguments after its name, as if started directly (the admin CLI parses them).
process.argv.splice(2, 1);
require(join(root, 'dist', entry));
