import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/core';
import { AudioLinksService } from '@app/records';
import { AudioResponder } from './audio-responder';

/** Audio by signed link (POST /records/:id/audio-link): the token is the credential. */
@ApiTags('records')
@Controller('audio-links')
export class AudioLinksController {
  constructor(
    private readonly links: AudioLinksService,
    private readonly audioResponder: AudioResponder,
  ) {}

  @Get(':token')
  @Public()
  @ApiOperation({
    summary: "A record's audio through a signed link, with the access of whoever made the link",
  })
  async audio(
    @Param('token') token: string,
    @Headers('range') range: string | undefined,
    @Res() response: Response,
  ) {
    const claims = this.links.verify(token);
    await this.audioResponder.send(claims.ctx, claims.recordId, claims.redacted, range, response);
  }
}
