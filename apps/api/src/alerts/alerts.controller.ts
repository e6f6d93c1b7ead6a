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
import { AlertsService, CreateAlertDto, ListAlertEventsQuery, UpdateAlertDto } from '@app/alerts';

const READ = { role: 'viewer', scope: 'alerts.write' } as const;
const WRITE = { role: 'supervisor', scope: 'alerts.write' } as const;
const ruleId = new ParseIdPipe('alr', 'Alert rule');

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  // Before ':id', so "events" is not read as a rule id.
  @Get('events')
  @Access(READ)
  @ApiOperation({ summary: 'Triggered alerts, newest first; an agent sees those of its own records' })
  async events(@Tenant() context: TenantContext, @Query() query: ListAlertEventsQuery) {
    const [items, total, nextCursor] = await this.alerts.listEvents(context, query);
    return listEnvelope(items, total, query, { nextCursor });
  }

  @Get()
  @Access(READ)
  async list(@Tenant() context: TenantContext, @Query() page: PaginationQueryDto) {
    const [items, total, nextCursor] = await this.alerts.list(context, page);
    return listEnvelope(items, total, page, { nextCursor });
  }

  @Post()
  @Access(WRITE)
  @ApiOperation({ summary: 'Create an alert rule; a malformed condition is a 400 naming the bad part' })
  async create(@Tenant() context: TenantContext, @Body() body: CreateAlertDto) {
    return envelope(await this.alerts.create(context, body));
  }

  @Get(':id')
  @Access(READ)
  async get(@Tenant() context: TenantContext, @Param('id', ruleId) id: string) {
    return envelope(await this.alerts.get(context, id));
  }

  @Patch(':id')
  @Access(WRITE)
  async update(
    @Tenant() context: TenantContext,
    @Param('id', ruleId) id: string,
    @Body() body: UpdateAlertDto,
  ) {
    return envelope(await this.alerts.update(context, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(WRITE)
  @ApiOperation({ summary: 'Delete a rule; the events it triggered stay listed' })
  async remove(@Tenant() context: TenantContext, @Param('id', ruleId) id: string) {
    await this.alerts.remove(context, id);
  }
}
