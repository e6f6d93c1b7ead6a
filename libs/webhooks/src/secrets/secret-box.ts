import { Injectable, OnModuleInit } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppConfig } from '@app/core';

const FORMAT = 'v1';

/** A new endpoint signing secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Encrypts endpoint signing secrets at rest with AES-256-GCM. They must be recoverable to sign (unlike passwords, so
 * not hashed); a database dump alone does not reveal them. The key comes from WEBHOOK_SECRET_KEY (required in
 * production), otherwise from a random key generated once and kept beside STORAGE_DIR with mode 0600.
 */
@Injectable()
export class SecretBox implements OnModuleInit {
  private key?: Buffer;
  /** WEBHOOK_SECRET_KEY_PREVIOUS: while keys are changed, secrets sealed with the old key still open. */
  private previousKey?: Buffer;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const material = this.config.WEBHOOK_SECRET_KEY ?? (await this.persistedDevelopmentKey());
    this.key = createHash('sha256').update(material).digest();
    if (this.config.WEBHOOK_SECRET_KEY_PREVIOUS)
      this.previousKey = createHash('sha256').update(this.config.WEBHOOK_SECRET_KEY_PREVIOUS).digest();
  }

  /** True when the stored secret is sealed with the current key (nothing to re-encrypt). */
  isCurrent(stored: string): boolean {
    try {
      this.open(stored, this.requireKey());
      return true;
    } catch {
      return false;
    }
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.requireKey(), iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      FORMAT,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      sealed.toString('base64'),
    ].join('.');
  }

  /** Opens with the current key, or with the previous one while keys are being changed. */
  decrypt(stored: string): string {
    try {
      return this.open(stored, this.requireKey());
    } catch (error) {
      if (!this.previousKey) throw error;
      return this.open(stored, this.previousKey);
    }
  }

  private open(stored: string, key: Buffer): string {
    const [format, iv, tag, sealed] = stored.split('.');
    if (format !== FORMAT || !iv || !tag || !sealed) throw new Error('Unreadable stored webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }

  private requireKey(): Buffer {
    if (!this.key) throw new Error('SecretBox used before initialisation');
    return this.key;
  }

  private async persistedDevelopmentKey(): Promise<string> {
    if (this.config.isProduction) throw new Error('WEBHOOK_SECRET_KEY is required in production');
    const folder = join(dirname(resolve(this.config.STORAGE_DIR)), 'secrets');
    const file = join(folder, 'webhook-secret-key');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    try {
      // 'wx' fails when another process got there first; then everyone reads the one that won.
      await writeFile(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const key = (await readFile(file, 'utf8')).trim();
    if (key.length < 32) throw new Error(`${file} holds a key shorter than 32 characters`);
    return key;
  }
}
