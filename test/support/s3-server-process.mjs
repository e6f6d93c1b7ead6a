// A real S3-compatible server in a process of its own (s3rver, which checks SigV4 signatures): the tests and
// benches talk to it over HTTP exactly as to MinIO or AWS. Prints one JSON line with its address once listening.
// Usage: node s3-server-process.mjs <directory> <bucket>[,<bucket>…]
import { createRequire } from 'node:module';
import S3rver from '@20minutes/s3rver';

// s3rver signs bucket-level requests (HeadBucket, ListObjectsV2, DeleteObjects) over "/<bucket>" while every SDK
// signs the path it sends, "/<bucket>/", so it refused them all as SignatureDoesNotMatch. Only that canonical path
// is corrected here; every signature is still checked.
const v4 = createRequire(import.meta.url)('@20minutes/s3rver/lib/signature/v4');
const stringToSign = v4.getStringToSign;
v4.getStringToSign = (canonical, request) =>
  stringToSign(
    /^\/[^/]+$/.test(canonical.uri) ? { ...canonical, uri: `${canonical.uri}/` } : canonical,
    request,
  );

const [directory, buckets = 'parley-test'] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.split(',').map((name) => ({ name })),
});
const { address, port } = await server.run();
console.log(
  JSON.stringify({ endpoint: `http://${address}:${port}`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }),
);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
