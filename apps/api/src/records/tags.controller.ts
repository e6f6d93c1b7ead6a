import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, listEnvelope, PaginationQueryDto, Tenant, TenantContext } from '@app/core';
import { TagsService } from '@app/records';

@ApiTags('records')
@ApiBearerAuth()
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Access({ role: 'viewer', scope: 'recordings.read' })
  async list(@Tenant() ctx: TenantContext, @Query() page: PaginationQueryDto) {
    const [items, total, nextCursor] = await this.tags.list(ctx, page);
    return listEnvelope([...items], total, page, { nextCursor });
  }
}
