import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, envelope, ParseIdPipe, Tenant, TenantContext } from '@app/core';
import { CreateErasureRequestDto, ErasureService, presentErasure } from '@app/privacy';

// Erasing a person destroys data for good: an admin's decision.
const ADMIN = { role: 'admin' } as const;
const erasureId = new ParseIdPipe('era', 'Erasure request');

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/erasure-requests')
export class ErasureRequestsController {
  constructor(private readonly erasure: ErasureService) {}

  @Post()
  @HttpCode(202)
  @Access(ADMIN)
  @ApiOperation({ summary: 'Erase everything about a person (phone number, e-mail, contact or external id)' })
  async request(@Tenant() context: TenantContext, @Body() body: CreateErasureRequestDto) {
    return envelope(presentErasure(await this.erasure.request(context, body)));
  }

  @Get(':id')
  @Access(ADMIN)
  @ApiOperation({ summary: 'What an erasure found and removed' })
  async get(@Tenant() context: TenantContext, @Param('id', erasureId) id: string) {
    return envelope(presentErasure(await this.erasure.findOne(context.orgId, id)));
  }
}
