import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { actorOf, AuditService } from '@app/audit';
import { TenantContext } from '@app/core';
import { RecordAudioService } from '@app/records';

/** Streams a record's audio (whole or a Range) to an HTTP answer; shared by the audio endpoint and audio links. */
@Injectable()
export class AudioResponder {
  constructor(
    private readonly recordAudio: RecordAudioService,
    private readonly audit: AuditService,
  ) {}

  async send(
    ctx: TenantContext,
    recordId: string,
    redacted: boolean,
    range: string | undefined,
    response: Response,
  ): Promise<void> {
    const audio = await this.recordAudio.openAudio(ctx, recordId, range, redacted);
    // Who listened to a call, or took a copy, is part of the audit trail: once per listening (a player's later range
    // requests, which seek within it, are not new entries).
    if (!range || /^bytes=0-/.test(range.trim()))
      await this.audit.record(null, {
        orgId: ctx.orgId,
        actor: actorOf(ctx),
        action: 'record.audio_downloaded',
        target: { type: 'record', id: recordId },
        details: { redacted },
      });
    response.setHeader('Accept-Ranges', 'bytes');
    response.setHeader('Content-Type', audio.contentType);
    response.setHeader('Cache-Control', 'private, no-store');
    if (audio.range) {
      response.status(206);
      response.setHeader('Content-Range', `bytes ${audio.range.start}-${audio.range.end}/${audio.sizeBytes}`);
      response.setHeader('Content-Length', String(audio.range.end - audio.range.start + 1));
    } else {
      response.status(200);
      response.setHeader('Content-Length', String(audio.sizeBytes));
    }
    await pipeline(audio.stream, response).catch(() => undefined); // a client hanging up mid-stream is normal
  }
}
