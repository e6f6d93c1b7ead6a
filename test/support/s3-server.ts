import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** The settings that point Parley at this bucket. */
  env: Record<string, string>;
  /** Every object key in the bucket (files under the server's folder), sorted. */
  objectKeys(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts an S3-compatible server process of its own (s3rver) with one empty bucket; `stop` removes its data. */
export async function startS3Server(bucket = 'parley-test'): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'parley-s3-'));
  const child = spawn(process.execPath, [join(__dirname, 's3-server-process.mjs'), directory, bucket], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the S3 server exited (${code}) before it listened`)));
  });
  const { endpoint, accessKeyId, secretAccessKey } = JSON.parse(first) as Record<string, string>;
  return {
    endpoint,
    bucket,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
    },
    async objectKeys() {
      // s3rver keeps each object as <bucket>/<key>._S3rver_object beside its metadata files.
      const root = join(directory, bucket);
      const walk = async (dir: string): Promise<string[]> => {
        const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
        const nested = await Promise.all(
          entries.map((entry) =>
            entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
          ),
        );
        return nested.flat();
      };
      return (await walk(root))
        .filter((path) => path.endsWith('._S3rver_object'))
        .map((path) => relative(root, path).replace(/\._S3rver_object$/, ''))
        .sort();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
