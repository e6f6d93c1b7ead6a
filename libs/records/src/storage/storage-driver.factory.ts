import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppConfig } from '@app/core';
import { LocalStorageDriver } from './local-storage.driver';
import { S3StorageDriver } from './s3-storage.driver';
import { StorageDriver } from './storage-driver';

/** The store STORAGE_DRIVER names, configured from the environment. */
export function storageDriverFor(config: AppConfig): StorageDriver {
  if (config.STORAGE_DRIVER === 'local') return new LocalStorageDriver(config.STORAGE_DIR);
  if (!config.S3_BUCKET) throw new Error('S3_BUCKET is required with STORAGE_DRIVER=s3');
  return new S3StorageDriver({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    publicEndpoint: config.S3_PUBLIC_ENDPOINT,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    keyPrefix: config.S3_KEY_PREFIX ?? '',
    tempDirectory: resolve(config.STORAGE_TEMP_DIR ?? join(tmpdir(), 'parley-storage')),
  });
}
