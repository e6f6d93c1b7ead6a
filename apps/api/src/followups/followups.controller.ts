import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, envelope, listEnvelope, ParseIdPipe, Tenant, TenantContext } from '@app/core';
import { CreateFollowupDto, ListFollowupsQuery, presentFollowup, UpdateFollowupDto } from '@app/followups';
import { FollowupsAccessService } from './followups-access.service';

const READ = { role: 'viewer', scope: 'analyses.read' } as const;
const WRITE = { role: 'agent', scope: 'recordings.write' } as const;
const followupId = new ParseIdPipe('fup', 'Follow-up');
const recordId = new ParseIdPipe('rec', 'Record');

@ApiTags('followups')
@ApiBearerAuth()
@Controller()
export class FollowupsController {
  constructor(private readonly followups: FollowupsAccessService) {}

  @Get('followups')
  @Access(READ)
  @ApiOperation({ summary: 'Follow-ups across calls, newest first (a team lead’s list)' })
  async list(@Tenant() context: TenantContext, @Query() query: ListFollowupsQuery) {
    const [items, total, nextCursor] = await this.followups.list(context, query);
    return listEnvelope(items.map(presentFollowup), total, query, { nextCursor });
  }

  @Get('followups/:id')
  @Access(READ)
  async get(@Tenant() context: TenantContext, @Param('id', followupId) id: string) {
    return envelope(presentFollowup(await this.followups.findVisible(context, id)));
  }

  @Patch('followups/:id')
  @Access(WRITE)
  @ApiOperation({
    summary: 'Change status, note, star, owner or due date; status changes and notes join the history',
  })
  async update(
    @Tenant() context: TenantContext,
    @Param('id', followupId) id: string,
    @Body() body: UpdateFollowupDto,
  ) {
    return envelope(presentFollowup(await this.followups.update(context, id, body)));
  }

  @Get('records/:id/followups')
  @Access(READ)
  async listForRecord(
    @Tenant() context: TenantContext,
    @Param('id', recordId) id: string,
    @Query() query: ListFollowupsQuery,
  ) {
    const [items, total] = await this.followups.listForRecord(context, id, query);
    return listEnvelope(items.map(presentFollowup), total, query);
  }

  @Post('records/:id/followups')
  @Access(WRITE)
  async create(
    @Tenant() context: TenantContext,
    @Param('id', recordId) id: string,
    @Body() body: CreateFollowupDto,
  ) {
    return envelope(presentFollowup(await this.followups.create(context, id, body)));
  }
}
