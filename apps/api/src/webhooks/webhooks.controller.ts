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
import { CreateWebhookDto, DeliveriesService, UpdateWebhookDto, WebhooksService } from '@app/webhooks';

const WebhookId = () => new ParseIdPipe('whk', 'Webhook');

@ApiTags('webhooks')
@ApiBearerAuth()
@Access({ role: 'admin', scope: 'webhooks.write' })
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly deliveries: DeliveriesService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create an endpoint; its signing secret (whsec_...) is shown in this answer only',
  })
  async create(@Tenant() context: TenantContext, @Body() body: CreateWebhookDto) {
    return envelope(await this.webhooks.create(context, body));
  }

  @Get()
  async list(@Tenant() context: TenantContext, @Query() page: PaginationQueryDto) {
    const { items, total, nextCursor } = await this.webhooks.list(context, page);
    return listEnvelope(items, total, page, { nextCursor });
  }

  @Get(':id')
  async get(@Tenant() context: TenantContext, @Param('id', WebhookId()) id: string) {
    return envelope(await this.webhooks.get(context, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change url, events, description or enabled; enabling again clears the failure state',
  })
  async update(
    @Tenant() context: TenantContext,
    @Param('id', WebhookId()) id: string,
    @Body() body: UpdateWebhookDto,
  ) {
    return envelope(await this.webhooks.update(context, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Tenant() context: TenantContext, @Param('id', WebhookId()) id: string) {
    await this.webhooks.remove(context, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'New signing secret (shown once); the previous one keeps signing beside it during the overlap',
  })
  async rotateSecret(@Tenant() context: TenantContext, @Param('id', WebhookId()) id: string) {
    return envelope(await this.webhooks.rotateSecret(context, id));
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a webhook.test message to this endpoint through the normal delivery path' })
  async test(@Tenant() context: TenantContext, @Param('id', WebhookId()) id: string) {
    return envelope(await this.deliveries.sendTest(context, id));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries to this endpoint, newest first, each with its attempts' })
  async listDeliveries(
    @Tenant() context: TenantContext,
    @Param('id', WebhookId()) id: string,
    @Query() page: PaginationQueryDto,
  ) {
    const { items, total, nextCursor } = await this.deliveries.listForEndpoint(context, id, page);
    return listEnvelope(items, total, page, { nextCursor });
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'A new series of attempts for the same message (same webhook-id)' })
  async redeliver(
    @Tenant() context: TenantContext,
    @Param('id', new ParseIdPipe('dlv', 'Delivery')) id: string,
  ) {
    return envelope(await this.deliveries.redeliver(context, id));
  }
}
