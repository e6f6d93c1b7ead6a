import { Controller, Param, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { envelope, ParseIdPipe, Public } from '@app/core';
import { createdRecordView, SignedUploadQuery, UploadsService } from '@app/records';

/** The second step of a two-step upload: anyone holding the signed URL may PUT the bytes, once. */
@ApiTags('records')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Put(':uploadId')
  @Public()
  async put(
    @Param('uploadId', new ParseIdPipe('upl', 'Upload')) uploadId: string,
    @Query() query: SignedUploadQuery,
    @Req() request: Request,
  ) {
    return envelope(createdRecordView(await this.uploads.receiveSigned(uploadId, query, request)));
  }
}
