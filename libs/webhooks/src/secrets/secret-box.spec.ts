import { AppConfig } from '@app/core';
import { newSigningSecret, SecretBox } from './secret-box';

const boxWithKey = async (key: string) => {
  const config = Object.assign(new AppConfig(), { WEBHOOK_SECRET_KEY: key });
  const box = new SecretBox(config);
  await box.onModuleInit();
  return box;
};

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in clear', async () => {
    const box = await boxWithKey('k'.repeat(40));
    const secret = newSigningSecret();
    const stored = box.encrypt(secret);
    expect(stored).not.toContain(secret.slice(6));
    expect(box.decrypt(stored)).toBe(secret);
    expect(box.encrypt(secret)).not.toBe(stored);
  });

  it('refuses a secret sealed with another key or tampered with', async () => {
    const stored = (await boxWithKey('a'.repeat(40))).encrypt(newSigningSecret());
    const other = await boxWithKey('b'.repeat(40));
    expect(() => other.decrypt(stored)).toThrow();
    const parts = stored.split('.');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => other.decrypt(parts.join('.'))).toThrow();
  });
});

describe('newSigningSecret', () => {
  it('is whsec_ followed by base64 of 32 bytes', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
  });
});
