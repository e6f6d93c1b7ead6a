import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, listEnvelope, Tenant, TenantContext } from '@app/core';
import { AuditService, ListAuditQuery, presentAuditEntry } from '@app/audit';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access({ role: 'admin' })
  @ApiOperation({ summary: 'Who did what to personal data, newest first (append-only)' })
  async list(@Tenant() context: TenantContext, @Query() query: ListAuditQuery) {
    const [items, total, nextCursor] = await this.audit.list(context.orgId, query);
    return listEnvelope(items.map(presentAuditEntry), total, query, { nextCursor });
  }
}
