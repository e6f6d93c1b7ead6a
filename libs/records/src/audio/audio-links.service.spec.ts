import { AppConfig } from '@app/core';
import { RecordsRepository } from '../records.repository';
import { UploadSigner } from '../uploads/upload-signer';
import { AUDIO_LINK_TTL_SECONDS, AudioLinksService } from './audio-links.service';

describe('AudioLinksService', () => {
  const config = {
    UPLOAD_SIGNING_SECRET: 'a-secret-long-enough-for-hmac-signing',
    PUBLIC_URL: 'https://parley.example',
  };
  const signer = new UploadSigner(config as AppConfig);
  const records = { findOne: async () => ({ id: 'rec_1', orgId: 'org_1', ownerId: null }) };
  const links = new AudioLinksService(records as unknown as RecordsRepository, signer, config as AppConfig);
  const ctx = {
    orgId: 'org_1',
    actor: { kind: 'user' as const, userId: 'usr_1' },
    role: 'viewer' as const,
    scopes: [],
  };

  beforeAll(() => signer.onModuleInit());

  it('is valid until it expires, and not a second after', async () => {
    const made = new Date('2026-12-07T10:00:00Z');
    const link = await links.create(ctx, 'rec_1', true, made);
    const token = new URL(link.url).pathname.split('/').pop()!;
    expect(link.url.startsWith('https://parley.example/api/v1/audio-links/')).toBe(true);
    const justBefore = new Date(made.getTime() + (AUDIO_LINK_TTL_SECONDS - 1) * 1000);
    expect(links.verify(token, justBefore)).toMatchObject({ ctx, recordId: 'rec_1', redacted: true });
    const after = new Date(made.getTime() + AUDIO_LINK_TTL_SECONDS * 1000);
    expect(() => links.verify(token, after)).toThrow('This audio link is not valid or has expired');
  });

  it('is not valid under another secret', async () => {
    const link = await links.create(ctx, 'rec_1', false);
    const other = new UploadSigner({
      ...config,
      UPLOAD_SIGNING_SECRET: 'another-secret-of-enough-length',
    } as AppConfig);
    await other.onModuleInit();
    const elsewhere = new AudioLinksService(
      records as unknown as RecordsRepository,
      other,
      config as AppConfig,
    );
    expect(() => elsewhere.verify(new URL(link.url).pathname.split('/').pop()!)).toThrow('not valid');
  });
});
