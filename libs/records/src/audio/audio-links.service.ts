import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, ROLES, TenantContext } from '@app/core';
import { visibleOrNotFound } from '../record-visibility';
import { RecordsRepository } from '../records.repository';
import { UploadSigner } from '../uploads/upload-signer';

/** Long enough to listen to a long call and seek in it; the console asks for a new link when one has expired. */
export const AUDIO_LINK_TTL_SECONDS = 2 * 60 * 60;
const PURPOSE = 'audio-link';

export interface AudioLink {
  url: string;
  expiresAt: string;
}

/** What a link carries: who asked (their access is checked again on every read), which audio, until when. */
export interface AudioLinkClaims {
  ctx: TenantContext;
  recordId: string;
  redacted: boolean;
  /** Unix seconds. */
  expires: number;
}

const invalidLink = () => new AppError('NOT_FOUND', 'This audio link is not valid or has expired');

/**
 * Signed, short-lived audio URLs for players that cannot send an Authorization header (a browser's <audio> element).
 * The link names the caller's organisation, identity and role, so a read through it sees exactly what that caller's
 * own GET /records/:id/audio would, and is audited as theirs.
 */
@Injectable()
export class AudioLinksService {
  constructor(
    private readonly records: RecordsRepository,
    private readonly signer: UploadSigner,
    private readonly config: AppConfig,
  ) {}

  async create(
    ctx: TenantContext,
    recordId: string,
    redacted: boolean,
    now = new Date(),
  ): Promise<AudioLink> {
    visibleOrNotFound(await this.records.findOne(ctx.orgId, recordId), ctx);
    const expires = Math.floor(now.getTime() / 1000) + AUDIO_LINK_TTL_SECONDS;
    const claims: AudioLinkClaims = { ctx, recordId, redacted, expires };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const token = `${payload}.${this.signer.signText(PURPOSE, payload)}`;
    return {
      url: new URL(`/api/v1/audio-links/${token}`, this.config.PUBLIC_URL).toString(),
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  }

  /** The claims of a valid, unexpired link; a 404 for anything else (never says which check failed). */
  verify(token: string, now = new Date()): AudioLinkClaims {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) throw invalidLink();
    if (!this.signer.verifyText(PURPOSE, payload, signature)) throw invalidLink();
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AudioLinkClaims;
    if (!(claims.expires * 1000 > now.getTime()) || !ROLES.includes(claims.ctx.role)) throw invalidLink();
    return claims;
  }
}
