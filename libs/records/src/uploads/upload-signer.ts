import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppConfig } from '@app/core';
import { amzMetaHeaders } from '../storage/storage-driver';

export interface SignedUploadClaims {
  orgId: string;
  recordId: string;
  uploadId: string;
  sizeBytes: number;
  contentType: string;
  /** Base64 MD5 the bytes must have (the Content-MD5 header the PUT must send), or '' when none was declared. */
  contentMd5: string;
  /** Unix seconds. */
  expires: number;
}

/** The record and organisation a two-step upload is for, as object metadata (names without `x-amz-meta-`). */
const uploadOwnerMetadata = (claims: Pick<SignedUploadClaims, 'recordId' | 'orgId'>) => ({
  'parley-record': claims.recordId,
  'parley-organization': claims.orgId,
});

/**
 * Headers bound into the signature beside Content-Type and Content-MD5, as S3 binds `x-amz-meta-*`: the PUT must send
 * them unchanged.
 */
export const signedMetaHeaders = (claims: Pick<SignedUploadClaims, 'recordId' | 'orgId'>) =>
  amzMetaHeaders(uploadOwnerMetadata(claims));

/**
 * The `x-amz-meta-*` values of a PUT straight to the bucket (names without the prefix): the same two as Parley's own
 * URL binds, and the declared MD5, which the landing check compares with the stored object's (not every
 * S3-compatible server verifies Content-MD5 itself).
 */
export const bucketUploadMetadata = (
  claims: Pick<SignedUploadClaims, 'recordId' | 'orgId' | 'contentMd5'>,
) => ({
  ...uploadOwnerMetadata(claims),
  ...(claims.contentMd5 ? { 'parley-content-md5': claims.contentMd5 } : {}),
});

/** Compared in constant time, so a guess learns nothing from how long the refusal took. */
function sameSignature(expected: string, given: string): boolean {
  const [a, b] = [Buffer.from(expected), Buffer.from(given)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * HMAC-SHA256 signatures of two-step upload URLs (and, through signText, of audio links). The secret comes from UPLOAD_SIGNING_SECRET; production refuses
 * to start without it, other environments generate one once and keep it beside STORAGE_DIR so URLs survive restarts.
 */
@Injectable()
export class UploadSigner implements OnModuleInit {
  private secret?: Buffer;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (this.config.UPLOAD_SIGNING_SECRET) {
      this.secret = Buffer.from(this.config.UPLOAD_SIGNING_SECRET);
      return;
    }
    if (this.config.isProduction) throw new Error('UPLOAD_SIGNING_SECRET is required in production');
    this.secret = await this.persistedDevelopmentSecret();
  }

  sign(claims: SignedUploadClaims): string {
    return createHmac('sha256', this.key())
      .update(
        [
          claims.orgId,
          claims.recordId,
          claims.uploadId,
          claims.sizeBytes,
          claims.contentType,
          claims.contentMd5,
          claims.expires,
        ].join('\n'),
      )
      .digest('base64url');
  }

  /**
   * An HMAC of any other text this service signs (audio links), under the same secret; the purpose is part of the
   * signed text, so a signature made for one use is never valid for another.
   */
  signText(purpose: string, text: string): string {
    return createHmac('sha256', this.key()).update(`${purpose}\n${text}`).digest('base64url');
  }

  verify(claims: SignedUploadClaims, signature: string): boolean {
    return sameSignature(this.sign(claims), signature);
  }

  verifyText(purpose: string, text: string, signature: string): boolean {
    return sameSignature(this.signText(purpose, text), signature);
  }

  private key(): Buffer {
    if (!this.secret) throw new Error('UploadSigner used before initialisation');
    return this.secret;
  }

  private async persistedDevelopmentSecret(): Promise<Buffer> {
    // Beside STORAGE_DIR with the other development secrets, not in it: with the s3 driver that folder stays empty.
    const dir = join(dirname(resolve(this.config.STORAGE_DIR)), 'secrets');
    const path = join(dir, 'upload-signing-secret');
    const existing = await readFile(path, 'utf8').catch(() => undefined);
    if (existing && existing.trim().length >= 32) return Buffer.from(existing.trim());
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(32).toString('base64url');
    await writeFile(path, secret, { mode: 0o600, flag: 'w' });
    await chmod(path, 0o600);
    return Buffer.from(secret);
  }
}
