/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports */
// Lets `node` run the TypeScript sources directly (benchmarks need test/support, which the build leaves out; the
// speech engine's worker thread runs from source under jest):
// .ts files are transpiled with @swc/core on require, the way jest does, and @app/* resolves to libs/*/src.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..');
require('tsconfig-paths').register({ baseUrl: root, paths: { '@app/*': ['libs/*/src'] } });

require.extensions['.ts'] = (loaded, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
  });
  loaded._compile(code, filename);
};
require('reflect-metadata');
