import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { WithinBudget } from '@app/billing';
import { Access, notFound, Tenant, TenantContext } from '@app/core';
import { TusUploadsService } from '@app/records';

/** tus 1.0 resumable uploads; the protocol itself is answered by @tus/server behind the access guard. */
@ApiExcludeController()
@ApiBearerAuth()
@Controller('tus')
export class TusController {
  constructor(private readonly tus: TusUploadsService) {}

  @All(['', '*path'])
  @Access({ role: 'agent', scope: 'recordings.write' })
  // Only creating an upload starts new work; an accepted upload may still finish over budget.
  @WithinBudget({ methods: ['POST'] })
  async handle(@Tenant() ctx: TenantContext, @Req() request: Request, @Res() response: Response) {
    // tus would serve finished uploads back on GET; Parley serves audio only through GET /records/:id/audio.
    if (request.method === 'GET') throw notFound('Upload');
    await this.tus.handle(ctx, request, response);
  }
}
