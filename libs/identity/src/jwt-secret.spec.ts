import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/core';
import { resolveJwtSecret } from './jwt-secret';

describe('JWT signing key', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-jwt-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('uses JWT_SECRET when set', async () => {
    const config = loadConfig({ JWT_SECRET: 'k'.repeat(40), STORAGE_DIR: join(root, 'storage') });
    await expect(resolveJwtSecret(config)).resolves.toBe('k'.repeat(40));
  });

  it('generates one key beside STORAGE_DIR, private to its owner, and keeps it across restarts', async () => {
    const config = loadConfig({ STORAGE_DIR: join(root, 'storage') });
    const [a, b] = await Promise.all([resolveJwtSecret(config), resolveJwtSecret(config)]);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    const file = join(root, 'secrets', 'jwt-secret');
    expect(await readFile(file, 'utf8')).toBe(a);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(resolveJwtSecret(config)).resolves.toBe(a);
  });

  it('refuses to start in production without a strong JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET.*32/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).not.toThrow(/short/);
  });
});
