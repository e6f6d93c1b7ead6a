import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  envelope,
  listEnvelope,
  PaginationQueryDto,
  ParseIdPipe,
  Tenant,
  TenantContext,
} from '@app/core';
import { actorOf } from '@app/audit';
import { JobName, JobsService } from '@app/queue';
import { ProjectsService } from '@app/records';
import {
  CreateRetentionPolicyDto,
  presentPolicy,
  RetentionPoliciesService,
  UpdateRetentionPolicyDto,
} from '@app/retention';

// Retention decides what personal data is destroyed and when: an admin's decision.
const ADMIN = { role: 'admin' } as const;
const policyId = new ParseIdPipe('rtp', 'Retention policy');

@ApiTags('retention-policies')
@ApiBearerAuth()
@Controller('retention-policies')
export class RetentionPoliciesController {
  constructor(
    private readonly policies: RetentionPoliciesService,
    private readonly projects: ProjectsService,
    private readonly jobs: JobsService,
  ) {}

  @Get()
  @Access(ADMIN)
  async list(@Tenant() context: TenantContext, @Query() page: PaginationQueryDto) {
    const [items, total, nextCursor] = await this.policies.list(context.orgId, page);
    return listEnvelope(items.map(presentPolicy), total, page, { nextCursor });
  }

  @Post()
  @Access(ADMIN)
  async create(@Tenant() context: TenantContext, @Body() body: CreateRetentionPolicyDto) {
    if (body.projectId) await this.projects.get(context, body.projectId);
    return envelope(presentPolicy(await this.policies.create(context.orgId, body)));
  }

  @Post('run')
  @HttpCode(202)
  @Access(ADMIN)
  @ApiOperation({ summary: "Apply the organisation's policies now, in the background" })
  async run(@Tenant() context: TenantContext) {
    const actor = actorOf(context);
    await this.jobs.enqueue({
      name: JobName.ApplyRetention,
      data: { orgId: context.orgId, requestedBy: { type: actor.type as 'user' | 'client', id: actor.id! } },
    });
    return envelope({ status: 'queued' });
  }

  @Get(':id')
  @Access(ADMIN)
  async get(@Tenant() context: TenantContext, @Param('id', policyId) id: string) {
    return envelope(presentPolicy(await this.policies.findOne(context.orgId, id)));
  }

  @Patch(':id')
  @Access(ADMIN)
  async update(
    @Tenant() context: TenantContext,
    @Param('id', policyId) id: string,
    @Body() body: UpdateRetentionPolicyDto,
  ) {
    if (body.projectId) await this.projects.get(context, body.projectId);
    return envelope(presentPolicy(await this.policies.update(context.orgId, id, body)));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(ADMIN)
  async remove(@Tenant() context: TenantContext, @Param('id', policyId) id: string) {
    await this.policies.remove(context.orgId, id);
  }
}
