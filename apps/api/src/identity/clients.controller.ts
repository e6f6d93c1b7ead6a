import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { ClientsService, CreateClientDto } from '@app/identity';

@ApiTags('clients')
@ApiBearerAuth()
@Access({ role: 'admin' })
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a service client; its secret is shown in this answer only' })
  async create(@Tenant() context: TenantContext, @Body() body: CreateClientDto) {
    return envelope(await this.clients.create(context, body));
  }

  @Get()
  async list(@Tenant() context: TenantContext, @Query() page: PaginationQueryDto) {
    const { items, total, nextCursor } = await this.clients.list(context, page);
    return listEnvelope(items, total, page, { nextCursor });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a client; its tokens stop working at once' })
  async remove(@Tenant() context: TenantContext, @Param('id', new ParseIdPipe('cli', 'Client')) id: string) {
    await this.clients.remove(context, id);
  }
}
